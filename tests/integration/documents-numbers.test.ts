import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openSlot, readKeyring } from '../../electron/db/keyring';
import { dataPaths } from '../../electron/db/paths';
import { formatNumber, seriesOf } from '../../electron/services/documents/numbers';
import { ADMIN, initialisedDir } from '../support/fixtures';
import { REPO_ROOT } from '../support/paths';
import { tempDir } from '../support/tmp';

function writer(dir: string, key: string, count: number): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [
        join(REPO_ROOT, 'node_modules/tsx/dist/cli.mjs'),
        '--tsconfig',
        join(REPO_ROOT, 'tsconfig.runtime.json'),
        join(REPO_ROOT, 'tests/support/number-writer.ts'),
      ],
      { env: { PATH: process.env.PATH ?? '', WD_NUM_DIR: dir, WD_NUM_KEY: key, WD_NUM_COUNT: String(count) } },
    );
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString('utf8')));
    child.stderr.on('data', (d: Buffer) => (err += d.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0
        ? resolve(out.split('\n').filter(Boolean))
        : reject(new Error(`writer exited ${String(code)}: ${err}`)),
    );
  });
}

describe('document numbers', () => {
  let tmp: ReturnType<typeof tempDir>;
  beforeEach(() => {
    tmp = tempDir();
    initialisedDir(tmp.dir);
  });
  afterEach(() => tmp.cleanup());

  it('follow the pattern: program initial, year, padded sequence', () => {
    expect(formatNumber(seriesOf('云民{p}证〔{year}〕{seq4}号', 'elderly'), 2026, 123)).toBe('云民高证〔2026〕0123号');
    expect(formatNumber(seriesOf('{p}-{year}-{seq}', 'orphan'), 2027, 5)).toBe('孤-2027-5');
  });

  it('never repeat across 1,000 documents numbered by two processes at once', async () => {
    const ring = readKeyring(dataPaths(tmp.dir).keyFile);
    const slot = ring.slots.find((s) => s.username === ADMIN.username);
    const key = slot ? openSlot(slot, ADMIN.password) : null;
    if (!key) throw new Error('the admin slot should open');
    const [a, b] = await Promise.all([
      writer(tmp.dir, key.toString('hex'), 500),
      writer(tmp.dir, key.toString('hex'), 500),
    ]);
    expect(a).toHaveLength(500);
    expect(b).toHaveLength(500);
    const all = new Set([...a, ...b]);
    expect(all.size).toBe(1000);
    // Each process's numbers go up, and together they are 1..1000 without a gap.
    const seq = (n: string) => Number(/〕(\d+)号/.exec(n)?.[1]);
    expect(a.map(seq)).toEqual([...a.map(seq)].sort((x, y) => x - y));
    expect([...all].map(seq).sort((x, y) => x - y)).toEqual(Array.from({ length: 1000 }, (_, i) => i + 1));
  }, 180_000);
});
