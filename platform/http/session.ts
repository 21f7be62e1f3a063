// Reads the session token from "Authorization: Bearer …" or the hezuo_session cookie (authenticate.ts resolves it);
// writes the cookie (Secure when the request came over https, as seen through a trusted proxy).
import type { FastifyRequest } from 'fastify';

export const SESSION_COOKIE = 'hezuo_session';

export const bearerOf = (req: FastifyRequest): string | undefined => {
  const auth = req.headers.authorization;
  return auth?.startsWith('Bearer ') ? auth.slice(7).trim() || undefined : undefined;
};

export function cookieTokenOf(req: FastifyRequest): string | undefined {
  const cookie = req.headers.cookie;
  if (!cookie) return undefined;
  for (const part of cookie.split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k !== SESSION_COOKIE) continue;
    try {
      return decodeURIComponent(v.join('=')) || undefined;
    } catch {
      return undefined; // a malformed cookie is no session
    }
  }
  return undefined;
}

export const tokenOf = (req: FastifyRequest): string | undefined => bearerOf(req) ?? cookieTokenOf(req);

const attributes = (req: FastifyRequest) => `Path=/; HttpOnly; SameSite=Strict${req.protocol === 'https' ? '; Secure' : ''}`;

/**
 * The Set-Cookie value that carries a new session. Max-Age, not Expires: a lifetime relative to now holds even when
 * the browser's clock and the server's disagree.
 */
export const sessionCookie = (req: FastifyRequest, token: string, expiresAt: Date, now: Date) =>
  `${SESSION_COOKIE}=${encodeURIComponent(token)}; ${attributes(req)}; Max-Age=${Math.max(0, Math.floor((expiresAt.getTime() - now.getTime()) / 1000))}`;

/** The Set-Cookie value that removes it. */
export const clearedSessionCookie = (req: FastifyRequest) => `${SESSION_COOKIE}=; ${attributes(req)}; Max-Age=0`;
