// `npm start`: Hezuo with its database, plugins and (on first start) demo org tree and users.
import { configFromEnv } from './boot/config';
import { openPlatform } from './boot/open-platform';
import { buildApp } from './http/app';
import { serveWeb } from './http/web';
import { unsupportedNodeWarning } from './boot/node-version';
import { loggerOptions } from './http/logging';

async function main() {
  const config = configFromEnv();
  const log = (line: string) => console.log(`[hezuo] ${line}`);
  const nodeWarning = unsupportedNodeWarning();
  if (nodeWarning) console.warn(`[hezuo] ${nodeWarning}`);
  const platform = await openPlatform(config, { log });
  for (const f of platform.failures) {
    log(`plugin ${f.source} was NOT installed:`);
    for (const e of f.errors) log(`  ${e.file ?? ''}${e.pointer ? ' ' + e.pointer : ''}: ${e.message.en}`);
  }
  log(
    `plugins: ${
      platform.ctx.registry
        .active()
        .map((p) => `${p.id}@${p.version}`)
        .join(', ') || 'none'
    }`,
  );
  if (platform.demoUsers) {
    log('first start: demo users (also written to demo-users.txt in the data folder):');
    for (const u of platform.demoUsers) log(`  ${u.username.padEnd(22)} ${u.password.padEnd(12)} ${u.roles}`);
  }
  const app = await buildApp(platform.ctx, {
    failures: platform.failures,
    logger: loggerOptions(config.logLevel),
    trustProxy: config.trustProxy,
    webRoot: serveWeb,
  });
  await app.listen({ port: config.port, host: config.host });
  log(`listening on http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${config.port} (API docs at /docs)`);
  const stop = async () => {
    log('stopping');
    await app.close();
    await platform.close();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((e) => {
  console.error('[hezuo] failed to start:', e);
  process.exit(1);
});
