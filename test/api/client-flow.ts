// A small program written against the generated client (web/src/api-client) only: log in, create a record, run a
// report, with every body, query and answer typed. generated-client.test.ts compiles it with tsc (strict) and runs
// it against a listening server. The @ts-expect-error lines prove the types are real: were a body or an answer
// untyped (unknown, any), those lines would compile and tsc would report the unused directive.
import { createClient } from '../../web/src/api-client/client';
import { createRecord, login, me, runReport, type CreateRecordData, type RunReportData } from '../../web/src/api-client';

export interface FlowInput {
  baseUrl: string;
  username: string;
  password: string;
  record: CreateRecordData['body'];
  report: RunReportData['path'] & { query: NonNullable<RunReportData['query']> };
}

export async function clientFlow(input: FlowInput) {
  let token = '';
  const client = createClient({ baseUrl: input.baseUrl, auth: () => token });

  // @ts-expect-error the login body's user name is a string
  void (() => login({ client, body: { username: 1, password: 'x' } }));
  const session = await login({ client, body: { username: input.username, password: input.password }, throwOnError: true });
  token = session.data.token;
  const expires: string = session.data.expiresAt;
  const roles: string[] = session.data.roles.map((r) => r.role);
  // @ts-expect-error the user view has no password hash
  void session.data.user.passwordHash;

  const who = await me({ client, throwOnError: true });
  const scope: string[] = who.data.scopePaths;

  // @ts-expect-error a create names its org unit
  void (() => createRecord({ client, body: { plugin: 'p', form: 'f', period: '2024' } }));
  const created = await createRecord({ client, body: input.record, throwOnError: true });
  const record = created.data;
  const revision: number = record.revision;
  const state: string = record.state;
  const unitName: string | undefined = record.orgUnit?.name['zh-CN'];

  // @ts-expect-error format is json, xlsx or csv
  void (() => runReport({ client, path: input.report, query: { format: 'pdf' } }));
  const run = await runReport({
    client,
    path: { plugin: input.report.plugin, report: input.report.report },
    query: { ...input.report.query, format: 'json' },
    throwOnError: true,
  });
  const columns: string[] = run.data.columns.map((c) => c.id);
  const rows: Record<string, unknown>[] = run.data.rows;

  const refused = await createRecord({ client, body: { ...input.record, id: undefined, orgUnitId: 'no-such-unit' } });
  const code: string | undefined = refused.error?.error.code;

  return {
    status: created.response.status,
    expires,
    roles,
    scope,
    id: record.id,
    revision,
    state,
    unitName,
    columns,
    rows,
    refusedCode: code,
    refusedStatus: refused.response.status,
  };
}
