// Demo records on a new demo server (`npm start` with the bundled demo seed): for every form with a workflow, a
// record in each state its workflow reaches, made from the plugin's fixture cases (demo-cases.ts) by the demo
// users themselves — created and moved through the one write path (createRecord, transitionRecord), so history,
// audit, marks and rule results are real. A database that holds any record is never touched.
import { HezuoError } from '../errors';
import { principalOf, holdsRole, type Principal } from '../access/principal';
import { listUsers, rolesOf, type RoleGrant } from '../store/users-store';
import { orgPathsByCodes } from '../store/orgs-store';
import { createRecord } from '../records/record-service';
import { subjectOf } from '../records/evaluate-record';
import { transitionRecord } from '../workflows/transition-service';
import { today, type PlatformContext } from '../context';
import type { FormDefinition, PeriodKind, PluginDefinition } from '../plugins/types';
import { demoCases, pathsToStates, type DemoCase } from './demo-cases';
import { currentPeriod, earlierPeriod } from './demo-periods';
import { fileableData, referencedFirst, type Seeded } from './demo-data';

export const DEMO_COMMENT = '示范记录:首次启动时由插件的测试用例生成 (demo record made from the plugin fixtures on first start)';
/** Cases tried per state before giving up on it (a case may stop at an earlier step: a check fails, a guard refuses). */
const TRIES_PER_STATE = 3;
/** Earlier periods tried when a subject already has a record in the period. */
const EARLIER_PERIODS = 6;

export interface DemoSummary {
  /** `plugin/form` → state → records. */
  forms: Record<string, Record<string, number>>;
  created: number;
}

export async function seedDemoRecords(ctx: PlatformContext): Promise<DemoSummary | null> {
  if (await ctx.db.selectFrom('records').select('id').limit(1).executeTakeFirst()) return null;
  const users = (await listUsers(ctx.db)).filter((u) => !u.disabled);
  const principals = await Promise.all(users.map(async (u) => principalOf(u, await rolesOf(ctx.db, u.id))));
  const summary: DemoSummary = { forms: {}, created: 0 };
  const seeded: Seeded = new Map();
  for (const plugin of ctx.registry.active()) {
    const regions = plugin.manifest.regions?.length ? (await orgPathsByCodes(ctx.db, plugin.manifest.regions)).map((r) => r.path) : null;
    for (const form of referencedFirst(plugin)) {
      const wf = form.workflow?.workflow;
      const cases = demoCases(plugin, form.id);
      if (!wf || !cases.length) continue;
      const creators = filersFirst(creatorsOf(principals, form, regions), form);
      const reached: Record<string, number> = {};
      const taken = new Set<string>();
      let next = 0;
      for (const [target, path] of pathsToStates(wf)) {
        for (let tries = 0; tries < TRIES_PER_STATE && !reached[target]; tries++) {
          const state = await seedOne(ctx, plugin, form, cases[next++ % cases.length], creators, principals, path, seeded, taken);
          if (state) {
            reached[state] = (reached[state] ?? 0) + 1;
            summary.created++;
          }
        }
      }
      if (Object.keys(reached).length) summary.forms[`${plugin.id}/${form.id}`] = reached;
    }
  }
  return summary;
}

interface Creator {
  principal: Principal;
  grant: RoleGrant;
}

/** Who may create records of the form, at which units (within the plugin's regions, when it names any). */
function creatorsOf(principals: Principal[], form: FormDefinition, regions: string[] | null): Creator[] {
  const roles: string[] = form.manifest.createRoles ?? ['officer'];
  return principals.flatMap((principal) =>
    principal.grants
      .filter((g) => roles.includes(g.role) && (!regions || regions.some((r) => g.orgPath.startsWith(r))))
      .map((grant) => ({ principal, grant })),
  );
}

/**
 * The creators at the level that takes the workflow's first step (a household submitted by its village, a
 * cooperative by its township) first, so a demo record is filed where such records are filed — not at a township
 * officer's unit, above the village a report groups it by. The others stay as fallbacks, in their order.
 */
