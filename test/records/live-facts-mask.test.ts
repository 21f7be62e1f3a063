// What the browser's live rules may read of another record (platform/records/live-facts.ts): its data masked, and
// its rule results left out, for a user who sees the form's sensitive fields masked; everything for one who may see
// them in full. On the neutral sensitive-demo plugin (ID number kept first 4 / last 4; full view for city reviewers).
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { createPluginLoader } from '../../platform/plugins/loader';
import { REPO_ROOT } from '../../platform/boot/config';
import { principalOf } from '../../platform/access/principal';
import { asSeen } from '../../platform/records/live-facts';
import type { FormDefinition } from '../../platform/plugins/types';

let person: FormDefinition;
beforeAll(async () => {
  const built = await createPluginLoader().fromFolder(path.join(REPO_ROOT, 'test/access/plugins/sensitive-demo'));
  person = built.plugin!.forms.get('person')!;
});

const user = { id: 'u', username: 'u', displayName: 'u', locale: 'zh-CN' as const };
const grant = (role: string, orgPath: string, orgLevel: string) => ({ role, orgUnitId: orgPath, orgPath, orgLevel }) as never;
const ID = '530123199001011233';
const record = { id: 'p-a', state: 'draft', data: { name: '王一', idNumber: ID }, results: { computed: { adult: true } } };

describe('live facts as the user may see them', () => {
  it('masks the ID number and leaves out the results for an officer of the unit', () => {
    const officer = principalOf(user, [grant('officer', '/440100/440106/', 'district')]);
    const seen = asSeen(officer, person, '/440100/440106/', record);
    expect(seen.data).toEqual({ name: '王一', idNumber: '5301**********1233' });
    expect(seen).not.toHaveProperty('results');
  });

  it('gives everything to a reviewer who may see the form in full, and to anyone for a form without sensitive fields', () => {
    const city = principalOf(user, [grant('reviewer', '/440100/', 'city')]);
    expect(asSeen(city, person, '/440100/440106/', record)).toEqual(record);
    const officer = principalOf(user, [grant('officer', '/440100/440106/', 'district')]);
    expect(asSeen(officer, undefined, '/440100/440106/', record)).toEqual(record);
  });
});
