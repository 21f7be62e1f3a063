// Every /api route acts for someone: a preHandler resolves the session (bearer token or cookie) to the principal
// once, as req.principal, before the handler runs. Routes anyone may call (login, health, the error catalogue)
// say so with `config: { public: true }`. No session, or an expired one → 401 UNAUTHENTICATED. A user whose
// password an admin reset may only call the routes that let them set their own (`config: { beforePasswordChange:
// true }`) until they have; everything else → 403 PASSWORD_CHANGE_REQUIRED.
import type { FastifyInstance } from 'fastify';
import type { PlatformContext } from '../context';
import type { Principal } from '../access/principal';
import { authenticate } from '../auth/auth-service';
import { HezuoError } from '../errors';
import { tokenOf } from './session';

export function installAuthentication(app: FastifyInstance, ctx: PlatformContext) {
  app.decorateRequest('principal', null as unknown as Principal);
  app.addHook('preHandler', async (req) => {
    const url = req.routeOptions.url;
    if (!url?.startsWith('/api/') || req.routeOptions.config.public) return;
    req.principal = await authenticate(ctx, tokenOf(req));
    if (req.principal.user.mustChangePassword && !req.routeOptions.config.beforePasswordChange)
      throw new HezuoError('PASSWORD_CHANGE_REQUIRED');
  });
}

declare module 'fastify' {
  interface FastifyRequest {
    principal: Principal;
  }
  interface FastifyContextConfig {
    public?: boolean;
    beforePasswordChange?: boolean;
  }
}
