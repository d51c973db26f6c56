import { benchRoster, printRosterBench } from './roster';

/** `npx tsx --tsconfig tsconfig.runtime.json tests/bench/roster-run.ts [lines] [runs]`: the roster bench alone. */
const lines = Number(process.argv[2] ?? 10_000);
const runs = Number(process.argv[3] ?? 3);
benchRoster(lines, runs)
  .then((r) => printRosterBench(r, lines, runs))
  .catch((e: unknown) => {
    process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exit(1);
  });
