// Plugins known to one running platform: every installed version (records keep the version they were made under)
// and which version is active for new records. An instance is created at start-up and passed in; there is no global.
import { HezuoError, detail } from '../errors';
import type { FormDefinition, PluginDefinition } from './types';
import { policyWindow, requireInForce, type Extension, type PolicyWindow } from './policy-in-force';

export class PluginRegistry {
  private readonly versions = new Map<string, Map<string, PluginDefinition>>();
  private readonly activeVersion = new Map<string, string>();
  /** Plugins whose forms take no new records (uninstalled by an admin); their records stay readable. */
  private readonly disabled = new Set<string>();
  /** `id@version` → an admin's extension of that version's effective dates. */
  private readonly extensions = new Map<string, Extension>();

  register(plugin: PluginDefinition, activate = true): void {
    let byVersion = this.versions.get(plugin.id);
    if (!byVersion) this.versions.set(plugin.id, (byVersion = new Map()));
    byVersion.set(plugin.version, plugin);
    if (activate || !this.activeVersion.has(plugin.id)) this.activeVersion.set(plugin.id, plugin.version);
  }

  /** The active version, or the named one. */
  find(id: string, version?: string): PluginDefinition | undefined {
    const v = version ?? this.activeVersion.get(id);
    return v === undefined ? undefined : this.versions.get(id)?.get(v);
  }

  get(id: string, version?: string): PluginDefinition {
    const p = this.find(id, version);
    if (!p) throw new HezuoError('NOT_FOUND', [detail('/plugin', `插件不存在:${id}${version ? '@' + version : ''}`, `No plugin ${id}${version ? '@' + version : ''}`)]);
    return p;
  }

  form(pluginId: string, formId: string, version?: string): { plugin: PluginDefinition; form: FormDefinition } {
    const plugin = this.get(pluginId, version);
    const form = plugin.forms.get(formId);
    if (!form) throw new HezuoError('NOT_FOUND', [detail('/form', `表单不存在:${formId}`, `No form ${formId} in ${pluginId}`)]);
    return { plugin, form };
  }

  active(): PluginDefinition[] {
    return [...this.activeVersion.entries()].map(([id, v]) => this.versions.get(id)!.get(v)!);
  }

  /** Makes an installed version the one new records take (a rollback, or the stored state at start-up). */
  activate(id: string, version: string): void {
    if (!this.versions.get(id)?.has(version)) throw new Error(`plugin ${id}@${version} is not registered`);
    this.activeVersion.set(id, version);
  }

  setDisabled(id: string, disabled: boolean): void {
    if (disabled) this.disabled.add(id);
    else this.disabled.delete(id);
  }

  isDisabled(id: string): boolean {
    return this.disabled.has(id);
  }

  /** Refuses a new record of a disabled plugin; reading and lists are not affected. */
  requireEnabled(id: string): void {
    if (this.disabled.has(id)) {
      throw new HezuoError('PLUGIN_DISABLED', [
        detail('/plugin', `插件 ${id} 已停用,不能新建记录`, `Plugin ${id} is disabled: no new records`, { params: { plugin: id } }),
      ]);
    }
  }

  setExtension(id: string, version: string, extension: Extension | null): void {
    if (extension) this.extensions.set(`${id}@${version}`, extension);
    else this.extensions.delete(`${id}@${version}`);
  }

  /** The effective dates of the active (or named) version on `day`, with its extension. */
  window(id: string, day: string, version?: string): PolicyWindow {
    const p = this.get(id, version);
    return policyWindow(p.manifest, this.extensions.get(`${id}@${p.version}`) ?? null, day);
  }

  /** What a new record needs: the plugin enabled and the active version's policy in force on `day`. */
  requireOpen(id: string, day: string): void {
    this.requireEnabled(id);
    if (this.find(id)) requireInForce(id, this.window(id, day), day);
  }

  installedVersions(id: string): string[] {
    return [...(this.versions.get(id)?.keys() ?? [])];
  }
}
