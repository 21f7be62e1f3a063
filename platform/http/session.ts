// Reads the session token from "Authorization: Bearer …" or the hezuo_session cookie, and resolves the principal.
import type { FastifyRequest } from 'fastify';
import type { PlatformContext } from '../context';
import { authenticate } from '../auth/auth-service';
import type { Principal } from '../access/principal';
import { HezuoError } from '../errors';

export const SESSION_COOKIE = 'hezuo_session';

export function tokenOf(req: FastifyRequest): string | undefined {
  const auth = req.headers.authorization;
  if (auth?.startsWith('Bearer ')) return auth.slice(7).trim() || undefined;
  const cookie = req.headers.cookie;
  if (!cookie) return undefined;
  for (const part of cookie.split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === SESSION_COOKIE) return decodeURIComponent(v.join('='));
  }
  return undefined;
}

/** Routes open to a user whose password an admin reset, so they can see who they are and set their own. */
const OPEN_BEFORE_PASSWORD_CHANGE = new Set(['/api/me', '/api/me/password']);

export async function principalFor(ctx: PlatformContext, req: FastifyRequest): Promise<Principal> {
  const p = await authenticate(ctx, tokenOf(req));
  if (p.user.mustChangePassword && !OPEN_BEFORE_PASSWORD_CHANGE.has(req.routeOptions.url ?? '')) throw new HezuoError('PASSWORD_CHANGE_REQUIRED');
  return p;
}
