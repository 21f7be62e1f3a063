// Security headers on every answer (pages, API, errors, /docs) through @fastify/helmet.
// Scripts: 'self' only, no 'unsafe-inline' and no 'unsafe-eval': the Vite build and swagger-ui load every script
// from files. Styles: 'unsafe-inline' is allowed because antd (CSS-in-JS) and swagger-ui write <style> elements
// and style attributes at run time; inline styles cannot run code. No upgrade-insecure-requests: Hezuo is often
// served over plain http on an office network, where upgrading its own requests to https would break every page.
// Referrer-Policy same-origin, not no-referrer: under no-referrer a browser sends "Origin: null" even on its
// own-origin POSTs, and csrf.ts needs the real origin.
import type { FastifyInstance } from 'fastify';
import helmet from '@fastify/helmet';

export async function installSecurityHeaders(app: FastifyInstance) {
  await app.register(helmet, {
    global: true,
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        baseUri: ["'self'"],
        scriptSrc: ["'self'"],
        scriptSrcAttr: ["'none'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
    xFrameOptions: { action: 'deny' }, // for browsers older than frame-ancestors
    referrerPolicy: { policy: 'same-origin' },
    // Sent on https only by browsers; no includeSubDomains, since other services of an office may share the domain.
    strictTransportSecurity: { maxAge: 31536000, includeSubDomains: false },
  });
}
