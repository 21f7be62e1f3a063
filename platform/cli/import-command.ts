// `hezuo import <plugin> <form> <file> --period P --user U [--org-unit ID|CODE] [--mode all|valid] [--update]
// [--mapping mapping.json] [--errors out.xlsx]`:
// the same import the API runs, from a terminal, with a progress bar on stderr (plain percentage lines when
// stderr is not a terminal). --mapping names a JSON file of the mapping the API takes ({"column index or header":
// "/pointer" | "orgUnit" | null}), for headers the importer cannot place by itself. Exit 0: every row imported; 1: rows were rejected; 2: refused (file, mapping,
// arguments); 3: something else went wrong.
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { configFromEnv } from '../boot/config';
import { openPlatform } from '../boot/open-platform';
import { HezuoError, type Locale } from '../errors';
import { principalOf } from '../access/principal';
import { findUserByName, rolesOf } from '../store/users-store';
import { getOrgUnit } from '../store/orgs-store';
import { runImport } from '../imports/run-import';
import { errorText } from '../imports/error-file';
import type { ImportMode } from '../imports/import-types';
import { parseUserMapping } from '../imports/mapping-override';
import { SKIP_REASONS, type SkipReason } from '../spreadsheets/row-skips';

type Out = (line: string) => void;

function option(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}

function progressPrinter(): (processed: number, total: number) => void {
  const tty = process.stderr.isTTY;
  let lastStep = -1;
  return (processed, total) => {
    const pct = total ? Math.floor((processed / total) * 100) : 100;
    if (tty) {
      const width = 30;
      const filled = Math.round((pct / 100) * width);
      process.stderr.write(`\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${String(pct).padStart(3)}% ${processed}/${total}`);
      if (processed >= total) process.stderr.write('\n');
    } else if (Math.floor(pct / 10) > lastStep) {
      lastStep = Math.floor(pct / 10);
      process.stderr.write(`import: ${pct}% (${processed}/${total})\n`);
    }
  };
}

