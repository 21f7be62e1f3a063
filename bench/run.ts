// `npm run bench`: rule evaluation speed on a bundled plugin's whole rule set (json-logic-js as the reference
// line), and records created per second through the HTTP API on an embedded PostgreSQL.
// Not a test: figures go to bench/README.md by hand, with the machine they came from.
import path from 'node:path';
import { createPluginLoader } from '../platform/plugins';
import { evaluateForm, buildContext } from '../platform/evaluation';
import { mergePatch } from '../platform/fixtures/merge-patch';
import { REPO_ROOT } from '../platform/boot/config';
import { startBenchServer } from './bench-server';
import { benchRules, eligibilityCases, formatRuleBench, officialCases } from './rules-bench';
import { importBench } from './import-bench';
import { benchReports } from './reports-bench';
import { benchKeystrokes } from './web-keystroke';

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
    const ctx = { ...buildContext(input, data, results.computed), results };
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
  return { rules: form.rules.length, cases: cases.length, official, eligibility, perRule, perRecord, ruleEvalsPerSecond: perRecord * form.rules.length };
}

async function apiBench(records = 1000) {
  const server = await startBenchServer();
  try {
    const token = await server.login('tianhe-officer');
    const { plugin } = await createPluginLoader().fromFolder(PLUGIN);
    const suite = plugin!.fixtures.find((s) => s.form === FORM)!;
    const base = mergePatch(suite.base ?? {}, suite.cases[0].input) as Record<string, unknown>;
    const start = performance.now();
    let failures = 0;
    // Sequential requests: the figure is the latency-bound rate of one client, each create committed.
    for (let i = 0; i < records; i++) {
      const res = await server.app.inject({
        method: 'POST', url: '/api/records', headers: { authorization: `Bearer ${token}` },
        payload: { plugin: plugin!.id, form: FORM, period: String(2000 + (i % 25)), orgUnitId: '440106', data: { ...base, creditCode: undefined, attachments: undefined, name: `社${i}` } },
      });
      if (res.statusCode !== 201) failures++;
    }
    const seconds = (performance.now() - start) / 1000;
    return { records, failures, perSecond: records / seconds };
  } finally {
    await server.close();
  }
}

// BENCH_ONLY=rules runs the rules bench alone (quick before/after figures for a rule-engine change).
const only = process.env.BENCH_ONLY;
const r = await ruleBench();
console.log(`rules (${path.basename(PLUGIN)}/${FORM}: ${r.rules} rules, ${r.cases} rule×case evaluations per pass)`);
console.log(formatRuleBench('official JsonLogic cases', r.official));
console.log(formatRuleBench('four-clause eligibility rule', r.eligibility));
console.log(formatRuleBench('plugin rules, each against its case', r.perRule));
console.log(`  whole rule set per record (evaluateForm): ${Math.round(r.perRecord).toLocaleString('en')} records/s = ${Math.round(r.ruleEvalsPerSecond).toLocaleString('en')} rule evaluations/s`);
if (only === 'rules') process.exit(0);
const a = await apiBench(Number(process.env.BENCH_RECORDS || 1000));
console.log(`api: ${a.records} creates through POST /api/records, ${a.failures} refused: ${a.perSecond.toFixed(0)} records/s (one client, sequential)`);
for (const k of await benchKeystrokes(Number(process.env.BENCH_KEYSTROKES || 100))) {
  console.log(`keystroke → input and rule panel updated, ${k.form} (${k.fields} inputs, ${k.keystrokes} keys, ${k.timeouts} timed out): median ${k.median.toFixed(0)} ms, p95 ${k.p95.toFixed(0)} ms, max ${k.max.toFixed(0)} ms`);
}
const rep = await benchReports(Number(process.env.BENCH_REPORT_RECORDS || 1_000_000));
console.log(`reports over ${rep.records.toLocaleString('en')} applications (seeded in ${rep.seedSeconds.toFixed(0)} s), median of 5:`);
for (const [name, m] of [['candidate ranking (period 2024, ' + rep.rankingRows + ' rows)', rep.ranking], ['by-district summary with city rollup', rep.summary]] as const) {
  console.log(`  ${name}: engine ${m.engine.toFixed(0)} ms, hand-written SQL ${m.hand.toFixed(0)} ms (×${(m.engine / m.hand).toFixed(2)})`);
}
const imp = await importBench(Number(process.env.BENCH_IMPORT_ROWS || 100_000));
console.log(`import: ${imp.rows.toLocaleString('en')}-row .xlsx (${(imp.bytes / 1048576).toFixed(1)} MiB) into ${path.basename(PLUGIN)}/application, mode valid: ${imp.created.created} created, ${imp.created.rejected} rejected in ${imp.createSeconds.toFixed(1)} s = ${(imp.rows / imp.createSeconds).toFixed(0)} rows/s; re-import (${imp.again.unchanged} unchanged): ${(imp.rows / imp.againSeconds).toFixed(0)} rows/s`);
process.exit(0);
