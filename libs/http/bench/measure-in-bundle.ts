// Entry point of the bundle that http-handler.bench.ts builds and runs with plain node:
//
//   node <bundle>.cjs <report.json>
//
// Runs runHttpHandlerBench() with the sizes from BENCH_HTTP_* and writes its report as JSON to the
// path given as the first argument. Not meant to be run with tsx: @middy/core is published as an
// ES module only, which a CommonJS require cannot load, and tsx would be measured too.
import { writeFileSync } from 'node:fs';
import { httpHandlerBenchOptionsFromEnv, runHttpHandlerBench } from './measure-http-handler';

async function main(): Promise<void> {
  const reportPath = process.argv[2];
  if (!reportPath) throw new Error('usage: node <bundle>.cjs <report.json>');
  const report = await runHttpHandlerBench(httpHandlerBenchOptionsFromEnv());
  writeFileSync(reportPath, `${JSON.stringify(report)}\n`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
