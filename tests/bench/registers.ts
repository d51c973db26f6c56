/// <reference lib="dom" />
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import type { RegisterRow } from '../../shared/contract';
import { openDatabase } from '../../electron/db/open';
import { openSlot, readKeyring } from '../../electron/db/keyring';
import { Store } from '../../electron/db/store';
import { generateDemo } from '../../electron/services/demo';
import { startHarness } from '../../electron/web/server';
import { launchChromium } from '../support/chromium';
import { ADMIN, initialisedDir, PASSWORD } from '../support/fixtures';
import { RENDERER_DIR } from '../support/paths';
import { median, printTable, type Row } from './stats';

const RUNS = 5;

/** What renderer/src/bench/floor.tsx puts on the page. */
interface FloorGrid {
  setGridOption(key: string, value: unknown): void;
  addEventListener(type: string, listener: () => void): void;
  removeEventListener(type: string, listener: () => void): void;
  setColumnFilterModel(column: string, model: unknown): Promise<void>;
  onFilterChanged(): void;
}
declare global {
  interface Window {
    floor?: { render(register: string, rows: unknown[]): Promise<number>; api(): FloorGrid | null };
  }
}

/** Long tasks (> 50 ms main-thread blocks) seen by the page, for "no frame blocked > 200 ms". */
const LONG_TASKS = `
  // tsx keeps function names with an __name helper that page.evaluate carries along.
  window.__name = (f) => f;
  window.__longTasks = [];
  new PerformanceObserver((list) => { for (const e of list.getEntries()) window.__longTasks.push({ start: e.startTime, ms: e.duration }); })
    .observe({ type: 'longtask', buffered: true });
`;

/** Runs `action` in the page and resolves when `done()` holds, after the next paint. */
async function timeInPage(page: Page, action: string, done: string): Promise<number> {
  return page.evaluate(
    ([actionSrc, doneSrc]) =>
      new Promise<number>((resolve, reject) => {
        const isDone = new Function(`return (${doneSrc})`) as () => boolean;
        const start = performance.now();
        const finish = () => requestAnimationFrame(() => resolve(performance.now() - start));
        const observer = new MutationObserver(() => {
          if (isDone()) {
            observer.disconnect();
            finish();
          }
        });
        observer.observe(document.body, { childList: true, subtree: true, characterData: true, attributes: true });
        setTimeout(() => reject(new Error(`timed out: ${doneSrc}`)), 120_000);
        (new Function(actionSrc) as () => void)();
        if (isDone()) {
          observer.disconnect();
          finish();
        }
      }),
    [action, done] as const,
  );
}

/** Runs `action` (with `api`, the floor grid) and resolves at the paint after the grid's next model update. */
async function timeFloorUpdate(page: Page, action: string): Promise<number> {
  return page.evaluate(
    (src) =>
      new Promise<number>((resolve) => {
        const api = window.floor?.api();
        const start = performance.now();
        api?.addEventListener('modelUpdated', function once() {
          api.removeEventListener('modelUpdated', once);
          requestAnimationFrame(() => resolve(performance.now() - start));
        });
        (new Function('api', src) as (a: unknown) => void)(api);
      }),
    action,
  );
}

const statusIs = (text: string) =>
  `(document.querySelector('[aria-label="合计"]')?.textContent ?? '').includes(${JSON.stringify(text)})`;

