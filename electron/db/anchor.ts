import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';
import { closeSync, existsSync, fsyncSync, openSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import type Database from 'better-sqlite3-multiple-ciphers';
import { z } from 'zod';
import { GENESIS_HASH } from './audit';

/**
 * The audit anchor: the head of the audit chain (sequence and hash) kept outside
 * the database, beside it and in every backup manifest, MAC'd with a key derived
 * from the database key. A database that comes back behind its anchor (a lost or
 * truncated WAL, newest audit rows deleted, an older copy put in its place) is
 * told apart from a whole one. The file is rewritten after every commit that adds
 * audit rows; a crash in between leaves the database ahead of it, which is fine.
 */
export const anchorSchema = z.object({
  format: z.literal('welfare-desk-anchor'),
  version: z.literal(1),
  seq: z.number().int().min(0),
  hash: z.string().regex(/^[0-9a-f]{64}$/),
  mac: z.string().regex(/^[0-9a-f]{64}$/),
});
export type Anchor = z.infer<typeof anchorSchema>;

export interface Head {
  seq: number;
  hash: string;
}

const INFO = Buffer.from('welfare-desk/audit-anchor/v1');

function macKey(dbKey: Buffer): Buffer {
  return Buffer.from(hkdfSync('sha256', dbKey, Buffer.alloc(0), INFO, 32));
}

function macOf(dbKey: Buffer, head: Head): string {
  return createHmac('sha256', macKey(dbKey)).update(`${head.seq}\n${head.hash}`).digest('hex');
}

export function makeAnchor(dbKey: Buffer, head: Head): Anchor {
  return { format: 'welfare-desk-anchor', version: 1, seq: head.seq, hash: head.hash, mac: macOf(dbKey, head) };
}

/** True when the anchor was written by someone holding this database key. */
export function anchorAuthentic(dbKey: Buffer, anchor: Anchor): boolean {
  const want = Buffer.from(macOf(dbKey, anchor), 'hex');
  const got = Buffer.from(anchor.mac, 'hex');
  return want.length === got.length && timingSafeEqual(want, got);
}

export function dbHead(db: Database.Database): Head {
  const row = db.prepare('SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1').get() as Head | undefined;
  return row ?? { seq: 0, hash: GENESIS_HASH };
}

/** The anchor file, 'missing', or 'invalid' when it is not one of ours. */
export function readAnchor(path: string): Anchor | 'missing' | 'invalid' {
  if (!existsSync(path)) return 'missing';
  try {
    const parsed = anchorSchema.safeParse(JSON.parse(readFileSync(path, 'utf8')));
    return parsed.success ? parsed.data : 'invalid';
  } catch {
    return 'invalid';
  }
}

export function writeAnchor(path: string, anchor: Anchor): void {
  const tmp = `${path}.tmp`;
  writeFileSync(tmp, `${JSON.stringify(anchor)}\n`, { mode: 0o600 });
  const fd = openSync(tmp, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, path);
}

export type AnchorCheck =
  | { state: 'ok' }
  /** No anchor yet (a database from before anchors, or the file was removed). */
  | { state: 'missing' }
  /** Not ours or not written with this key (edited, or left from before a rekey). */
  | { state: 'invalid' }
  /** The database lacks the newest `missing` audit rows the anchor vouches for. */
  | { state: 'behind'; missing: number; anchorSeq: number; headSeq: number }
  /** The row at the anchor's sequence is another one: history was replaced. */
  | { state: 'forked'; anchorSeq: number };

export function checkAnchor(db: Database.Database, dbKey: Buffer, anchor: Anchor | 'missing' | 'invalid'): AnchorCheck {
  if (anchor === 'missing') return { state: 'missing' };
  if (anchor === 'invalid' || !anchorAuthentic(dbKey, anchor)) return { state: 'invalid' };
  const head = dbHead(db);
  if (head.seq < anchor.seq)
    return { state: 'behind', missing: anchor.seq - head.seq, anchorSeq: anchor.seq, headSeq: head.seq };
  if (anchor.seq === 0) return anchor.hash === GENESIS_HASH ? { state: 'ok' } : { state: 'forked', anchorSeq: 0 };
  const row = db.prepare('SELECT hash FROM audit_log WHERE seq = ?').get(anchor.seq) as { hash: string } | undefined;
  return row?.hash === anchor.hash ? { state: 'ok' } : { state: 'forked', anchorSeq: anchor.seq };
}

/** The user's words for a database behind or beside its anchor. */
export function anchorProblem(check: AnchorCheck): string | null {
  if (check.state === 'behind')
    return `最近 ${check.missing} 条操作记录缺失（数据库只到第 ${check.headSeq} 条，审计锚点记录到第 ${check.anchorSeq} 条）：数据库可能在断电、复制或被改动时丢失了最后的操作，请从备份恢复`;
  if (check.state === 'forked')
    return `操作记录与审计锚点不符（第 ${check.anchorSeq} 条已被替换）：数据库可能被替换或改动，请从备份恢复`;
  return null;
}
