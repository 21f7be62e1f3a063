// The bundled plugins as the installed set a dependent plugin reads from (e.g. the shared working-day calendar):
// what a server would have registered, for unit tests that load or verify one plugin on its own.
import { createPluginLoader, type PluginLoader } from '../../platform/plugins/loader';
import type { DependencyLookup } from '../../platform/plugins/dependency-calendars';
import { BUNDLED_PLUGINS } from './paths';

const { plugins } = await createPluginLoader().fromRoot(BUNDLED_PLUGINS);

export const bundledLookup: DependencyLookup = (id) => plugins.find((p) => p.id === id);

/** A loader whose plugins find their dependencies among the bundled ones. */
export const bundledLoader: PluginLoader = createPluginLoader({ dependencies: bundledLookup });
