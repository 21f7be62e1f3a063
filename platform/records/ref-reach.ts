// Which records a user may name in an x-ref field. By default (`scope`) those they may see: their units and below.
// `ancestors` also reaches records filed at a unit above one of theirs — a village officer naming the cooperative
// his township registered. Referencing does not grant reading: a record reached only this way is loaded for the
// server's rules, but what the user is shown of it (live facts, "why" traces, record views) stays as before; the
// picker (ref-options.ts) shows its id, title and unit only.
import { canSee, type Principal } from '../access/principal';
import type { RefReach } from '../plugins/types';

/** The org paths above and at each of the user's units ("/a/b/" → "/a/", "/a/b/"): where `ancestors` reaches up. */
export function ancestorPaths(p: Principal): string[] {
  const out = new Set<string>();
  for (const scope of p.scopePaths) {
    const ids = scope.split('/').filter(Boolean);
    for (let i = 1; i <= ids.length; i++) out.add(`/${ids.slice(0, i).join('/')}/`);
  }
  return [...out];
}

/** May the principal name a record filed at `orgPath` in a field of this reach? */
export function mayReference(p: Principal, reach: RefReach, orgPath: string): boolean {
  if (canSee(p, orgPath)) return true;
  return reach === 'ancestors' && p.scopePaths.some((s) => s.startsWith(orgPath));
}
