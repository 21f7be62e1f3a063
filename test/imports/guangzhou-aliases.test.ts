// The Guangzhou application declares the wordings county ledgers use for its columns (import.columns headers), so a
// ledger's own header row maps without a hand-made mapping. Each wording below is one seen in real ledgers.
import path from 'node:path';
import { expect, it } from 'vitest';
import { createPluginLoader } from '../../platform/plugins/loader';
import { mapColumns } from '../../platform/imports/column-map';
import { BUNDLED_PLUGINS } from '../helpers/paths';

const loaded = await createPluginLoader().fromFolder(path.join(BUNDLED_PLUGINS, 'guangzhou-demonstration'));

const WORDINGS: [string, string][] = [
  ['法人代表', '/legalRepresentative/name'],
  ['法定代表人', '/legalRepresentative/name'],
  ['联系电话', '/legalRepresentative/mobile'],
  ['手机号码', '/legalRepresentative/mobile'],
  ['统一社会信用代码', '/creditCode'],
  ['信用代码', '/creditCode'],
  ['注册日期', '/registrationDate'],
  ['成立日期', '/registrationDate'],
  ['成员总数', '/membership/memberCount'],
  ['社员总数', '/membership/memberCount'],
  ['成员出资总额', '/membership/memberCapital'],
  ['出资总额', '/membership/memberCapital'],
  ['身份证号码', '/legalRepresentative/idCardNumber'],
  ['合作社名称', '/name'],
  ['所属区', '/district'],
  ['上年经营收入', '/revenue/lastYear'],
];

it('loads with its import declaration', () => {
  expect(loaded.errors).toEqual([]);
});

it.each(WORDINGS)('maps the ledger header %s to %s', (header, pointer) => {
  const form = loaded.plugin!.forms.get('application')!;
  // The key column (统一社会信用代码) must be in every file; the wording under test sits beside it.
  const header2 = header === '统一社会信用代码' || header === '信用代码' ? [header] : ['统一社会信用代码', header];
  const m = mapColumns(loaded.plugin!, form, header2);
  const t = m.targets[header2.length - 1];
  expect(t.kind === 'field' ? t.field.pointer : t.kind).toBe(pointer);
  expect(m.ignored).toEqual([]);
});
