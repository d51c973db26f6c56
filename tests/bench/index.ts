import { benchDocuments } from './documents';
import { benchImport } from './import';
import { benchPayouts } from './payouts';
import { benchPayoutHistory } from './payouts-history';
import { benchRoster, printRosterBench } from './roster';
import { benchRegisters } from './registers';
import { benchShell } from './shell';
import { benchReports } from './reports';
import { benchOpen } from './open';
import { benchPackage } from './package';

/**
 * `npm run bench [-- --scale S] [--only SUITE]`: measurements, not tests. Each suite prints a
 * table of medians and ratios against the floor its issue names.
 */
async function main(): Promise<void> {
  const i = process.argv.indexOf('--scale');
  const scale = i > 0 ? Number(process.argv[i + 1]) : 2.4; // ≈ 100 000 persons
  // `--only registers|payouts|history|roster|import|shell|open` runs one suite.
  const o = process.argv.indexOf('--only');
  const only = o > 0 ? process.argv[o + 1] : undefined;
  if (!only || only === 'registers') await benchRegisters(scale);
  if (!only || only === 'payouts') await benchPayouts();
  if (!only || only === 'history') await benchPayoutHistory();
  if (!only || only === 'roster') printRosterBench(await benchRoster());
  if (!only || only === 'import') await benchImport();
  if (!only || only === 'shell') await benchShell();
  if (!only || only === 'documents') await benchDocuments();
  if (!only || only === 'reports') await benchReports();
  if (!only || only === 'open') await benchOpen(scale);
  if (!only || only === 'package') await benchPackage(scale);
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exit(1);
});
