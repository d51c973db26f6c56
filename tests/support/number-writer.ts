/**
 * Child process for tests/integration/documents-numbers.test.ts: opens the real
 * encrypted database and takes document numbers one at a time, each in its own
 * transaction through the same `reserve` a print uses, printing each number on
 * its own line once committed. The database key comes in hex through the
 * environment (test-only: skips the scrypt of a password slot).
 */
import { writeSync } from 'node:fs';
import { openDatabase } from '../../electron/db/open';
import { dataPaths } from '../../electron/db/paths';
import { Store } from '../../electron/db/store';
import { reserve } from '../../electron/services/documents/numbers';

const dir = process.env.WD_NUM_DIR;
const key = process.env.WD_NUM_KEY;
const count = Number(process.env.WD_NUM_COUNT ?? '0');
if (dir && key) {
  const store = new Store(openDatabase({ path: dataPaths(dir).db, key: Buffer.from(key, 'hex') }), () => new Date());
  for (let i = 0; i < count; i++) {
    const [n] = reserve(
      store,
      { username: 'writer', channel: 'document.batchPdf' },
      'certificate',
      '民高证〔{year}〕{seq4}号',
      2026,
      1,
    );
    writeSync(1, `${n?.number ?? ''}\n`);
  }
  store.close();
}