export async function benchRegisters(scale: number): Promise<void> {
  const { tempDir } = await import('../support/tmp');
  const tmp = tempDir('wd-bench-');
  const data = join(tmp.dir, 'data');
  try {
    initialisedDir(data, { users: [{ username: 'clerk', displayName: '李经办', roles: ['clerk'] }] });
    const ring = readKeyring(join(data, 'welfare.keys.json'));
    const slot = ring.slots.find((s) => s.username === ADMIN.username);
    const key = slot ? openSlot(slot, ADMIN.password) : null;
    if (!key) throw new Error('no key');
    const store = new Store(openDatabase({ path: join(data, 'welfare.db'), key }));
    const t0 = performance.now();
    const counts = generateDemo(
      store,
      { username: 'admin', channel: 'bench' },
      { scale, seed: 7, today: new Date().toISOString().slice(0, 10), countyCode: '420102' },
    );
    store.close();
    const enrolled = Object.values(counts.enrolments).reduce((a, b) => a + b, 0);
    process.stdout.write(
      `demo county at scale ${scale}: ${counts.persons} persons, ${enrolled} enrolments, generated in ${((performance.now() - t0) / 1000).toFixed(1)} s\n`,
    );

    const harness = await startHarness({ testHooks: true, dataDir: data, rendererDir: RENDERER_DIR });
    const chrome = await launchChromium();
    try {
      const page = await chrome.browser.newPage();
      await page.addInitScript(LONG_TASKS);
      await page.goto(harness.url);
      await page.getByLabel('用户名').fill('clerk');
      await page.getByLabel('密码').fill(PASSWORD);
      await page.getByRole('button', { name: '登录', exact: true }).click();
      await page.getByRole('menu', { name: '主菜单' }).waitFor();

      const menuItem = (label: string) =>
        `[...document.querySelectorAll('.ant-menu-item')].find((e) => e.textContent.includes(${JSON.stringify(label)})).click()`;
      const rows: Row[] = [];
      const open: number[] = [];
      const full: number[] = [];
      const worstTask: number[] = [];
      let total = 0;
      for (let i = 0; i < RUNS; i++) {
        // Leave the register and come back: every opening fetches and paints afresh.
        await page.evaluate(menuItem('高龄津贴'));
        await page.locator('.ag-row').first().waitFor();
        await page.evaluate('window.__longTasks = []');
        open.push(
          await timeInPage(
            page,
            menuItem('残疾人两项补贴'),
            `document.querySelector('.ag-row [col-id="category"]') !== null`,
          ),
        );
        const head = await page.evaluate(() => performance.now());
        const info = await harness.inspect<{ n: number }>(
          `SELECT count(*) AS n FROM enrolments WHERE program IN ('disability-living','disability-care')`,
        );
        total = Number(info?.[0]?.n);
        await page.waitForFunction(
          (n) => (document.querySelector('[aria-label="合计"]')?.textContent ?? '').includes(`共 ${n} 条`),
          total,
          { timeout: 180_000 },
        );
        full.push((await page.evaluate(() => performance.now())) - head + (open.at(-1) ?? 0));
        worstTask.push(await page.evaluate('Math.max(0, ...window.__longTasks.map((t) => t.ms))'));
      }
      const search = await Promise.all([0]).then(async () => {
        const out: number[] = [];
        for (let i = 0; i < RUNS; i++) {
          await page.getByLabel('快速查找').fill('');
          await page.waitForFunction(
            (n) => (document.querySelector('[aria-label="合计"]')?.textContent ?? '').includes(`共 ${n} 条`),
            total,
          );
          out.push(
            await timeInPage(
              page,
              `const el = document.querySelector('input[aria-label="快速查找"]'); const set = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value').set; set.call(el, 'zs'); el.dispatchEvent(new Event('input', { bubbles: true }));`,
              `!${statusIs(`共 ${total} 条`)}`,
            ),
          );
        }
        await page.getByLabel('快速查找').fill('');
        return out;
      });
      const sort: number[] = [];
      for (let i = 0; i < RUNS; i++) {
        const firstName = await page.evaluate(
          () => document.querySelector('.ag-row[row-index="0"] [col-id="name"]')?.textContent ?? '',
        );
        sort.push(
          await timeInPage(
            page,
            `document.querySelector('.ag-header-cell[col-id="name"] .ag-header-cell-label').click()`,
            `(document.querySelector('.ag-row[row-index="0"] [col-id="name"]')?.textContent ?? '') !== ${JSON.stringify(firstName)}`,
          ),
        );
      }
      const township = (
        await harness.inspect<{ name: string }>(
          `SELECT name FROM regions WHERE level = 'township' ORDER BY code LIMIT 1`,
        )
      )?.[0]?.name;
      const filter: number[] = [];
      for (let i = 0; i < RUNS; i++) {
        await page.getByLabel('乡镇（街道）').click();
        const option = page.locator('.ant-select-item-option', { hasText: String(township) }).first();
        await option.waitFor();
        filter.push(
          await timeInPage(
            page,
            `document.querySelector('.ant-select-item-option[title="${String(township)}"]').click()`,
            statusIs(`（${String(township)}）`),
          ),
        );
        await page.locator('.ant-select-clear').first().click();
        await page.waitForFunction(
          (n) => (document.querySelector('[aria-label="合计"]')?.textContent ?? '').includes(`共 ${n} 条`),
          total,
        );
      }

      // The floor: the same rows, already in memory, painted by AG Grid in a bare page.
      const allRows: RegisterRow[] = [];
      for (let afterId = 0; allRows.length < total; afterId = allRows.at(-1)?.enrolmentId ?? afterId) {
        const res = await fetch(`${harness.url}rpc`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-welfare-token': harness.token },
          body: JSON.stringify({ channel: 'register.list', input: { register: 'disability', afterId, limit: 20_000 } }),
        });
        const body = (await res.json()) as { ok: boolean; value: { rows: RegisterRow[] } };
        allRows.push(...body.value.rows);
      }
      const floorPage = await chrome.browser.newPage();
      await floorPage.addInitScript(LONG_TASKS);
      const floorOpen: number[] = [];
      const floorSearch: number[] = [];
      const floorSort: number[] = [];
      const floorFilter: number[] = [];
      for (let i = 0; i < RUNS; i++) {
        await floorPage.goto(`${harness.url}bench.html`);
        await floorPage.waitForFunction(() => window.floor !== undefined);
        await floorPage.evaluate((rowsJson) => {
          (window as unknown as { rows: unknown }).rows = JSON.parse(rowsJson);
        }, JSON.stringify(allRows));
        floorOpen.push(
          await floorPage.evaluate(
            () =>
              window.floor?.render('disability', (window as unknown as { rows: unknown[] }).rows) ??
              Promise.resolve(-1),
          ),
        );
        floorSearch.push(await timeFloorUpdate(floorPage, `api.setGridOption('quickFilterText', 'zs')`));
        await floorPage.evaluate(() => window.floor?.api()?.setGridOption('quickFilterText', ''));
        floorSort.push(
          await timeInPage(
            floorPage,
            `window.__first = document.querySelector('.ag-row[row-index="0"] [col-id="name"]')?.textContent; document.querySelector('.ag-header-cell[col-id="name"] .ag-header-cell-label').click()`,
            `(document.querySelector('.ag-row[row-index="0"] [col-id="name"]')?.textContent ?? '') !== window.__first`,
          ),
        );
        floorFilter.push(
          await timeFloorUpdate(
            floorPage,
            `void api.setColumnFilterModel('township', { filterType: 'text', type: 'equals', filter: ${JSON.stringify(String(township))} }).then(() => api.onFilterChanged())`,
          ),
        );
      }
      const ratioRow = (measure: string, mine: number[], floor: number[], note?: string): Row => {
        const m = median(mine);
        const f = median(floor);
        return { measure, medianMs: m, floorMs: f, target: '≤ 2×', ok: m <= 2 * f, ...(note ? { note } : {}) };
      };
      rows.push(ratioRow(`open register (first rows painted, ${total} rows)`, open, floorOpen));
      rows.push({
        measure: 'open register (all rows streamed in)',
        medianMs: median(full),
        floorMs: null,
        target: '—',
        ok: null,
      });
      rows.push(ratioRow('quick search "zs" (pinyin initials)', search, floorSearch));
      rows.push(ratioRow('sort by name (Chinese collation)', sort, floorSort));
      rows.push(ratioRow(`filter by township (${String(township)})`, filter, floorFilter));
      const worst = Math.max(...worstTask);
      rows.push({
        measure: 'longest main-thread block while loading',
        medianMs: median(worstTask),
        floorMs: null,
        target: '≤ 200 ms',
        ok: worst <= 200,
        note: `worst of ${RUNS}: ${worst.toFixed(0)} ms`,
      });
      printTable(
        `Registers at ${counts.persons} persons (disability register: ${total} rows; medians of ${RUNS})`,
        rows,
      );
    } finally {
      await chrome.close();
      await harness.close();
    }
  } finally {
    tmp.cleanup();
  }
}
