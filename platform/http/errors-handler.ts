// Turns every failure into the one error shape {error: {code, message: {zh-CN, en}, details}}. Client mistakes
// (bad JSON, wrong content type, too large, a value the database cannot store) get 4xx codes from the catalogue;
// only our own faults are 500, and those are logged with their stack.
import type { FastifyError, FastifyInstance } from 'fastify';
import { HezuoError, detail } from '../errors';
import { inputFaultOf } from '../store/input-faults';

/** A missing property is named by its own pointer (/plugin), not by the object that lacks it. */
function pointerOf(v: { instancePath?: string; keyword: string; params: unknown }): string {
  const missing = (v.params as { missingProperty?: unknown } | undefined)?.missingProperty;
  const at = v.instancePath || '';
  return v.keyword === 'required' && typeof missing === 'string' ? `${at}/${missing.replace(/~/g, '~0').replace(/\//g, '~1')}` : at;
}

export function installErrorHandling(app: FastifyInstance) {
  app.setErrorHandler((err: FastifyError | HezuoError, req, reply) => {
    let e: HezuoError;
    const input = inputFaultOf(err);
    if (err instanceof HezuoError) e = err;
    else if ((err as FastifyError).code === 'FST_ERR_CTP_BODY_TOO_LARGE') e = new HezuoError('PAYLOAD_TOO_LARGE');
    else if ((err as FastifyError).validation) {
      e = new HezuoError(
        'BAD_REQUEST',
        (err as FastifyError).validation!.map((v) =>
          detail(pointerOf(v), `请求字段不正确:${v.message ?? ''}`, `Bad request field: ${v.message ?? ''}`, {
            keyword: v.keyword,
            params: v.params as Record<string, unknown>,
          }),
        ),
      );
    } else if (input) {
      // A backstop behind the checks at the edge (json-body.ts, storable-text.ts): still the request's fault, but
      // worth a warning, since it means a value reached the database unchecked. The database's message is neither
      // logged nor answered: it may quote the value.
      req.log.warn(
        { sqlState: input.sqlState, stack: (err as Error).stack?.split('\n').slice(1).join('\n') },
        'database refused a value of the request',
      );
      e =
        input.fault === 'character'
          ? new HezuoError('CHARACTER_INVALID', [
              detail('', '含有数据库无法保存的字符', 'Holds a character the database cannot store', { code: input.sqlState }),
            ])
          : new HezuoError('INPUT_NOT_STORABLE', [
              detail('', '数据库拒绝了请求中的值', 'The database refused a value of the request', { code: input.sqlState }),
            ]);
    } else if (
      typeof (err as FastifyError).statusCode === 'number' &&
      (err as FastifyError).statusCode! >= 400 &&
      (err as FastifyError).statusCode! < 500
    ) {
      // fastify's own client errors: unsupported media type, bad URL, multipart limits …
      e = new HezuoError('BAD_REQUEST', [
        detail('', `请求无法解析:${err.message}`, `The request cannot be read: ${err.message}`, { code: (err as FastifyError).code }),
      ]);
    } else {
      req.log.error({ err }, 'internal error');
      e = new HezuoError('INTERNAL');
    }
    reply.status(e.status).type('application/json; charset=utf-8').send(JSON.stringify(e.toJSON()));
  });
  app.setNotFoundHandler((req, reply) => {
    // The path only: a query string may hold personal data (a search for a name or an ID number).
    const path = req.url.split('?')[0];
    const e = new HezuoError('ROUTE_NOT_FOUND', [detail('', `${req.method} ${path} 不存在`, `${req.method} ${path} does not exist`)]);
    reply.status(e.status).type('application/json; charset=utf-8').send(JSON.stringify(e.toJSON()));
  });
}
