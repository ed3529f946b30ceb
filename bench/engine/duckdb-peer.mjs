// DuckDB computing the benchmark reports in SQL, from the CSV file and from
// a table already in memory; prints the median of five runs of each, in ms.
//   node duckdb-peer.mjs probes|tickets FILE.csv THREADS
import { DuckDBInstance } from '@duckdb/node-api';

const [workload, path, threads] = process.argv.slice(2);

// Monthly availability (bench/engine/probes.sla).
const probes = (source) => `
  SELECT date_trunc('month', t) AS month, count(*) FILTER (WHERE ok) AS good, count(*) AS total
  FROM ${source} GROUP BY ALL ORDER BY month`;
const probesCsv = `read_csv('${path}', header = true, columns = {'t': 'TIMESTAMPTZ', 'ok': 'BOOLEAN'})`;

// A wall-clock stand-in for examples/msp-support.sla: first responses in
// time per customer and month, the due time by priority without the office
// calendar (DuckDB has no business-hours arithmetic).
const tickets = (source) => `
  SELECT customer, date_trunc('month', opened) AS month,
    count(*) FILTER (WHERE responded <= opened + CASE priority WHEN 'P1' THEN INTERVAL 30 MINUTE
      WHEN 'P2' THEN INTERVAL 1 HOUR WHEN 'P3' THEN INTERVAL 4 HOUR ELSE INTERVAL 8 HOUR END) AS good,
    count(*) FILTER (WHERE responded IS NOT NULL) AS decided
  FROM ${source} GROUP BY ALL ORDER BY ALL`;
const ticketsCsv = `read_csv('${path}', header = true, columns = {'id': 'VARCHAR',
  'customer': 'VARCHAR', 'priority': 'VARCHAR', 'channel': 'VARCHAR', 'opened': 'TIMESTAMPTZ',
  'responded': 'TIMESTAMPTZ', 'resolved': 'TIMESTAMPTZ', 'reopened': 'BOOLEAN'})`;

const [query, csv] = workload === 'probes' ? [probes, probesCsv] : [tickets, ticketsCsv];
const instance = await DuckDBInstance.create(':memory:', { threads: String(threads) });
const connection = await instance.connect();
await connection.run("SET TimeZone = 'UTC'");

async function median(run) {
  const times = [];
  for (let i = 0; i < 5; ++i) {
    const start = process.hrtime.bigint();
    await run();
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  times.sort((a, b) => a - b);
  return times[2];
}

const fromCsv = await median(() => connection.runAndReadAll(query(csv)));
await connection.run(`CREATE TABLE data AS SELECT * FROM ${csv}`);
const inMemory = await median(() => connection.runAndReadAll(query('data')));
console.log(JSON.stringify({ workload, threads: Number(threads), fromCsv, inMemory }));
