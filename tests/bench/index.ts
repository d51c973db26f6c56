import { benchImport } from './import';
import { benchRegisters } from './registers';

/**
 * `npm run bench [-- --scale S]`: measurements, not tests. Each suite prints a
 * table of medians and ratios against the floor its issue names.
 */
async function main(): Promise<void> {
  const i = process.argv.indexOf('--scale');
  const scale = i > 0 ? Number(process.argv[i + 1]) : 2.4; // ≈ 100 000 persons
  await benchRegisters(scale);
  await benchImport();
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exit(1);
});
