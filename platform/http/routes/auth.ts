import type { FastifyInstance } from 'fastify';
import type { PlatformContext } from '../../context';
import { login, logout } from '../../auth/auth-service';
import { HezuoError } from '../../errors';
import { SESSION_COOKIE, principalFor, tokenOf } from '../session';

export function authRoutes(app: FastifyInstance, ctx: PlatformContext) {
  app.post('/api/auth/login', {
    schema: { tags: ['auth'], summary: 'Log in with user name and password; returns a session token (also set as an HttpOnly cookie)' },
  }, async (req, reply) => {
    const body = (req.body ?? {}) as { username?: unknown; password?: unknown };
    let result;
    try {
      result = await login(ctx, body.username, body.password, req.ip);
    } catch (e) {
      const retryAfter = e instanceof HezuoError && e.code === 'LOGIN_THROTTLED' ? e.details[0]?.params?.retryAfter : undefined;
      if (retryAfter !== undefined) reply.header('retry-after', String(retryAfter));
      throw e;
    }
    const { token, expiresAt, principal, mustChangePassword } = result;
    reply.header('set-cookie', `${SESSION_COOKIE}=${encodeURIComponent(token)}; Path=/; HttpOnly; SameSite=Strict; Expires=${expiresAt.toUTCString()}`);
    return { token, expiresAt, user: principal.user, roles: principal.grants, mustChangePassword };
  });

  app.post('/api/auth/logout', { schema: { tags: ['auth'], summary: 'End the current session' } }, async (req, reply) => {
    const token = tokenOf(req);
    if (token) await logout(ctx, token, req.ip);
    reply.header('set-cookie', `${SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0`);
    return { ok: true };
  });

  app.get('/api/me', { schema: { tags: ['auth'], summary: 'The logged-in user, the roles held and the org units in scope' } }, async (req) => {
    const p = await principalFor(ctx, req);
    return { user: p.user, roles: p.grants, scopePaths: p.scopePaths, mustChangePassword: p.user.mustChangePassword ?? false };
  });
}
