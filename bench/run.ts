// `npm run bench`: rule evaluation speed (json-logic-js as the reference line), API creates, keystrokes, import,
// queue pages, reports and storage at 1,000,000 records — each speed against an anchor measured in the same run.
// Not a test: figures go to bench/README.md by hand, with the machine they came from.
import path from 'node:path';
import { createPluginLoader } from '../platform/plugins';
import { evaluateForm, buildContext } from '../platform/evaluation';
import { mergePatch } from '../platform/fixtures/merge-patch';
import { REPO_ROOT } from '../platform/boot/config';
import { benchRules, eligibilityCases, formatRuleBench, officialCases } from './rules-bench';
import { apiBench } from './api-bench';
import { editBench } from './edit-bench';
import { importBench } from './import-bench';
import { ledgerImportBench } from './ledger-bench';
import { scaleBench } from './scale-bench';
import { formatStorage } from './storage-stats';
import { QUEUE_QUERY } from './queue-bench';
import { benchKeystrokes } from './web-keystroke';
import { packImpactBench } from './pack-impact-bench';
import { firstLoadBytes, formatFirstLoad } from './first-load';
import { coverageBench } from './coverage-bench';
import { formatLighthouse, lighthouseBench } from './lighthouse-bench';

const PLUGIN = process.env.BENCH_PLUGIN || path.join(REPO_ROOT, 'plugins/guangzhou-demonstration');
const FORM = process.env.BENCH_FORM || 'application';

async function ruleBench() {
  const { plugin, errors } = await createPluginLoader().fromFolder(PLUGIN);
  if (!plugin) throw new Error(`plugin does not load: ${JSON.stringify(errors.slice(0, 3))}`);
  const form = plugin.forms.get(FORM)!;
  const suite = plugin.fixtures.find((s) => s.form === FORM)!;
  const inputs = suite.cases.map((c) => ({
    data: mergePatch(suite.base ?? {}, c.input) as Record<string, unknown>,
    params: { ...plugin.parameterDefaults, ...(c.params ?? {}) },
    asOf: c.asOf ?? suite.asOf ?? '2024-05-20',
  }));

  // Each rule's logic against the context it is evaluated in (after the compute rules ran).
  const cases = inputs.flatMap((input) => {
    const { data, results } = evaluateForm(form, input);
    const ctx = { ...buildContext(input, data, results.computed, form.manifest.period.kind), results };
    return form.rules.map((r) => ({ logic: r.rule.logic, data: ctx }));
  });
  const official = await benchRules(officialCases, 2);
  const eligibility = await benchRules(eligibilityCases, 2);
  const perRule = await benchRules(cases, 2, { calendars: plugin.calendars, codeLists: plugin.codeLists });

  // The whole rule set of the form, as the server runs it for one record.
  let n = 0;
  const start = performance.now();
  while (performance.now() - start < 2000) {
    evaluateForm(form, inputs[n % inputs.length]);
    n++;
  }
  const perRecord = n / ((performance.now() - start) / 1000);
  return {
    rules: form.rules.length,
    cases: cases.length,
    official,
    eligibility,
    perRule,
    perRecord,
    ruleEvalsPerSecond: perRecord * form.rules.length,
  };
}

// BENCH_ONLY=rules,api,… (comma-separated) runs only those parts: rules, api, edits (API edits, BENCH_EDITS,
// default 1,000; not in the default set), keystrokes, first-load, import, ledger
// (a real-shaped ledger, BENCH_LEDGER_ROWS, default 100,000), queue,
// reports, coverage (linked registry records, BENCH_COVERAGE_HOUSEHOLDS, default 100,000), pack-impact (queue and
// reports share one seeded table, with its storage figures), lighthouse (the five pages of issue 15, mobile preset:
// scores printed, not asserted). Each ratio is printed with its anchor, measured in this same run.
const only = new Set(
  (process.env.BENCH_ONLY || 'rules,api,keystrokes,first-load,import,ledger,queue,reports,coverage,pack-impact,lighthouse')
    .split(',')
    .map((s) => s.trim()),
);
const n = (v: number) => Math.round(v).toLocaleString('en');
const ratio = (ours: number, anchor: number, target: number) => `ratio ${(ours / anchor).toFixed(2)} (target ≥ ${target.toFixed(2)})`;
const log = (line: string) => console.error(`  … ${line}`);

