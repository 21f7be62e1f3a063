// Reads the session token from "Authorization: Bearer …" or the hezuo_session cookie (authenticate.ts resolves it).
import type { FastifyRequest } from 'fastify';

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
