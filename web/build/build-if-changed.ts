// `npm start`'s prestart: builds the web app unless web/dist was built from the sources as they are now
// (web/build/build-stamp.ts), so a second start does not spend minutes rebuilding what has not changed.
import path from 'node:path';
import { REPO, isCurrent } from './build-stamp';

const dist = path.join(REPO, 'web/dist');
if (isCurrent(dist) && !process.argv.includes('--force')) {
  console.log('[hezuo] web app is up to date (web/dist); not rebuilt');
} else {
  console.log('[hezuo] building the web app (its sources changed or it was never built)…');
  process.env.NODE_ENV = 'production';
  const { build } = await import('vite');
  await build({ configFile: path.join(REPO, 'web/vite.config.ts'), mode: 'production', logLevel: 'warn' });
}
