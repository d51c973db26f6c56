import { existsSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';

export const DAILY_NAME = /^\d{4}-\d{2}-\d{2}$/;
export const MONTHLY_NAME = /^\d{4}-\d{2}$/;

/** Folders left by a crash mid-backup: a `.partial` never became a backup; an `.old` is one that was being replaced. */
export function tidyGroup(dir: string): void {
  if (!existsSync(dir)) return;
  for (const d of readdirSync(dir, { withFileTypes: true })) {
    if (!d.isDirectory()) continue;
    if (d.name.endsWith('.partial')) rmSync(join(dir, d.name), { recursive: true, force: true });
    if (d.name.endsWith('.old')) {
      const base = join(dir, d.name.slice(0, -'.old'.length));
      // The replacement never landed: the old backup is still the good one.
      if (existsSync(base)) rmSync(join(dir, d.name), { recursive: true, force: true });
      else renameSync(join(dir, d.name), base);
    }
  }
}

/** Keeps the newest `keep` folders whose names match; names are dates, so they sort by age. Returns the removed ids. */
function pruneGroup(backups: string, group: 'daily' | 'monthly', pattern: RegExp, keep: number): string[] {
  const dir = join(backups, group);
  if (!existsSync(dir)) return [];
  const names = readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && pattern.test(d.name))
    .map((d) => d.name)
    .sort()
    .reverse();
  const drop = names.slice(Math.max(0, keep));
  for (const name of drop) rmSync(join(dir, name), { recursive: true, force: true });
  return drop.map((name) => `${group}/${name}`);
}

/** Manual and safety backups are never pruned: someone chose to keep those. */
export function pruneBackups(backups: string, keep: { daily: number; monthly: number }): string[] {
  return [
    ...pruneGroup(backups, 'daily', DAILY_NAME, keep.daily),
    ...pruneGroup(backups, 'monthly', MONTHLY_NAME, keep.monthly),
  ];
}
