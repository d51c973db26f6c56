/**
 * Data folders from before the raw SQLCipher key (electron/db/keying.ts), for the
 * tests of the move: the database keyed by passphrase, the keyring without
 * `dbKeying`. Also the child process that the kill test stops in the middle of the
 * move (run when WD_MOVER_DIR is set).
 */
import { randomBytes } from 'node:crypto';
import { writeSync } from 'node:fs';
import { openSlot, readKeyring, writeKeyring } from '../../electron/db/keyring';
import { rekeyConnection } from '../../electron/db/keying';
import { openDatabase, readSalt } from '../../electron/db/open';
import { dataPaths } from '../../electron/db/paths';
import { openKeyed } from '../../electron/services/auth/raw-key';

export const MOVER_ENV = { dir: 'WD_MOVER_DIR', key: 'WD_MOVER_KEY' } as const;

export function slotKey(keyFile: string, username: string, password: string): Buffer {
  const slot = readKeyring(keyFile).slots.find((s) => s.username === username);
  const key = slot ? openSlot(slot, password) : null;
  if (!key) throw new Error(`the slot of ${username} should open`);
  return key;
}

/**
 * Rekeys a folder made by today's setup to the passphrase keying and drops
 * `dbKeying` from its keyring. `fillerMiB` of random rows first make the rekey
 * long enough to be killed half way.
 */
export function makeLegacyKeyed(dir: string, key: Buffer, fillerMiB = 0): void {
  const paths = dataPaths(dir);
  const db = openDatabase({ path: paths.db, key, keying: 'raw' });
  try {
    if (fillerMiB > 0) {
      db.exec('CREATE TABLE test_filler (id INTEGER PRIMARY KEY, data BLOB NOT NULL)');
      const insert = db.prepare('INSERT INTO test_filler (data) VALUES (?)');
      db.transaction(() => {
        for (let i = 0; i < fillerMiB * 256; i++) insert.run(randomBytes(4000));
      })();
    }
    rekeyConnection(db, key, 'passphrase');
  } finally {
    db.close();
  }
  const { dbKeying: _dropped, ...ring } = readKeyring(paths.keyFile);
  writeKeyring(paths.keyFile, { ...ring, dbSalt: readSalt(paths.db) });
}

function main(): void {
  const dir = process.env[MOVER_ENV.dir] ?? '';
  const key = Buffer.from(process.env[MOVER_ENV.key] ?? '', 'hex');
  const paths = dataPaths(dir);
  writeSync(1, 'opening\n');
  const { db, movedToRaw } = openKeyed(paths.db, paths.keyFile, key);
  db.close();
  writeSync(1, `done ${String(movedToRaw)}\n`);
}

if (process.env[MOVER_ENV.dir]) {
  try {
    main();
  } catch (e) {
    process.stderr.write(`mover failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exit(2);
  }
}
