import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { ChromiumPrintEngine } from '../../electron/services/print/chromium';
import { renderDocument } from '../../electron/services/print/documents';
import { makeSampleDoc } from './make-doc';
import { REPO_ROOT } from './paths';

/**
 * `npx tsx --tsconfig tsconfig.runtime.json tests/support/print-images.ts`:
 * docs/images/{roster,slips,summary}.png, the first page of each document for the
 * sample batch, at 60 dpi (pdftoppm), for the README.
 */
async function main(): Promise<void> {
  const out = resolve(REPO_ROOT, 'docs', 'images');
  mkdirSync(out, { recursive: true });
  const work = mkdtempSync(join(tmpdir(), 'wd-print-images-'));
  const engine = new ChromiumPrintEngine();
  try {
    const doc = makeSampleDoc({ lines: 70, townships: 3, villagesPerTownship: 4 });
    for (const kind of ['roster', 'slips', 'summary'] as const) {
      const { html, landscape } = renderDocument(kind, doc);
      const pdf = join(work, `${kind}.pdf`);
      writeFileSync(pdf, await engine.pdf(html, { landscape }));
      execFileSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '1', '-singlefile', pdf, join(work, kind)]);
      renameSync(join(work, `${kind}.png`), join(out, `${kind}.png`));
      process.stdout.write(`docs/images/${kind}.png\n`);
    }
  } finally {
    await engine.close();
    rmSync(work, { recursive: true, force: true });
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exit(1);
});
