// DuckDB's read_csv alone (issue 14, parsing alone): the file parsed into a
// table of typed columns, no query on it; prints the median of five runs,
// in ms.
//   node duckdb-read-csv.mjs probes|tickets FILE.csv THREADS
import { DuckDBInstance } from '@duckdb/node-api';

const [workload, path, threads] = process.argv.slice(2);

const columns = workload === 'probes'
  ? `{'t': 'TIMESTAMPTZ', 'ok': 'BOOLEAN'}`
  : `{'id': 'VARCHAR', 'customer': 'VARCHAR', 'priority': 'VARCHAR', 'channel': 'VARCHAR',
      'opened': 'TIMESTAMPTZ', 'responded': 'TIMESTAMPTZ', 'resolved': 'TIMESTAMPTZ',
      'reopened': 'BOOLEAN'}`;
const instance = await DuckDBInstance.create(':memory:', { threads: String(threads) });
const connection = await instance.connect();
await connection.run("SET TimeZone = 'UTC'");

const times = [];
for (let i = 0; i < 5; ++i) {
  const start = process.hrtime.bigint();
  await connection.run(`CREATE OR REPLACE TABLE parsed AS SELECT * FROM
    read_csv('${path}', header = true, columns = ${columns})`);
  times.push(Number(process.hrtime.bigint() - start) / 1e6);
}
times.sort((a, b) => a - b);
console.log(JSON.stringify({ workload, threads: Number(threads), ms: times[2] }));
