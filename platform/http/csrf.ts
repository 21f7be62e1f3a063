// CSRF defence. A browser sends the session cookie with any request to this server, whichever site made it; a
// state-changing request that relies on the cookie must therefore show it came from this server's own pages:
// an Origin (or, without one, a Referer) equal to the server's origin, or Sec-Fetch-Site: same-origin. Covers every
// method but GET/HEAD/OPTIONS, so multipart uploads, imports and logout too. Requests with Authorization: Bearer
// cannot be forged by another site (it cannot set that header without CORS, which this server never grants) and
// pass. Login has no cookie yet but is refused from another site all the same (login CSRF: a victim silently
// logged in as the attacker). The server's origin is protocol + host as fastify sees them, so behind a TLS proxy
// HEZUO_TRUST_PROXY must be set for X-Forwarded-Proto/Host to count.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { HezuoError, detail } from '../errors';
import { bearerOf, cookieTokenOf } from './session';

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);
const LOGIN = '/api/auth/login';

const originOf = (url: string): string | null => {
  try {
    return new URL(url).origin;
  } catch {
    return null;
  }
};

/** This server's origin as the browser addressed it. */
export const ownOrigin = (req: FastifyRequest) => originOf(`${req.protocol}://${req.host}`);

const refused = (zh: string, en: string) => new HezuoError('CSRF_REFUSED', [detail('', zh, en)]);

/** Null when the request may go on; the refusal otherwise. */
export function csrfRefusal(req: FastifyRequest): HezuoError | null {
  if (SAFE.has(req.method) || bearerOf(req)) return null;
  const withCookie = cookieTokenOf(req) !== undefined;
  if (!withCookie && req.url.split('?')[0] !== LOGIN) return null; // no credential: the route answers 401 itself
  const site = req.headers['sec-fetch-site'];
  if (site === 'cross-site' || site === 'same-site') {
    return refused(
      `浏览器报告请求来自其他网站(Sec-Fetch-Site: ${site})`,
      `The browser reports the request came from another site (Sec-Fetch-Site: ${site})`,
    );
  }
  const claimed = req.headers.origin ?? req.headers.referer;
  if (claimed !== undefined) {
    const own = ownOrigin(req);
    const theirs = originOf(claimed);
    if (theirs !== null && theirs === own) return null;
    return refused(
      `请求来源 ${theirs ?? claimed.slice(0, 100)} 不是本服务器 ${own}`,
      `The request's origin ${theirs ?? claimed.slice(0, 100)} is not this server's ${own}`,
    );
  }
  if (site === 'same-origin' || !withCookie) return null; // a login from a script or the command line sends neither
  return refused(
    '使用会话 Cookie 的修改请求必须带 Origin 头',
    'A changing request that uses the session cookie must carry an Origin header',
  );
}

export function installCsrfCheck(app: FastifyInstance) {
  app.addHook('onRequest', async (req) => {
    const refusal = csrfRefusal(req);
    if (refusal) throw refusal;
  });
}