if (only.has('rules')) {
  const r = await ruleBench();
  console.log(`rules (${path.basename(PLUGIN)}/${FORM}: ${r.rules} rules, ${r.cases} rule×case evaluations per pass)`);
  console.log(formatRuleBench('official JsonLogic cases', r.official));
  console.log(formatRuleBench('four-clause eligibility rule', r.eligibility));
  console.log(formatRuleBench('plugin rules, each against its case', r.perRule));
  console.log(`  whole rule set per record (evaluateForm): ${n(r.perRecord)} records/s = ${n(r.ruleEvalsPerSecond)} rule evaluations/s`);
}
if (only.has('api')) {
  const a = await apiBench(Number(process.env.BENCH_RECORDS || 2000), 32);
  console.log(
    `api creates: ${n(a.creates)} Guangzhou application drafts through POST /api/records, ${a.clients} concurrent clients, refused ${JSON.stringify(a.refused)}`,
  );
  console.log(
    `  hezuo ${a.perSecond.toFixed(0)} creates/s; anchor ${a.anchor.toFixed(0)} rows/s (single-row inserts of the same record + audit row, one statement and one commit each, ${a.clients} pg clients; before ${a.anchorBefore.toFixed(0)}, after ${a.anchorAfter.toFixed(0)}); ${ratio(a.perSecond, a.anchor, 0.5)}`,
  );
}
if (only.has('edits')) {
  const e = await editBench(Number(process.env.BENCH_EDITS || 1000), 32);
  console.log(
    `api edits: ${n(e.edits)} Guangzhou application drafts edited once each through PUT /api/records/:id, ${e.clients} concurrent clients, refused ${JSON.stringify(e.refused)}`,
  );
  console.log(
    `  hezuo ${e.perSecond.toFixed(0)} edits/s; anchor ${e.anchor.toFixed(0)} rows/s (single-row UPDATEs of the same records + audit row, one statement and one commit each, ${e.clients} pg clients; before ${e.anchorBefore.toFixed(0)}, after ${e.anchorAfter.toFixed(0)}); ${ratio(e.perSecond, e.anchor, 0.5)}`,
  );
}
if (only.has('keystrokes')) {
  for (const k of await benchKeystrokes(Number(process.env.BENCH_KEYSTROKES || 100))) {
    console.log(
      `keystroke → input and rule panel updated, ${k.form} (${k.fields} inputs, ${k.keystrokes} keys, ${k.timeouts} timed out): median ${k.median.toFixed(0)} ms, p95 ${k.p95.toFixed(0)} ms, max ${k.max.toFixed(0)} ms`,
    );
    console.log(
      `  first 20 keys on the form just opened: median ${k.first20.median.toFixed(0)} ms, max ${k.first20.max.toFixed(0)} ms (${k.first20.timeouts} timed out)`,
    );
  }
}
if (only.has('first-load')) {
  for (const line of formatFirstLoad(await firstLoadBytes())) console.log(line);
}
if (only.has('lighthouse')) {
  for (const line of formatLighthouse(await lighthouseBench())) console.log(line);
}
if (only.has('import')) {
  const imp = await importBench(Number(process.env.BENCH_IMPORT_ROWS || 20_000));
  const rate = imp.rows / imp.createSeconds;
  console.log(
    `import: ${n(imp.rows)}-row .xlsx (${(imp.bytes / 1048576).toFixed(1)} MiB) into ${path.basename(PLUGIN)}/application, all rules, mode valid: ${imp.created.created} created, ${imp.created.rejected} rejected in ${imp.createSeconds.toFixed(1)} s`,
  );
  console.log(
    `  hezuo ${n(rate)} rows/s (target ≥ 5,000); anchor ${n(imp.anchor)} rows/s (multi-row inserts of the same records + audit rows, 500 a batch, one transaction; before ${n(imp.anchorBefore)}, after ${n(imp.anchorAfter)}); ${ratio(rate, imp.anchor, 0.5)}`,
  );
  console.log(`  re-import (${imp.again.unchanged} unchanged): ${n(imp.rows / imp.againSeconds)} rows/s`);
}
if (only.has('ledger')) {
  const l = await ledgerImportBench(Number(process.env.BENCH_LEDGER_ROWS || process.env.BENCH_IMPORT_ROWS || 100_000));
  const rate = l.rows / l.seconds;
  console.log(
    `ledger import: ${n(l.rows)}-row real-shaped ledger (${(l.bytes / 1048576).toFixed(1)} MiB: title and unit lines, two-level merged header, districts merged down, 30万元/103人/dashed phones, totals and a signature block), mode valid: ${l.counts.created} created, ${l.counts.rejected} rejected, ${l.skipped} skipped, not imported: ${l.ignored.join('、') || 'none'}, in ${l.seconds.toFixed(1)} s`,
  );
  console.log(
    `  hezuo ${n(rate)} rows/s; anchor ${n(l.anchor)} rows/s (multi-row inserts of the same stored rows + audit rows, 500 a batch, one transaction; before ${n(l.anchorBefore)}, after ${n(l.anchorAfter)}); ${ratio(rate, l.anchor, 0.5)}`,
  );
}
if (only.has('queue') || only.has('reports')) {
  const records = Number(process.env.BENCH_SCALE_RECORDS || process.env.BENCH_REPORT_RECORDS || 1_000_000);
  const s = await scaleBench(
    records,
    {
      storage: true,
      queue: only.has('queue'),
      reports: only.has('reports'),
      creates: Number(process.env.BENCH_SCALE_CREATES ?? 500),
      importRows: Number(process.env.BENCH_SCALE_IMPORT_ROWS ?? 2000),
    },
    log,
  );
  console.log(
    `scale: ${n(records)} realistic applications (${s.seed.templates} created through the platform, copied by SQL) seeded in ${s.seed.seconds.toFixed(0)} s`,
  );
  for (const line of formatStorage(s.storage!)) console.log(`  ${line}`);
  if (s.queue) {
    const q = s.queue;
    console.log(
      `  queue: GET /api/records?${QUEUE_QUERY} as the city reviewer, ${q.readers} concurrent readers, ${q.requests} pages: p50 ${q.engine.p50.toFixed(0)} ms, p95 ${q.engine.p95.toFixed(0)} ms (target p50 ≤ 100 ms), page ${n(q.engine.bytes)} bytes (target ≤ 100 KB)`,
    );
    console.log(
      `    anchor: hand-written SQL of the same page and count, ${q.readers} pg clients: p50 ${q.anchor.p50.toFixed(0)} ms, p95 ${q.anchor.p95.toFixed(0)} ms; ratio p50 ${(q.engine.p50 / q.anchor.p50).toFixed(2)}`,
    );
  }
  if (s.reports) {
    const rep = s.reports;
    console.log(`  reports, period 2024, median of ${process.env.BENCH_REPORT_RUNS || 5} (target ≤ 2× hand-written SQL):`);
    for (const [name, m] of [
      ['candidate ranking (' + rep.rankingRows + ' rows)', rep.ranking],
      ['by-district summary with city rollup', rep.summary],
    ] as const) {
      console.log(
        `    ${name}: engine ${m.engine.toFixed(0)} ms, hand-written SQL ${m.hand.toFixed(0)} ms (×${(m.engine / m.hand).toFixed(2)})`,
      );
    }
  }
  if (s.creates)
    console.log(
      `  creates into the full table: ${s.creates.creates} through the API, 32 clients: ${s.creates.perSecond.toFixed(0)} creates/s, refused ${JSON.stringify(s.creates.refused)}`,
    );
  if (s.import)
    console.log(`  import into the full table: ${n(s.import.rows)} rows (${s.import.created} created): ${n(s.import.perSecond)} rows/s`);
}
if (only.has('coverage')) {
  const c = await coverageBench(Number(process.env.BENCH_COVERAGE_HOUSEHOLDS || 100_000), Number(process.env.BENCH_REPORT_RUNS || 5), log);
  console.log(
    `coverage by village (two hops of references, active on a date): ${n(c.counts.household ?? 0)} households in ${c.villages} villages, ${n(c.counts['household-binding'] ?? 0)} household bindings, ${n(c.counts['enterprise-binding'] ?? 0)} enterprise bindings (dual ${n(c.dual)}, single ${n(c.single)}, uncovered ${n(c.uncovered)}), seeded in ${c.seedSeconds.toFixed(0)} s`,
  );
  console.log(
    `  median of ${process.env.BENCH_REPORT_RUNS || 5}: engine ${c.engine.toFixed(0)} ms, hand-written SQL ${c.hand.toFixed(0)} ms (×${(c.engine / c.hand).toFixed(2)}, target ≤ 2)`,
  );
}
if (only.has('pack-impact')) {
  const p = await packImpactBench(Number(process.env.BENCH_PACK_RECORDS || 2000), log);
  const rate = (s: number) => n(p.records / s);
  console.log(
    `pack dry run with impact: ${n(p.records)} open ${p.plugin} records of ${n(p.seeded)} (one threshold raised; outcome ${p.outcome}; changed ${n(p.totals.changed)}, invalid ${n(p.totals.invalid)}, eligibility ${n(p.totals.eligibility)}, class ${n(p.totals.class)}, score ${n(p.totals.score)}, blocking ${n(p.totals.blocking)})`,
  );
  console.log(
    `  whole dry run ${p.dryRunSeconds.toFixed(1)} s; impact preview ${p.impactSeconds.toFixed(1)} s = ${rate(p.impactSeconds)} records/s; anchor ${p.anchorSeconds.toFixed(1)} s = ${rate(p.anchorSeconds)} records/s (the same pages, evaluateForm only); ratio ${(p.anchorSeconds / p.impactSeconds).toFixed(2)}`,
  );
  console.log(`  install after it (checks again, one transaction, open records left on their version) ${p.installSeconds.toFixed(1)} s`);
}
process.exit(0);
