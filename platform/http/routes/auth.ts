import type { FastifyInstance } from 'fastify';
import type { PlatformContext } from '../../context';
import { login, logout } from '../../auth/auth-service';
import { HezuoError } from '../../errors';
import { clearedSessionCookie, sessionCookie, tokenOf } from '../session';
import { PUBLIC, SECURED, responses } from '../schemas/common';
import { loginBody, loginResponse, meResponse, okResponse } from '../schemas/users';

export function authRoutes(app: FastifyInstance, ctx: PlatformContext) {
  app.post(
    '/api/auth/login',
    {
      config: { public: true },
      schema: {
        operationId: 'login',
        tags: ['auth'],
        security: PUBLIC,
        body: loginBody,
        response: responses({ 200: loginResponse }, [400, 401, 423, 429]),
        summary: 'Log in with user name and password; returns a session token (also set as an HttpOnly cookie)',
      },
    },
    async (req, reply) => {
      const body = req.body as { username: string; password: string };
      let result;
      try {
        result = await login(ctx, body.username, body.password, req.ip);
      } catch (e) {
        const retryAfter = e instanceof HezuoError && e.code === 'LOGIN_THROTTLED' ? e.details[0]?.params?.retryAfter : undefined;
        if (retryAfter !== undefined) reply.header('retry-after', String(retryAfter));
        throw e;
      }
      const { token, expiresAt, principal, mustChangePassword } = result;
      reply.header('set-cookie', sessionCookie(req, token, expiresAt, ctx.clock.now()));
      return { token, expiresAt, user: principal.user, roles: principal.grants, mustChangePassword };
    },
  );

  // Public: logging out without a (valid) session still clears the cookie.
  app.post(
    '/api/auth/logout',
    {
      config: { public: true },
      schema: {
        operationId: 'logout',
        tags: ['auth'],
        security: PUBLIC,
        summary: 'End the current session',
        response: responses({ 200: okResponse }),
      },
    },
    async (req, reply) => {
      const token = tokenOf(req);
      if (token) await logout(ctx, token, req.ip);
      reply.header('set-cookie', clearedSessionCookie(req));
      return { ok: true };
    },
  );

  app.get(
    '/api/me',
    {
      schema: {
        operationId: 'me',
        tags: ['auth'],
        security: SECURED,
        response: responses({ 200: meResponse }, [401]),
        summary: 'The logged-in user, the roles held and the org units in scope',
      },
      config: { beforePasswordChange: true },
    },
    async (req) => {
      const p = req.principal;
      return { user: p.user, roles: p.grants, scopePaths: p.scopePaths, mustChangePassword: p.user.mustChangePassword ?? false };
    },
  );
}
