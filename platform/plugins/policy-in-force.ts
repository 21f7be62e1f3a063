// Effective dates: a plugin version may declare the days its policy takes and loses effect (plugin.json
// `effective`). Outside them its forms take no new records; records already made stay readable and keep moving
// through their workflow, since a policy ending does not undo what was filed under it. An admin may extend an
// expired version with a reason (stored, audited); the extension then stands in for `until`.
import { HezuoError, detail, type ErrorDetail } from '../errors';
import { parseDate } from '../rules/dates';
import type { PluginManifest } from './types';

export interface Extension {
  until: string;
  reason: string;
}

export interface PolicyWindow {
  from: string | null;
  /** The declared last day. */
  until: string | null;
  /** The admin's extension of this version, when there is one. */
  extension: Extension | null;
  /** The day it was worked out for (the platform's today). */
  day: string;
  /** Whether new records may be made on `day`. */
  inForce: boolean;
}

/** `until` as extended. Days are YYYY-MM-DD, so comparing the strings compares the days. */
export function policyWindow(manifest: PluginManifest, extension: Extension | null, day: string): PolicyWindow {
  const from = manifest.effective?.from ?? null;
  const until = manifest.effective?.until ?? null;
  const last = extension?.until ?? until;
  return { from, until, extension, day, inForce: (from === null || day >= from) && (last === null || day <= last) };
}

/** Refuses a new record outside the window, saying which side of it the day is on. */
export function requireInForce(pluginId: string, w: PolicyWindow, day: string): void {
  if (w.inForce) return;
  const early = w.from !== null && day < w.from;
  const last = w.extension?.until ?? w.until;
  throw new HezuoError('POLICY_NOT_IN_FORCE', [
    early
      ? detail('/plugin', `该政策自 ${w.from} 起施行,现在还不能新建记录`, `This policy takes effect on ${w.from}: no new records before then`, {
          params: { plugin: pluginId, from: w.from, day },
        })
      : detail('/plugin', `该政策已于 ${last} 失效,不能新建记录;管理员可说明理由后延长`, `This policy lost effect after ${last}: no new records unless an admin extends it`, {
          params: { plugin: pluginId, until: last, day },
        }),
  ]);
}

/** Load-time checks beyond the meta-schema: real days, and `from` not after `until`. */
export function checkEffective(manifest: PluginManifest): ErrorDetail[] {
  const e = manifest.effective;
  if (!e) return [];
  const errors: ErrorDetail[] = [];
  for (const key of ['from', 'until'] as const) {
    if (e[key] !== undefined && parseDate(e[key]) === null) {
      errors.push(detail(`/effective/${key}`, `不是有效日期:${e[key]}`, `Not a calendar day: ${e[key]}`, { file: 'plugin.json' }));
    }
  }
  if (!errors.length && e.from && e.until && e.from > e.until) {
    errors.push(detail('/effective/until', `失效日期 ${e.until} 早于生效日期 ${e.from}`, `until ${e.until} is before from ${e.from}`, { file: 'plugin.json' }));
  }
  return errors;
}
