// The DuckDB peer of minewatch's macro benchmark (bench/run_macro.sh).
//
// Per meter and UTC day: sum, min and max of kWh (and the count, to check the peers agree), with read_csv and
// one GROUP BY, as a data scientist would write it. The engine ships inside npm's @duckdb/node-api
// (bench/peers/package-lock.json pins the version; `npm install` in bench/peers installs it).
//
//   node daily_aggregates_duckdb.mjs READINGS.csv [--threads N] [--out DAILY.csv]
//
// The aggregates are materialised in a table (and written out with --out) so the work cannot be optimised
// away; prints one JSON line with the totals that run_macro.sh compares across peers, and the seconds spent.
import { DuckDBInstance } from '@duckdb/node-api';

function parseArgs(argv) {
  const args = { readings: null, threads: '2', out: null };
  for (let i = 0; i < argv.length; ++i) {
    if (argv[i] === '--threads') args.threads = argv[++i];
    else if (argv[i] === '--out') args.out = argv[++i];
    else if (args.readings === null) args.readings = argv[i];
    else throw new Error(`unexpected argument: ${argv[i]}`);
  }
  if (args.readings === null) throw new Error('usage: daily_aggregates_duckdb.mjs READINGS.csv [--threads N] [--out FILE]');
  return args;
}

const sqlString = (s) => `'${s.replaceAll("'", "''")}'`;

const args = parseArgs(process.argv.slice(2));
const started = performance.now();
const instance = await DuckDBInstance.create(':memory:', { threads: String(args.threads) });
const connection = await instance.connect();
await connection.run("SET TimeZone = 'UTC'");
const source = `read_csv(${sqlString(args.readings)}, header = true)`;

// The day key depends on how read_csv typed ts: instants (ISO 8601 with an offset or 'Z'), wall-clock times
// (taken as UTC, as the pandas peer does), or epoch seconds.
const columns = (await connection.runAndReadAll(`DESCRIBE SELECT * FROM ${source}`)).getRowObjectsJson();
const tsType = columns.find((c) => c.column_name === 'ts')?.column_type;
let day;
if (tsType === 'TIMESTAMP WITH TIME ZONE' || tsType === 'TIMESTAMP') {
  day = 'CAST(ts AS DATE)';
} else if (tsType === 'BIGINT' || tsType === 'INTEGER') {
  day = 'CAST(to_timestamp(ts) AS DATE)';
} else {
  throw new Error(`ts column typed ${tsType}: not a timestamp the peer knows`);
}

const aggregateStarted = performance.now();
await connection.run(`
  CREATE TABLE daily AS
  SELECT meter_id, ${day} AS day, sum(kwh) AS kwh_sum, min(kwh) AS kwh_min, max(kwh) AS kwh_max, count(*) AS n
  FROM ${source}
  GROUP BY ALL`);
const aggregateSeconds = (performance.now() - aggregateStarted) / 1000;
if (args.out) await connection.run(`COPY daily TO ${sqlString(args.out)} (HEADER)`);

const totals = (await connection.runAndReadAll(`
  SELECT count(*) AS meter_days, count(DISTINCT meter_id) AS meters, sum(n) AS readings, sum(kwh_sum) AS sum_kwh,
         sum(kwh_min) AS sum_of_daily_min, sum(kwh_max) AS sum_of_daily_max
  FROM daily`)).getRowObjectsJson()[0];
const version = (await connection.runAndReadAll('SELECT version() AS v')).getRowObjectsJson()[0].v;
connection.closeSync();

console.log(JSON.stringify({
  peer: 'duckdb',
  duckdb_version: version,
  threads: Number(args.threads),
  ts_type: tsType,
  meter_days: Number(totals.meter_days),
  meters: Number(totals.meters),
  readings: Number(totals.readings),
  sum_kwh: Number(totals.sum_kwh),
  sum_of_daily_min: Number(totals.sum_of_daily_min),
  sum_of_daily_max: Number(totals.sum_of_daily_max),
  aggregate_s: aggregateSeconds,
  total_s: (performance.now() - started) / 1000,
}));
