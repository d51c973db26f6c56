import { chromium } from 'playwright-core';
import { join } from 'node:path';
import { generateDemo } from '../../electron/services/demo';
import { loadFacts } from '../../electron/services/documents/facts';
import { pagesOf, plan } from '../../electron/services/documents/render';
import { issueItems } from '../../electron/services/documents/service';
import { ChromiumPrintEngine, PRINT_CHROMIUM_PATH } from '../../electron/services/print/chromium';
import { CHROMIUM_FLAGS } from '../support/chromium';
import { initialisedDir, invoke, newApp, PASSWORD, signIn } from '../support/fixtures';
import { tempDir } from '../support/tmp';
import { median, printTable, type Row } from './stats';

const RUNS = 3;
const COUNT = 1000;
const TODAY = '2026-11-05';

/**
 * `npm run bench -- --only documents`: 1,000 待遇证 in one PDF through
 * document.batchPdf (facts from the database, numbers, Ed25519-signed QR codes,
 * templates, the paged PDF engine, the file written), against Chromium's own
 * page.setContent + page.pdf() of the same static HTML in one go (target ≤ 1.2×).
 */
export async function benchDocuments(): Promise<void> {
  const tmp = tempDir();
  const outDir = tempDir();
  const out = join(outDir.dir, 'certificates.pdf');
  const engine = new ChromiumPrintEngine();
  const browser = await chromium.launch({ executablePath: PRINT_CHROMIUM_PATH, headless: true, args: CHROMIUM_FLAGS });
  try {
    initialisedDir(tmp.dir, { users: [{ username: 'li', displayName: '李经办', roles: ['clerk'] }] });
    const t = newApp(tmp.dir, {
      clock: () => new Date(`${TODAY}T02:00:00Z`),
      printing: engine,
      dialogs: {
        chooseFolder: () => Promise.resolve(null),
        chooseSaveFile: () => Promise.resolve({ path: out, overwrite: true }),
      },
    });
    await signIn(t, 'li', 'li', PASSWORD);
    const store = t.app.currentStore();
    if (!store) throw new Error('no store');
    generateDemo(
      store,
      { username: 'li', channel: 'demo.generate' },
      { scale: 0.12, seed: 7, today: TODAY, countyCode: '420102' },
    );
    const ids = store.raw
      .prepare(`SELECT person_id FROM enrolments WHERE program = 'elderly' AND status = 'active' ORDER BY id LIMIT ?`)
      .pluck()
      .all(COUNT) as number[];
    if (ids.length < COUNT) throw new Error(`demo has ${String(ids.length)} active elders, wants ${String(COUNT)}`);

    // The floor: the very HTML of those certificates, laid out by Chromium in one page.pdf().
    const planned = ids.map((id) =>
      plan(store, 'certificate', loadFacts(store, { personId: id, program: 'elderly' }, TODAY)),
    );
    const items = issueItems(t.app, store, { username: 'li', channel: 'bench' }, planned);
    const paged = pagesOf('certificate', items, { dxMm: 0, dyMm: 0, preprinted: false }, 'bench');
    const html = paged.shell(paged.pages.join('\n'));
    const page = await browser.newPage();
    const floorOnce = async () => {
      const s = performance.now();
      await page.setContent(html);
      await page.pdf({ preferCSSPageSize: true, printBackground: true });
      return performance.now() - s;
    };
    const oursOnce = async () => {
      const s = performance.now();
      const r = await invoke(t, 'li', 'document.batchPdf', { kind: 'certificate', program: 'elderly', personIds: ids });
      if (!r.ok) throw new Error(`${r.error.code} ${r.error.message}`);
      if (r.value.documents !== COUNT) throw new Error(`printed ${String(r.value.documents)}`);
      return { ms: performance.now() - s, pages: r.value.pages };
    };
    await floorOnce();
    const first = await oursOnce(); // the first run numbers them; later runs are 补打 with the same numbers
    const floor: number[] = [];
    const ours: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      floor.push(await floorOnce());
      ours.push((await oursOnce()).ms);
    }
    const floorMs = median(floor);
    const oursMs = median(ours);
    const rows: Row[] = [
      {
        measure: `floor: page.pdf() of the same HTML (${String(paged.pages.length)} pages)`,
        medianMs: floorMs,
        floorMs: null,
        target: '',
        ok: null,
      },
      {
        measure: `document.batchPdf, ${String(COUNT)} certificates`,
        medianMs: oursMs,
        floorMs,
        target: '≤ 1.2×',
        ok: oursMs <= 1.2 * floorMs,
        note: `${String(first.pages)} pages; first run with numbering ${first.ms.toFixed(0)} ms`,
      },
    ];
    printTable('documents bench (1,000 待遇证 in one PDF)', rows);
    t.app.close();
  } finally {
    await browser.close();
    await engine.close();
    tmp.cleanup();
    outDir.cleanup();
  }
}
