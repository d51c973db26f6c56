/**
 * Child process for tests/integration/crash.test.ts: opens the real encrypted
 * database and writes to it through `Store.write` in an endless loop until the
 * test kills it with SIGKILL. After each write has COMMITTED it prints the key
 * it wrote on its own line: a line on stdout is a promise that the write is
 * durable, and the test holds the database to it.
 *
 * Test-only shortcut: the 32-byte database key comes in hex through the
 * environment, so each of the many spawns skips the scrypt of a password slot.
 *
 * Importing this file only brings in the helpers; the loop runs when
 * WD_CRASH_DIR is set (that is, when it is started as the child process).
 */
import { createHash } from 'node:crypto';
import { writeSync } from 'node:fs';
import { openDatabase } from '../../electron/db/open';
import { dataPaths } from '../../electron/db/paths';
import { Store } from '../../electron/db/store';

export const CRASH_ENV = {
  dir: 'WD_CRASH_DIR',
  key: 'WD_CRASH_KEY',
  salt: 'WD_CRASH_SALT',
  run: 'WD_CRASH_RUN',
} as const;
export const CRASH_ACTOR = { username: 'crash', channel: 'test.crash' } as const;
// A labelled action (the audit writer accepts no other); its rows are told apart by their meta key.
export const CRASH_ACTION = 'settings.update';

/** The meta key of the n-th write (from 1) of one writer run. */
export function crashKey(run: number, n: number): string {
  return `crash-${run}-${n}`;
}

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PIECES = [
  '最低生活保障',
  '特困人员供养',
  '临时救助',
  '江岸区民政局',
  '身份证号 420102',
  '张三丰',
  '李四',
  '残疾人两项补贴',
  '高龄津贴',
  '银行卡号 6217',
  '——',
  '，',
  '。',
  '“引号”',
  '（括号）',
  'ASCII text, with "quotes" and \\backslash\\ ',
  '\t',
  '\n',
  '😀',
  '𠮷',
  'Ünïcödé ',
  "O'Brien; DROP TABLE meta; -- ",
  '0123456789',
  ' ',
];

/**
 * The value written under `key`: derived from the key alone, so the test can
 * recompute it. Mostly a few hundred characters; about one in six is 3 000 to
 * 15 000 characters (tens of KB in UTF-8) so its transaction spans many pages.
 */
export function crashValue(key: string): string {
  const digest = createHash('sha256').update(key).digest();
  const rnd = mulberry32(digest.readUInt32LE(0));
  const big = digest[4]! % 6 === 0;
  const target = big ? 3000 + Math.floor(rnd() * 12_000) : 150 + Math.floor(rnd() * 550);
  let out = `${key}|`;
  while (out.length < target) {
    out +=
      rnd() < 0.15 ? digest.toString('hex', 0, 4 + Math.floor(rnd() * 28)) : PIECES[Math.floor(rnd() * PIECES.length)]!;
  }
  return out;
}

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** The audit row's `after` for a value: what the test expects to find in after_json. */
export function crashAuditAfter(value: string): { bytes: number; sha256: string } {
  return { bytes: Buffer.byteLength(value), sha256: sha256Hex(value) };
}

/**
 * Synchronous, so the line has left the process before the next write begins
 * (process.stdout to a pipe is asynchronous). Retries EAGAIN should the pipe
 * ever be non-blocking and full.
 */
function acknowledge(line: string): void {
  const buf = Buffer.from(`${line}\n`);
  let off = 0;
  while (off < buf.length) {
    try {
      off += writeSync(1, buf, off, buf.length - off);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EAGAIN') throw e;
    }
  }
}

function required(name: string): string {
  const v = process.env[name];
  if (!v) throw new Error(`crash-writer: ${name} is not set`);
  return v;
}

function main(): never {
  const dir = required(CRASH_ENV.dir);
  const keyHex = required(CRASH_ENV.key);
  const run = Number(required(CRASH_ENV.run));
  if (!/^[0-9a-f]{64}$/.test(keyHex)) throw new Error('crash-writer: the key must be 64 hex digits');
  const key = Buffer.from(keyHex, 'hex');
  const db = openDatabase({ path: dataPaths(dir).db, key, expectedSalt: process.env[CRASH_ENV.salt] ?? null });
  key.fill(0);
  const store = new Store(db);

  for (let n = 1; ; n++) {
    const k = crashKey(run, n);
    const value = crashValue(k);
    store.write(CRASH_ACTOR, (w) => {
      w.run(w.kysely.insertInto('meta').values({ key: k, value }));
      w.audit({ action: CRASH_ACTION, entity: 'settings', entityId: k, after: crashAuditAfter(value) });
    });
    // Committed: only now may the write be reported.
    acknowledge(k);
    // Checkpoints get killed too, now and then; the automatic ones (every 1000 WAL pages) as well.
    if (n % 13 === 0) db.pragma('wal_checkpoint(PASSIVE)');
    if (n % 97 === 0) db.pragma('wal_checkpoint(TRUNCATE)');
  }
}

if (process.env[CRASH_ENV.dir]) {
  try {
    main();
  } catch (e) {
    process.stderr.write(`crash-writer failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exit(2);
  }
}