function filersFirst(creators: Creator[], form: FormDefinition): Creator[] {
  const wf = form.workflow?.workflow;
  const roles: string[] = form.manifest.createRoles ?? ['officer'];
  const level = wf?.transitions.find((t) => t.from.includes(wf.initial) && t.roles.some((r) => roles.includes(r)))?.level;
  if (!level) return creators;
  return [...creators.filter((c) => c.grant.orgLevel === level), ...creators.filter((c) => c.grant.orgLevel !== level)];
}

/** A unit the case's data names (a district field, say) first: a rule may require the record to be filed there. */
function byMention(creators: Creator[], data: Record<string, unknown>): Creator[] {
  const named = new Set(Object.values(data).filter((v): v is string => typeof v === 'string'));
  const mentioned = creators.filter((c) => named.has(c.grant.orgUnitId) || named.has(c.grant.orgCode));
  return [...mentioned, ...creators.filter((c) => !mentioned.includes(c))].slice(0, 3);
}

/** One record from a case walked along `path`; the state it ended in, or null when it could not be created. */
async function seedOne(
  ctx: PlatformContext,
  plugin: PluginDefinition,
  form: FormDefinition,
  demo: DemoCase,
  creators: Creator[],
  principals: Principal[],
  path: string[],
  seeded: Seeded,
  taken: Set<string>,
): Promise<string | null> {
  const kind = form.manifest.period.kind as PeriodKind;
  const first = demo.period ?? currentPeriod(kind, today(ctx));
  if (first === null) return null;
  for (const { principal, grant } of byMention(creators, demo.data)) {
    // Cases of a suite often share a subject: each record of it goes to the latest period it has none in yet.
    const subject = subjectOf(form, demo.data);
    const uniqueKey = (period: string) =>
      form.manifest.uniquePer === 'subject' && subject
        ? `${subject}|${period}`
        : form.manifest.uniquePer === 'orgUnit'
          ? `${grant.orgUnitId}|${period}`
          : null;
    let period: string | null = first;
    for (let i = 0; period !== null && i < EARLIER_PERIODS && taken.has(uniqueKey(period) ?? ''); i++) period = earlierPeriod(kind, period);
    const key = period === null ? null : uniqueKey(period);
    if (period === null || (key && taken.has(key))) return null;
    try {
      const data = await fileableData(ctx, principal, grant, plugin, form, demo.data, seeded);
      const body = { plugin: plugin.id, form: form.id, period, orgUnitId: grant.orgUnitId, data };
      const { record } = await createRecord(ctx, principal, body);
      if (key) taken.add(key);
      const formKey = `${plugin.id}/${form.id}`;
      seeded.set(formKey, [...(seeded.get(formKey) ?? []), { id: record.id, orgPath: grant.orgPath }]);
      return await walk(ctx, record.id, record.revision, record.state, grant.orgPath, form, [principal, ...principals], path);
    } catch (e) {
      if (!(e instanceof HezuoError)) throw e;
      // Taken by a record this did not seed (none: the database was empty) or refused for this unit: try another.
      if (e.code === 'DUPLICATE_RECORD' && key) taken.add(key);
    }
  }
  return null;
}

/** Takes each step by the first user allowed to; stops (where it is) at the first step refused. */
async function walk(
  ctx: PlatformContext,
  id: string,
  revision: number,
  state: string,
  orgPath: string,
  form: FormDefinition,
  principals: Principal[],
  path: string[],
): Promise<string> {
  for (const step of path) {
    const t = form.workflow!.transitions.get(step)!;
    const who = principals.find((p) => holdsRole(p, t.roles, orgPath, t.level));
    if (!who) return state;
    try {
      const view = await transitionRecord(ctx, who, id, { revision, transition: step, comment: DEMO_COMMENT });
      revision = view.revision;
      state = view.state;
    } catch (e) {
      if (!(e instanceof HezuoError)) throw e;
      return state;
    }
  }
  return state;
}
