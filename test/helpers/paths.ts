// Folders the suites load plugins from; a module of its own so unit tests can name them without importing the
// platform helpers (which reach for the database).
import path from 'node:path';
import { REPO_ROOT } from '../../platform/boot/config';

export const TEST_PLUGINS = path.join(REPO_ROOT, 'test/plugins');
export const BUNDLED_PLUGINS = path.join(REPO_ROOT, 'plugins');
/** The neutral plugin of the follow-up suites (a working-day calendar of one year, follow-ups on two groups). */
export const FOLLOW_UP_PLUGINS = path.join(REPO_ROOT, 'test/follow-ups/plugins');