export async function importCommand(args: string[], out: Out, locale: Locale): Promise<number> {
  // --update is a flag: what follows it is not its value.
  const positional = args.filter((a, i) => !a.startsWith('--') && !(i > 0 && args[i - 1].startsWith('--') && args[i - 1] !== '--update'));
  const [pluginId, formId, file] = positional;
  const period = option(args, '--period') ?? '';
  const username = option(args, '--user');
  const mode = (option(args, '--mode') ?? 'all') as ImportMode;
  const errorsOut = option(args, '--errors');
  const update = args.includes('--update');
  if (!pluginId || !formId || !file || !username) {
    console.error(
      'usage: hezuo import <plugin> <form> <file> --period P --user U [--org-unit ID|CODE] [--mode all|valid] [--update] [--mapping mapping.json] [--errors out.xlsx] [--lang zh-CN|en]',
    );
    return 2;
  }
  const mappingFile = option(args, '--mapping');
  let mappingText: string | undefined;
  if (mappingFile !== undefined) {
    try {
      mappingText = await readFile(mappingFile, 'utf8');
    } catch (e) {
      const why = (e as NodeJS.ErrnoException).code ?? String(e);
      console.error(locale === 'en' ? `cannot read the mapping file ${mappingFile} (${why})` : `无法读取映射文件 ${mappingFile}(${why})`);
      return 2;
    }
  }
  const platform = await openPlatform({ ...configFromEnv(), seedFile: null });
  try {
    const user = await findUserByName(platform.ctx.db, username);
    if (!user || user.disabled) {
      console.error(locale === 'en' ? `no such user: ${username}` : `用户不存在:${username}`);
      return 2;
    }
    const principal = principalOf(
      { id: user.id, username: user.username, displayName: user.displayName, locale: user.locale },
      await rolesOf(platform.ctx.db, user.id),
    );
    // The same checks as the API's mapping field: a refusal names the key and exits 2, before anything is read.
    const mapping = parseUserMapping(mappingText?.replace(/^\uFEFF/, ''));
    let orgUnitId = option(args, '--org-unit');
    if (orgUnitId && !(await getOrgUnit(platform.ctx.db, orgUnitId))) {
      // Accept the unit's code as well as its id.
      const byCode = await platform.ctx.db.selectFrom('org_units').select('id').where('code', '=', orgUnitId).executeTakeFirst();
      if (byCode) orgUnitId = byCode.id;
    }
    const result = await runImport(platform.ctx, principal, {
      plugin: pluginId,
      form: formId,
      period,
      orgUnitId,
      mode,
      update,
      mapping,
      source: path.resolve(file),
      fileName: path.basename(file),
      locale,
      onProgress: progressPrinter(),
    });
    const c = result.counts;
    out(
      locale === 'en'
        ? `rows ${c.rows}, created ${c.created}, updated ${c.updated}, unchanged ${c.unchanged}, rejected ${c.rejected}${result.committed ? '' : ' — nothing was imported (mode all)'}`
        : `共 ${c.rows} 行:新增 ${c.created},更新 ${c.updated},未变 ${c.unchanged},拒绝 ${c.rejected}${result.committed ? '' : '——未导入任何记录(全部成功才导入)'}`,
    );
    if (result.ignoredColumns.length) out(`${locale === 'en' ? 'ignored columns' : '未使用的列'}: ${result.ignoredColumns.join(', ')}`);
    // Where the table was found and what was passed over, so a user can check the importer read the right part.
    const tb = result.table;
    const read = tb.dataRows ? `${tb.dataRows.first}–${tb.dataRows.last}` : '-';
    out(
      locale === 'en'
        ? `read ${tb.sheet ? `sheet "${tb.sheet}", ` : ''}header row ${tb.headerRows.join('–')}, rows ${read}; skipped ${result.skipped.count} rows that are not records`
        : `读取${tb.sheet ? `工作表“${tb.sheet}”,` : ''}表头第 ${tb.headerRows.join('–')} 行,数据第 ${read} 行;跳过非记录行 ${result.skipped.count} 行`,
    );
    for (const [reason, n] of Object.entries(result.skipped.byReason))
      out(`  ${SKIP_REASONS[reason as SkipReason][locale === 'en' ? 'en' : 'zh-CN']}: ${n}`);
    for (const a of result.ambiguous)
      out(
        locale === 'en'
          ? `ambiguous column "${a.header}" (not imported; name the field in a mapping): ${a.fields.map((f) => f.field).join(', ')}`
          : `列“${a.header}”对应多个字段(未导入,请在映射中指定):${a.fields.map((f) => f.title['zh-CN']).join('、')}`,
      );
    for (const r of result.rejected.slice(0, 20))
      out(`  ${locale === 'en' ? 'row' : '第'} ${r.row}${locale === 'en' ? '' : ' 行'}: ${errorText(r.errors, locale)}`);
    if (result.rejected.length > 20) out(`  … ${result.rejected.length - 20} ${locale === 'en' ? 'more' : '行未列出'}`);
    // Rows stored as drafts with required fields empty: listed so the user completes them.
    for (const r of result.warnings.slice(0, 20))
      out(`  ${locale === 'en' ? 'warning, row' : '提醒,第'} ${r.row}${locale === 'en' ? '' : ' 行'}: ${errorText(r.errors, locale)}`);
    if (result.warnings.length > 20) out(`  … ${result.warnings.length - 20} ${locale === 'en' ? 'more warnings' : '行提醒未列出'}`);
    if (result.unmatched.length)
      out(
        locale === 'en'
          ? `unmatched rows (not created): ${result.unmatched.map((r) => r.row).join(', ')}`
          : `未匹配的行(未新建):${result.unmatched.map((r) => r.row).join('、')}`,
      );
    for (const ch of result.classChanges)
      out(
        `  ${ch.subjectTitle ?? ch.subject ?? ch.recordId}: ${ch.changes.map((x) => `${x.rule} ${String(x.before)} → ${String(x.after)}`).join(', ')}`,
      );
    if (errorsOut && result.errorFile) {
      await writeFile(errorsOut, result.errorFile);
      out(`${locale === 'en' ? 'error file' : '错误文件'}: ${errorsOut}`);
    }
    return c.rejected > 0 ? 1 : 0;
  } catch (e) {
    if (e instanceof HezuoError) {
      console.error(`${e.code}: ${e.localMessage[locale]}`);
      for (const d of e.details) console.error(`  ${d.pointer ? `${d.pointer}: ` : ''}${d.message[locale]}`);
      return 2;
    }
    console.error(e);
    return 3;
  } finally {
    await platform.close();
  }
}
