// The HTTP layer: translates requests into calls of the engine and back, nothing more.
import Fastify, { LogController, type FastifyInstance, type FastifyServerOptions, type RouteOptions } from 'fastify';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { PlatformContext } from '../context';
import type { PluginFailure } from '../plugins/loader';
import { PLATFORM_VERSION } from '../version';
import { ERRORS } from '../errors';
import { installErrorHandling } from './errors-handler';
import { installValidation } from './validation';
import { installAuthentication } from './authenticate';
import { SECURITY_SCHEMES } from './schemas/common';
import { installJsonBody } from './json-body';
import { installQueryAndParamsCheck } from './storable-text';
import { installCsrfCheck } from './csrf';
import { installSecurityHeaders } from './security-headers';
import { installRequestLog } from './logging';
import { installCompression } from './compression';
import { authRoutes } from './routes/auth';
import { recordRoutes } from './routes/records';
import { followUpRoutes } from './routes/follow-ups';
import { pluginRoutes } from './routes/plugins';
import { policyRoutes } from './routes/policy';
import { orgRoutes } from './routes/org';
import { metaRoutes } from './routes/meta';
import { importRoutes } from './routes/imports';
import { importTemplateRoutes } from './routes/import-template';
import { reportRoutes } from './routes/reports';
import { attachmentRoutes } from './routes/attachments';
import { usersAdminRoutes } from './routes/users-admin';
import { jobRoutes } from './routes/jobs';
import { packRoutes } from './routes/packs';
import { dataTableRoutes } from './routes/data-tables';
import { calendarRoutes } from './routes/calendars';
import { liveFactsRoutes } from './routes/live-facts';
import { refOptionsRoutes } from './routes/ref-options';
import { studioRoutes } from './routes/studio';
import { meRoutes } from './routes/me';

export interface AppOptions {
  failures?: PluginFailure[];
  /** loggerOptions(level) from ./logging; off when absent (tests). */
  logger?: FastifyServerOptions['logger'];
  /** fastify's trustProxy (HEZUO_TRUST_PROXY): whom to believe about X-Forwarded-Proto/Host/For. */
  trustProxy?: boolean | number | string;
  webRoot?: (app: FastifyInstance) => Promise<void>;
  /** Told of every route as it is added (tests that sweep every route). */
  onRoute?: (route: RouteOptions) => void;
}

/** A hop count becomes the function fastify would make of it (its types accept no number). */
const trustProxyOption = (t: AppOptions['trustProxy']): FastifyServerOptions['trustProxy'] =>
  typeof t === 'number' ? (_address: string, hop: number) => hop < t : (t ?? false);

export async function buildApp(ctx: PlatformContext, opts: AppOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger: opts.logger ?? false,
    logController: new LogController({ disableRequestLogging: true }),
    trustProxy: trustProxyOption(opts.trustProxy),
    bodyLimit: 5 * 1024 * 1024,
  });
  if (opts.onRoute) app.addHook('onRoute', opts.onRoute);
  installErrorHandling(app);
  installRequestLog(app);
  installJsonBody(app);
  // Order: headers first (so refusals carry them too), then the checks that need no body.
  await installSecurityHeaders(app);
  installQueryAndParamsCheck(app);
  installCsrfCheck(app);
  installValidation(app);
  installAuthentication(app, ctx);
  // Before every route: @fastify/compress hooks the routes added after it.
  await installCompression(app);
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      components: { securitySchemes: SECURITY_SCHEMES },
      info: {
        title: 'Hezuo API',
        version: PLATFORM_VERSION,
        description: [
          'Every refusal is JSON `{error: {code, message: {zh-CN, en}, details: [{pointer, message, keyword?, schemaPath?, params?}]}}`.',
          'Codes: ' +
            Object.entries(ERRORS)
              .map(([c, d]) => `\`${c}\` (${d.status})`)
              .join(', ') +
            '. See GET /api/errors.',
          "Authenticate with `Authorization: Bearer <token>` from POST /api/auth/login, or the session cookie it sets; a changing request that relies on the cookie must come from this server's own origin (`Origin`/`Referer`/`Sec-Fetch-Site`), else 403 CSRF_REFUSED.",
        ].join('\n\n'),
      },
    },
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });
  metaRoutes(app);
  authRoutes(app, ctx);
  recordRoutes(app, ctx);
  followUpRoutes(app, ctx);
  jobRoutes(app, ctx);
  pluginRoutes(app, ctx, opts.failures ?? []);
  policyRoutes(app, ctx);
  orgRoutes(app, ctx);
  await importRoutes(app, ctx);
  importTemplateRoutes(app, ctx);
  reportRoutes(app, ctx);
  await attachmentRoutes(app, ctx);
  usersAdminRoutes(app, ctx);
  await packRoutes(app, ctx);
  meRoutes(app, ctx);
  dataTableRoutes(app, ctx);
  studioRoutes(app, ctx);
  calendarRoutes(app, ctx);
  liveFactsRoutes(app, ctx);
  refOptionsRoutes(app, ctx);
  if (opts.webRoot) await opts.webRoot(app);
  return app;
}
