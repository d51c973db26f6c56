import { createHash } from 'node:crypto';
import {
  closeSync,
  existsSync,
  fsyncSync,
  openSync,
  readdirSync,
  readFileSync,
  readSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import type Database from 'better-sqlite3-multiple-ciphers';
import { z } from 'zod';
import { backupKindSchema } from '../../../shared/contract';
import { AppError } from '../../errors';
import { anchorSchema } from '../../db/anchor';

/** The three files of a backup folder. */
export const BACKUP_DB = 'welfare.db';
export const BACKUP_KEYRING = 'welfare.keys.json';
export const MANIFEST = 'manifest.json';

export const manifestSchema = z.object({
  format: z.literal('welfare-desk-backup'),
  version: z.literal(1),
  createdAt: z.string(),
  kind: backupKindSchema,
  schemaVersion: z.number().int().min(1),
  rowCounts: z.record(z.string(), z.number().int().min(0)),
  dbSha256: z.string().regex(/^[0-9a-f]{64}$/),
  keyringSha256: z.string().regex(/^[0-9a-f]{64}$/),
  appVersion: z.string(),
  countyCode: z.string(),
  /** The last audit row in the copy, so a restore can be told apart from later history. */
  auditHead: z.object({ seq: z.number().int(), hash: z.string() }).optional(),
  /** The same head MAC'd under the database key (see electron/db/anchor.ts). */
  anchor: anchorSchema.optional(),
});
export type Manifest = z.infer<typeof manifestSchema>;

/** Streams the file in chunks: a database can be far larger than we want in memory at once. */
export function sha256Of(path: string): string {
  const h = createHash('sha256');
  const fd = openSync(path, 'r');
  try {
    const buf = Buffer.alloc(1 << 20);
    let n: number;
    while ((n = readSync(fd, buf, 0, buf.length, null)) > 0) h.update(buf.subarray(0, n));
  } finally {
    closeSync(fd);
  }
  return h.digest('hex');
}

/** Data must be on the disk before the folder is renamed into place and called a backup. */
export function fsyncFile(path: string): void {
  const fd = openSync(path, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

export function writeManifest(folder: string, manifest: Manifest): void {
  const path = join(folder, MANIFEST);
  writeFileSync(path, `${JSON.stringify(manifest, null, 2)}\n`, { mode: 0o600 });
  fsyncFile(path);
}

/** The manifest, or null when it is missing or not one of ours. */
export function readManifest(folder: string): Manifest | null {
  const path = join(folder, MANIFEST);
  if (!existsSync(path)) return null;
  try {
    const parsed = manifestSchema.safeParse(JSON.parse(readFileSync(path, 'utf8')));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** Rows per user table; names come from sqlite_schema, never from a caller. */
export function countRows(db: Database.Database): Record<string, number> {
  const names = db
    .prepare(
      `SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name`,
    )
    .pluck()
    .all() as string[];
  return Object.fromEntries(
    names.map((n) => [
      n,
      Number(
        db
          .prepare(`SELECT count(*) FROM "${n.replaceAll('"', '""')}"`)
          .pluck()
          .get(),
      ),
    ]),
  );
}

export function integrityProblems(db: Database.Database): string[] {
  const rows = db.pragma('integrity_check', { simple: false }) as Array<{ integrity_check: string }>;
  const messages = rows.map((r) => r.integrity_check);
  return messages.length === 1 && messages[0] === 'ok' ? [] : messages.slice(0, 20);
}

export function sameCounts(a: Record<string, number>, b: Record<string, number>): boolean {
  const keys = Object.keys(a).sort();
  return keys.join('\n') === Object.keys(b).sort().join('\n') && keys.every((k) => a[k] === b[k]);
}

/**
 * The checks a folder must pass before anything trusts it: a manifest of ours and
 * both files hashing to what it says. Opening the database is the caller's part.
 */
export function checkFolder(folder: string): Manifest {
  if (!existsSync(folder) || !statSync(folder).isDirectory()) throw new AppError('BACKUP_NOT_FOUND');
  const manifest = readManifest(folder);
  if (!manifest) throw new AppError('BACKUP_INVALID', '备份文件夹中没有有效的 manifest.json');
  for (const [file, expected] of [
    [BACKUP_DB, manifest.dbSha256],
    [BACKUP_KEYRING, manifest.keyringSha256],
  ] as const) {
    const path = join(folder, file);
    if (!existsSync(path)) throw new AppError('BACKUP_INVALID', `备份不完整：缺少 ${file}`);
    if (sha256Of(path) !== expected)
      throw new AppError('BACKUP_INVALID', `备份文件 ${file} 与清单中的校验值不符（文件已被改动或损坏）`);
  }
  return manifest;
}

/** Bytes of the files directly in a folder. */
export function folderBytes(folder: string): number {
  let total = 0;
  for (const name of readdirSync(folder)) {
    const s = statSync(join(folder, name));
    if (s.isFile()) total += s.size;
  }
  return total;
}
