// Queue pages through GET /api/records with concurrent readers, against the hand-written SQL of the same page
// (the rows and the total) from as many pg clients. Written against whatever the endpoint returns: it needs only a
// 200 and the body, so it measures the full-record list of today and the summaries that replace it alike.
// BENCH_QUEUE_QUERY overrides the query string (plugin, form, period, state, limit); offsets vary over the first
// BENCH_QUEUE_PAGES pages.
import pg from 'pg';

export const QUEUE_QUERY =
  process.env.BENCH_QUEUE_QUERY || 'plugin=guangzhou-demonstration&form=application&period=2024&state=submitted&limit=50';
const PAGES = Number(process.env.BENCH_QUEUE_PAGES || 20);

// The same page by hand: what the endpoint returns today (every column of the record) and the count. When the
// endpoint returns summaries, narrow SELECT_LIST to the summary's columns so the anchor stays the same page.
const SELECT_LIST = process.env.BENCH_QUEUE_COLUMNS || '*';
const HAND_PAGE = `
  select ${SELECT_LIST} from records
  where org_path like $1 and plugin_id = $2 and form_id = $3 and period = $4 and state = any($5)
  order by updated_at desc, id limit $6 offset $7`;
const handCount = `select count(*) from records where org_path like $1 and plugin_id = $2 and form_id = $3 and period = $4 and state = any($5)`;

const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];

async function measure(readers: number, perReader: number, page: (offset: number, reader: number) => Promise<number>) {
  const ms: number[] = [];
  let bytes = 0;
  let n = 0;
  await Promise.all(
    Array.from({ length: readers }, async (_, reader) => {
      for (let i = 0; i < perReader; i++) {
        const offset = 50 * ((n++ * 7) % PAGES);
        const t0 = performance.now();
        bytes = Math.max(bytes, await page(offset, reader));
        ms.push(performance.now() - t0);
      }
    }),
  );
  ms.sort((a, b) => a - b);
  return { p50: quantile(ms, 0.5), p95: quantile(ms, 0.95), bytes };
}

/** `base` is the listening app's address; `token` a reviewer's session; `scopePath` the org path of that reviewer's unit (for the hand-written SQL). */
export async function queueBench(base: string, token: string, ownerUrl: string, scopePath: string, readers = 8, perReader = 25) {
  const params = new URLSearchParams(QUEUE_QUERY);
  const limit = Number(params.get('limit') || 50);
  const api = async (offset: number) => {
    const q = new URLSearchParams(params);
    q.set('offset', String(offset));
    const res = await fetch(`${base}/api/records?${q}`, { headers: { authorization: `Bearer ${token}` } });
    const body = await res.arrayBuffer();
    if (res.status !== 200) throw new Error(`queue page answered ${res.status}: ${Buffer.from(body).toString().slice(0, 300)}`);
    return body.byteLength;
  };
  const conns = await Promise.all(
    Array.from({ length: readers }, async () => {
      const c = new pg.Client({ connectionString: ownerUrl, application_name: 'bench-anchor' });
      await c.connect();
      return c;
    }),
  );
  try {
    const values = [
      `${scopePath}%`,
      params.get('plugin'),
      params.get('form'),
      params.get('period'),
      (params.get('state') ?? '').split(','),
    ];
    // Each reader its own connection; the page and the count pipelined on it.
    const hand = async (offset: number, reader: number) => {
      const c = conns[reader];
      const [rows] = await Promise.all([c.query(HAND_PAGE, [...values, limit, offset]), c.query(handCount, values)]);
      return JSON.stringify(rows.rows).length;
    };
    await measure(readers, 2, api); // warm: plans, caches
    await measure(readers, 2, hand);
    const engine = await measure(readers, perReader, api);
    const anchor = await measure(readers, perReader, hand);
    return { readers, requests: readers * perReader, engine, anchor };
  } finally {
    await Promise.all(conns.map((c) => c.end()));
  }
}
