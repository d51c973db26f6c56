import { copyFileSync, statSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { openSlot, readKeyring } from '../../electron/db/keyring';
import { cipherKey, rekeyConnection, type Keying } from '../../electron/db/keying';
import { schemaVersion } from '../../electron/db/migrations';
import { writeSeal } from '../../electron/db/clean-seal';
import { openDatabase } from '../../electron/db/open';
import { Store } from '../../electron/db/store';
import { generateDemo } from '../../electron/services/demo';
import { ADMIN, initialisedDir } from '../support/fixtures';
import { median, printTable, type Row } from './stats';

const RUNS = 9;

/** Each open is timed whole, unless it returns its own time (to leave out its set-up). */
function interleaved(runs: number, opens: Array<() => number | void>): number[][] {
  const ms = opens.map((): number[] => []);
  for (let i = 0; i < runs; i++) {
    opens.forEach((open, j) => {
      const s = performance.now();
      const own = open();
      ms[j]?.push(typeof own === 'number' ? own : performance.now() - s);
    });
  }
  return ms;
}

/**
 * The steps of openDatabase, on an encrypted file (`cipher`) or an unencrypted copy (the floor), with or
 * without its quick_check: the check reads and decrypts every page, so it is timed apart.
 */
function openSteps(path: string, cipher: { key: Buffer; keying: Keying } | null, quick: boolean): void {
  const db = new Database(path, { fileMustExist: true });
  try {
    if (cipher) {
      db.pragma(`cipher='sqlcipher'`);
      db.pragma('legacy=4');
      const bytes = cipherKey(cipher.key, cipher.keying);
      db.key(bytes);
      bytes.fill(0);
    }
    db.prepare('SELECT count(*) FROM sqlite_schema').get();
    schemaVersion(db);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    db.pragma('cache_size = -131072');
    if (quick) {
      const check = db.pragma('quick_check', { simple: true });
      if (check !== 'ok') throw new Error(`quick_check: ${String(check)}`);
    }
  } finally {
    db.close();
  }
}

/** A copy of `path` under another keying (or none): same rows, same page count. */
function copyAs(path: string, to: string, key: Buffer, keying: Keying | 'plain'): void {
  copyFileSync(path, to);
  const db = openDatabase({ path: to, key, keying: 'raw' });
  try {
    if (keying === 'plain') {
      db.pragma('wal_checkpoint(TRUNCATE)');
      db.pragma('journal_mode = DELETE');
      // An empty key takes the encryption off (SQLite3 Multiple Ciphers).
      db.rekey(Buffer.alloc(0));
    } else if (keying === 'passphrase') {
      rekeyConnection(db, key, 'passphrase');
    }
  } finally {
    db.close();
  }
}

/**
 * `npm run bench -- --only open`: opening the county's database as sign-in does
 * (openDatabase: key, first read, schema check, pragmas, quick_check, migrations),
 * under the raw key and under the old passphrase keying, against the same steps on
 * an unencrypted copy of the same size. Warm page cache: every run after the first
 * reads the file from memory, as a second sign-in would.
 */
export async function benchOpen(scale: number): Promise<void> {
  const { tempDir } = await import('../support/tmp');
  const tmp = tempDir('wd-bench-open-');
  const data = join(tmp.dir, 'data');
  try {
    initialisedDir(data);
    const ring = readKeyring(join(data, 'welfare.keys.json'));
    const slot = ring.slots.find((s) => s.username === ADMIN.username);
    const key = slot ? openSlot(slot, ADMIN.password) : null;
    if (!key) throw new Error('no key');
    const dbPath = join(data, 'welfare.db');
    copyFileSync(dbPath, join(tmp.dir, 'fresh.db'));
    const store = new Store(openDatabase({ path: dbPath, key }));
    const counts = generateDemo(
      store,
      { username: 'admin', channel: 'bench' },
      { scale, seed: 7, today: new Date().toISOString().slice(0, 10), countyCode: '420102' },
    );
    store.raw.pragma('wal_checkpoint(TRUNCATE)');
    store.close();
    const legacy = join(tmp.dir, 'legacy.db');
    const plain = join(tmp.dir, 'plain.db');
    copyAs(dbPath, legacy, key, 'passphrase');
    copyAs(dbPath, plain, key, 'plain');
    const mib = (p: string) => (statSync(p).size / 1024 / 1024).toFixed(1);
    process.stdout.write(
      `\nopen bench: demo scale ${String(scale)}, ${String(counts.persons)} persons; database ${mib(dbPath)} MiB (plain copy ${mib(plain)} MiB); load ${loadavg()
        .map((l) => l.toFixed(2))
        .join(' ')}\n`,
    );

    const small = join(tmp.dir, 'small.db');
    const smallLegacy = join(tmp.dir, 'small-legacy.db');
    copyFileSync(join(tmp.dir, 'fresh.db'), small);
    copyAs(small, smallLegacy, key, 'passphrase');
    // Round-robin, so that the load of the shared machine falls on every measure alike.
    const [floorFull, floorBare, rawFull, passFull, rawBare, passBare, smallRaw, smallPass, sealed] = interleaved(
      RUNS,
      [
        () => openSteps(plain, null, true),
        () => openSteps(plain, null, false),
        () => openDatabase({ path: dbPath, key, keying: 'raw' }).close(),
        () => openDatabase({ path: legacy, key, keying: 'passphrase' }).close(),
        () => openSteps(dbPath, { key, keying: 'raw' }, false),
        () => openSteps(legacy, { key, keying: 'passphrase' }, false),
        () => openDatabase({ path: small, key, keying: 'raw' }).close(),
        () => openDatabase({ path: smallLegacy, key, keying: 'passphrase' }).close(),
        // Sign-in after a clean close: the seal written at the last close stands in for quick_check.
        () => {
          writeSeal(dbPath);
          const t0 = performance.now();
          openDatabase({ path: dbPath, key, keying: 'raw', trustSeal: true }).close();
          return performance.now() - t0;
        },
      ],
    ).map(median) as [number, number, number, number, number, number, number, number, number];
    // Once per database, at its first sign-in after the upgrade: the rewrite of every page under the raw key.
    const moving = join(tmp.dir, 'moving.db');
    copyFileSync(legacy, moving);
    const mover = openDatabase({ path: moving, key, keying: 'passphrase' });
    const moveStart = performance.now();
    rekeyConnection(mover, key, 'raw');
    const moveMs = performance.now() - moveStart;
    mover.close();
    const row = (measure: string, ms: number, floorMs: number | null, target: string, note?: string): Row => ({
      measure,
      medianMs: ms,
      floorMs,
      target,
      ok: target === '—' ? null : ms <= 50,
      ...(note ? { note } : {}),
    });
    printTable(`database open at county scale, median of ${String(RUNS)}, measures taken in turn`, [
      row(
        'sign-in open after a clean close, raw key',
        sealed,
        floorBare,
        '≤ 50 ms',
        'clean-close seal, no quick_check',
      ),
      row('openDatabase, raw key, first open after a crash', rawFull, floorFull, '—', 'includes quick_check'),
      row('openDatabase, passphrase keying (before)', passFull, floorFull, '—', 'includes quick_check'),
      row('  open without quick_check, raw key', rawBare, floorBare, '≤ 50 ms'),
      row('  open without quick_check, passphrase', passBare, floorBare, '—', 'PBKDF2-HMAC-SHA512 × 256 000'),
      row('  floor: unencrypted copy, with quick_check', floorFull, null, '—'),
      row('  floor: unencrypted copy, no quick_check', floorBare, null, '—'),
      row('new county (one page set), raw key', smallRaw, null, '≤ 50 ms'),
      row('new county, passphrase keying', smallPass, null, '—'),
      row('move to the raw key (once, one run)', moveMs, null, '—', 'PRAGMA rekey of every page'),
    ]);
    key.fill(0);
  } finally {
    tmp.cleanup();
  }
}
