// Two imports of the same new subjects at the same time (a double-clicked upload, two officers with one list):
// the second must see what the first committed — its rows become "unchanged", not a failed import and never a
// second record of a subject.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPlatform, type TestPlatform } from '../helpers/platform';
import { testBackend } from '../helpers/database';
import { runImport } from '../../platform/imports/run-import';
import { principalNamed, uscc, xlsxOf } from './helpers';

let t: TestPlatform;
beforeAll(async () => {
  t = await startTestPlatform();
}, 120_000);
afterAll(async () => {
  await t?.close();
});

const HEADER = ['名称', '统一社会信用代码', '成员数'];

describe(`concurrent imports (${testBackend()})`, () => {
  it("the same file imported twice at once: each subject once, the second import finds the first one's records", async () => {
    const p = await principalNamed(t.platform.ctx, 'tianhe-officer');
    for (let round = 0; round < 3; round++) {
      const rows = Array.from({ length: 40 }, (_, i) => [
        `并发导入合作社${round}-${i}`,
        uscc(1000 * (round + 1) + i, '93440106MA5'),
        20 + i,
      ]);
      const file = await xlsxOf(HEADER, rows);
      const run = () =>
        runImport(t.platform.ctx, p, {
          plugin: 'registry-demo',
          form: 'cooperative',
          period: '2024',
          orgUnitId: '440106',
          mode: 'valid',
          fileName: 'same.xlsx',
          locale: 'en',
          source: file,
        });
      const [a, b] = await Promise.all([run(), run()]);
      expect([a.counts.created, b.counts.created].sort()).toEqual([0, 40]);
      expect(a.counts.created + a.counts.unchanged).toBe(40);
      expect(b.counts.created + b.counts.unchanged).toBe(40);
      expect(a.counts.rejected + b.counts.rejected).toBe(0);
      const subjects = rows.map((r) => r[1] as string);
      const stored = await t.platform.ctx.db.selectFrom('records').select('subject').where('subject', 'in', subjects).execute();
      expect(stored).toHaveLength(40);
    }
  }, 300_000);
});
