// Problem codes and categories of check rules, checked across the whole plugin version: a code names one problem
// in ledgers and exports, so two checks may not share it even on different forms; a category must be a code of the
// list the rule (or its rule file) names, so a ledger grouped by category never shows a label-less stray.
import { detail, type ErrorDetail } from '../errors';
import type { CodeList } from '../rules';
import type { PluginManifest, Rule, RuleFile } from './types';

export function checkRuleCodes(
  files: Readonly<Record<string, unknown>>,
  manifest: PluginManifest,
  codeLists: ReadonlyMap<string, CodeList>,
): ErrorDetail[] {
  const errors: ErrorDetail[] = [];
  const codes = new Map<string, string>();
  const ruleFiles = [...new Set(manifest.forms.flatMap((f) => f.rules ?? []))];
  for (const file of ruleFiles) {
    const rf = files[file] as RuleFile | undefined;
    if (!rf) continue;
    const fail = (pointer: string, zh: string, en: string) => errors.push(detail(pointer, zh, en, { file, code: 'PLUGIN_INVALID' }));
    if (rf.categoryList && !codeLists.has(rf.categoryList)) {
      fail('/categoryList', `代码表不存在:${rf.categoryList}`, `Unknown code list ${rf.categoryList}`);
    }
    rf.rules.forEach((rule: Rule, i) => {
      if (rule.kind !== 'check' && rule.kind !== 'eligibility') return;
      const at = `/rules/${i}`;
      if (rule.code !== undefined) {
        const first = codes.get(rule.code);
        if (first) fail(`${at}/code`, `问题代码重复:${rule.code}(已用于 ${first})`, `Duplicate problem code ${rule.code} (already used by ${first})`);
        else codes.set(rule.code, `${file}#${at}`);
      }
      const listId = rule.categoryList ?? rf.categoryList;
      if (rule.categoryList && !codeLists.has(rule.categoryList)) {
        fail(`${at}/categoryList`, `代码表不存在:${rule.categoryList}`, `Unknown code list ${rule.categoryList}`);
      } else if (rule.category !== undefined && listId) {
        const list = codeLists.get(listId);
        if (list && !list.items.some((x) => x.code === rule.category)) {
          fail(`${at}/category`, `类别 ${rule.category} 不在代码表 ${listId} 中`, `Category ${rule.category} is not a code of ${listId}`);
        }
      } else if (rule.categoryList && rule.category === undefined) {
        fail(`${at}/category`, '声明了 categoryList 却没有 category', 'categoryList is given without a category');
      }
    });
  }
  return errors;
}
