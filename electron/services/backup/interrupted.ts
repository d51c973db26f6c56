import { existsSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import type { AppContext } from '../app/context';
import type { Store } from '../../db/store';
import { writeKeyring, readKeyring } from '../../db/keyring';
import { backupGroups } from '../../../shared/contract';
import { tidyGroup } from './retention';

/**
 * A restore writes this journal just before it swaps files and removes it once
 * the restored database is open and the restore audited. Finding it at the next
 * open means the process died in between: the swap is completed when the
 * database was already renamed into place, else rolled back.
 */
export const journalSchema = z.object({
  restoredFrom: z.string(),
  createdAt: z.string(),
  kind: z.string(),
  schemaVersion: z.number().int(),
  safetyId: z.string().nullable(),
  username: z.string(),
});
export type RestoreJournal = z.infer<typeof journalSchema>;

export interface SettledRestore {
  outcome: 'completed' | 'rolledBack';
  journal: RestoreJournal | null;
}

export function stagedPath(ctx: AppContext): string {
  return `${ctx.paths.db}.restoring`;
}

export function asidePaths(ctx: AppContext): { db: string; ring: string } {
  return { db: `${ctx.paths.db}.before-restore`, ring: `${ctx.paths.keyFile}.before-restore` };
}

function readJournal(path: string): RestoreJournal | null {
  try {
    const parsed = journalSchema.safeParse(JSON.parse(readFileSync(path, 'utf8')));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

function removeSidecars(dbPath: string): void {
  // The clean-close seal described the file being replaced: the restored one is checked in full at its first open.
  for (const suffix of ['-wal', '-shm', '-journal', '.clean']) rmSync(`${dbPath}${suffix}`, { force: true });
}

/**
 * Runs before the keyring is read at sign-in. Returns what was found, or null
 * when no restore was interrupted; `finishSettled` audits it once the database is open.
 */
export function settleInterruptedRestore(ctx: AppContext): SettledRestore | null {
  const p = ctx.paths;
  const staged = stagedPath(ctx);
  const aside = asidePaths(ctx);
  const next = `${p.keyFile}.next`;
  // A journal cut while it was written never became the journal: its temporary file is a leftover either way.
  rmSync(`${p.restoreJournal}.tmp`, { force: true });
  if (!existsSync(p.restoreJournal)) {
    // Leftovers of a restore that failed before its journal: a copy never swapped in.
    rmSync(staged, { force: true });
    removeSidecars(staged);
    return null;
  }
  const journal = readJournal(p.restoreJournal);
  if (existsSync(staged)) {
    // The database was never replaced: the old files stand; drop the new keyring and the copies.
    rmSync(staged, { force: true });
    removeSidecars(staged);
    rmSync(next, { force: true });
    // A kill while the backup's keyring was being written leaves its temporary file (never renamed by anyone).
    rmSync(`${next}.tmp`, { force: true });
    rmSync(aside.db, { force: true });
    if (existsSync(aside.ring) && !existsSync(p.keyFile)) renameSync(aside.ring, p.keyFile);
    rmSync(aside.ring, { force: true });
    return { outcome: 'rolledBack', journal };
  }
  // The backup is in place: its keyring follows (the rename may not have happened yet).
  if (existsSync(next)) {
    writeKeyring(p.keyFile, readKeyring(next));
    rmSync(next, { force: true });
  }
  return { outcome: 'completed', journal };
}

/** Audits the settled restore in the open database and removes the journal and the copies kept aside. */
export function finishSettled(ctx: AppContext, store: Store, settled: SettledRestore): void {
  const j = settled.journal;
  const entry = { entity: 'backup', entityId: j?.restoredFrom ?? null, after: j ?? {} } as const;
  store.write({ username: j?.username ?? 'system', channel: 'backup.restore' }, (w) =>
    settled.outcome === 'completed'
      ? w.audit({ action: 'backup.restoreCompleted', ...entry })
      : w.audit({ action: 'backup.restoreRolledBack', ...entry }),
  );
  const aside = asidePaths(ctx);
  rmSync(aside.db, { force: true });
  rmSync(aside.ring, { force: true });
  rmSync(ctx.paths.restoreJournal, { force: true });
}

/** Unfinished backup folders (`*.partial`, `*.old`) a kill left under DATA/backups. */
export function removeBackupLeftovers(ctx: AppContext): void {
  for (const group of backupGroups) tidyGroup(join(ctx.paths.backups, group));
}
