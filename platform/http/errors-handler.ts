// Turns every failure into the one error shape {error: {code, message: {zh-CN, en}, details}}. Client mistakes
// (bad JSON, wrong content type, too large) get 4xx codes from the catalogue; only our own faults are 500.
import type { FastifyError, FastifyInstance } from 'fastify';
import { HezuoError, detail } from '../errors';

/** A missing property is named by its own pointer (/plugin), not by the object that lacks it. */
function pointerOf(v: { instancePath?: string; keyword: string; params: unknown }): string {
  const missing = (v.params as { missingProperty?: unknown } | undefined)?.missingProperty;
  const at = v.instancePath || '';
  return v.keyword === 'required' && typeof missing === 'string' ? `${at}/${missing.replace(/~/g, '~0').replace(/\//g, '~1')}` : at;
}

export function installErrorHandling(app: FastifyInstance) {
  app.setErrorHandler((err: FastifyError | HezuoError, req, reply) => {
    let e: HezuoError;
    if (err instanceof HezuoError) e = err;
    else if ((err as FastifyError).code === 'FST_ERR_CTP_BODY_TOO_LARGE') e = new HezuoError('PAYLOAD_TOO_LARGE');
    else if ((err as FastifyError).validation) {
      e = new HezuoError('BAD_REQUEST', (err as FastifyError).validation!.map((v) =>
        detail(pointerOf(v), `请求字段不正确:${v.message ?? ''}`, `Bad request field: ${v.message ?? ''}`, { keyword: v.keyword, params: v.params as Record<string, unknown> })));
    } else if (typeof (err as FastifyError).statusCode === 'number' && (err as FastifyError).statusCode! >= 400 && (err as FastifyError).statusCode! < 500) {
      // fastify's own client errors: malformed JSON, unsupported media type, empty body with JSON type …
      e = new HezuoError('BAD_REQUEST', [detail('', `请求无法解析:${err.message}`, `The request cannot be read: ${err.message}`, { code: (err as FastifyError).code })]);
    } else {
      req.log.error({ err }, 'internal error');
      e = new HezuoError('INTERNAL');
    }
    reply.status(e.status).type('application/json; charset=utf-8').send(JSON.stringify(e.toJSON()));
  });
  app.setNotFoundHandler((req, reply) => {
    const e = new HezuoError('ROUTE_NOT_FOUND', [detail('', `${req.method} ${req.url} 不存在`, `${req.method} ${req.url} does not exist`)]);
    reply.status(e.status).send(e.toJSON());
  });
}
