import { benchPrint, printPrintBench } from './print';

/** `npx tsx --tsconfig tsconfig.runtime.json tests/bench/print-run.ts [lines] [runs]`: the print bench alone. */
const lines = Number(process.argv[2] ?? 5000);
const runs = Number(process.argv[3] ?? 5);
benchPrint({ lines, runs })
  .then(printPrintBench)
  .catch((e: unknown) => {
    process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exit(1);
  });
