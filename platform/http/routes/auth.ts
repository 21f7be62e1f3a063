import type { FastifyInstance } from 'fastify';
import type { PlatformContext } from '../../context';
import { login, logout } from '../../auth/auth-service';
import { clearedSessionCookie, principalFor, sessionCookie, tokenOf } from '../session';

export function authRoutes(app: FastifyInstance, ctx: PlatformContext) {
  app.post('/api/auth/login', {
    schema: { tags: ['auth'], summary: 'Log in with user name and password; returns a session token (also set as an HttpOnly cookie)' },
  }, async (req, reply) => {
    const body = (req.body ?? {}) as { username?: unknown; password?: unknown };
    const { token, expiresAt, principal } = await login(ctx, body.username, body.password);
    reply.header('set-cookie', sessionCookie(req, token, expiresAt, ctx.clock.now()));
    return { token, expiresAt, user: principal.user, roles: principal.grants };
  });

  app.post('/api/auth/logout', { schema: { tags: ['auth'], summary: 'End the current session' } }, async (req, reply) => {
    const token = tokenOf(req);
    if (token) await logout(ctx, token);
    reply.header('set-cookie', clearedSessionCookie(req));
    return { ok: true };
  });

  app.get('/api/me', { schema: { tags: ['auth'], summary: 'The logged-in user, the roles held and the org units in scope' } }, async (req) => {
    const p = await principalFor(ctx, req);
    return { user: p.user, roles: p.grants, scopePaths: p.scopePaths };
  });
}
