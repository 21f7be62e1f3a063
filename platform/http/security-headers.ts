// Security headers on every answer (pages, API, errors, /docs) through @fastify/helmet.
// Scripts: 'self' only, never 'unsafe-inline': the Vite build and swagger-ui load every script from files. The web
// app's pages (not the API, not /docs) also allow 'unsafe-eval', because ajv, which validates forms live in the
// browser, compiles each plugin's JSON Schema with new Function(); dropping it needs forms compiled ahead of time.
// Eval is no way in for injected markup: that still cannot run a script. Styles: 'unsafe-inline' is allowed because antd (CSS-in-JS) and swagger-ui write <style> elements
// and style attributes at run time; inline styles cannot run code. No upgrade-insecure-requests: Hezuo is often
// served over plain http on an office network, where upgrading its own requests to https would break every page.
// Referrer-Policy same-origin, not no-referrer: under no-referrer a browser sends "Origin: null" even on its
// own-origin POSTs, and csrf.ts needs the real origin.
import type { FastifyInstance } from 'fastify';
import type { IncomingMessage } from 'node:http';
import helmet from '@fastify/helmet';

const NOT_A_PAGE = /^\/(api|docs)(\/|$|\?)/;

export async function installSecurityHeaders(app: FastifyInstance) {
  await app.register(helmet, {
    global: true,
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        baseUri: ["'self'"],
        scriptSrc: ["'self'", (req: IncomingMessage) => (NOT_A_PAGE.test(req.url ?? '') ? '' : "'unsafe-eval'")],
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
