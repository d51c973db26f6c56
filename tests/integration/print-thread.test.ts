import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../support/paths';

/**
 * Issue 19: the preview's print engine runs on its own thread, so the thread that
 * serves the window never loads playwright-core (a 500 ms module) or speaks its
 * protocol; PDFs come back whole, and two at a time.
 */
describe('the preview prints on a thread of its own', () => {
  it('returns each PDF whole while the serving thread never loads playwright-core', async () => {
    const out = execFileSync(
      process.execPath,
      ['--import', 'tsx', join(REPO_ROOT, 'tests/support/print-thread-probe.ts')],
      {
        cwd: REPO_ROOT,
        encoding: 'utf8',
        env: { ...process.env, TSX_TSCONFIG_PATH: join(REPO_ROOT, 'tsconfig.runtime.json') },
        maxBuffer: 64 * 1024 * 1024,
        timeout: 120_000,
      },
    );
    const r = JSON.parse(out) as { a: string; b: string; loaded: string[] };
    expect(r.loaded).toEqual([]);
    expect((await PDFDocument.load(Buffer.from(r.a, 'base64'))).getPageCount()).toBe(2);
    expect((await PDFDocument.load(Buffer.from(r.b, 'base64'))).getPageCount()).toBe(3);
  }, 150_000);
});
