// What the API shows of a plugin: summaries for lists, and the whole file map for clients that evaluate rules
// themselves (the web app compiles the same files with the same engine).
import type { PluginDefinition } from './types';

export function summarizePlugin(p: PluginDefinition, versions: string[]) {
  return {
    id: p.id,
    version: p.version,
    versions,
    title: p.manifest.title,
    description: p.manifest.description ?? null,
    regions: p.manifest.regions ?? [],
    source: p.manifest.source ?? null,
    forms: [...p.forms.values()].map((f) => ({
      id: f.id,
      title: f.manifest.title,
      description: f.manifest.description ?? null,
      period: f.manifest.period,
      workflow: f.manifest.workflow ?? null,
      createRoles: f.manifest.createRoles ?? ['officer'],
      ranking: f.manifest.ranking ?? null,
      listColumns: (f.manifest.listColumns ?? []).map((c) => ({ id: c.id, title: c.title, ...(c.pointer !== undefined ? { pointer: c.pointer } : { result: c.result }) })),
      rules: f.rules.length,
    })),
    workflows: [...p.workflows.values()].map((w) => w.workflow),
    fixtures: p.fixtures.reduce((n, s) => n + s.cases.length, 0),
  };
}
