import { readdirSync, readFileSync, statSync } from 'node:fs';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { join } from 'node:path';
import { generateDemo } from '../../electron/services/demo';
import { startHarness, TOKEN_HEADER, type Harness } from '../../electron/web/server';
import { initialisedDir, newApp, PASSWORD, signIn } from '../support/fixtures';
import { RENDERER_DIR } from '../support/paths';
import { seedCounty } from '../support/seed';
import { tempDir } from '../support/tmp';
import { launchChromium } from '../support/chromium';
import { median } from './stats';
import { rosterXlsx } from './import';

/**
 * Issue 19: with the services in a worker, the thread that serves the window (here
 * the browser preview's HTTP thread) must stay responsive while the heavy work
 * runs: its event-loop delay is sampled every 10 ms during a 50,000-row import, a
 * 50,000-line payout generation and a 5,000-line roster PDF (target: max < 100 ms).
 */
const MONTH = '2026-11';
const USERS = [
  { username: 'li', displayName: '李经办', roles: ['clerk' as const] },
  { username: 'zhao', displayName: '赵审核', roles: ['reviewer' as const] },
  { username: 'wang', displayName: '王负责', roles: ['head' as const] },
];

async function rpc(h: Harness, channel: string, input: unknown): Promise<unknown> {
  const res = await fetch(`${h.url}rpc`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', [TOKEN_HEADER]: h.token },
    body: JSON.stringify({ channel, input }),
  });
  const body = (await res.json()) as { ok: boolean; value?: unknown; error?: { message: string } };
  if (!body.ok) throw new Error(`${channel}: ${body.error?.message ?? ''}`);
  return body.value;
}

async function as(h: Harness, username: string): Promise<void> {
  await rpc(h, 'session.logout', {}).catch(() => undefined);
  await rpc(h, 'session.login', { username, password: PASSWORD });
}

/** Runs `work` while sampling this thread's event-loop delay; returns ms and the worst delays. */
async function lagDuring(work: () => Promise<unknown>): Promise<{ ms: number; maxMs: number; p99Ms: number }> {
  const h = monitorEventLoopDelay({ resolution: 10 });
  h.enable();
  const t0 = performance.now();
  await work();
  const ms = performance.now() - t0;
  h.disable();
  return { ms, maxMs: h.max / 1e6, p99Ms: h.percentile(99) / 1e6 };
}

async function demoCounty(dir: string, scale: number): Promise<void> {
  initialisedDir(dir, { users: USERS });
  const t = newApp(dir, { clock: () => new Date(`${MONTH}-05T02:00:00Z`) });
  try {
    await signIn(t, 'li', 'li', PASSWORD);
    const store = t.app.currentStore();
    if (!store) throw new Error('no store');
    generateDemo(
      store,
      { username: 'li', channel: 'demo.generate' },
      { scale, seed: 19, today: `${MONTH}-05`, countyCode: '420102' },
    );
  } finally {
    t.app.close();
  }
}

/** Issue 17.5: bytes the login screen needs (what index.html loads) and the time until its form is painted. */
async function rendererStart(): Promise<void> {
  const html = readFileSync(join(RENDERER_DIR, 'index.html'), 'utf8');
  const files = [...html.matchAll(/(?:src|href)="\.\/(assets\/[^"]+)"/g)].map((m) => m[1] ?? '');
  const bytes = files.reduce((n, f) => n + statSync(join(RENDERER_DIR, f)).size, 0);
  const all = readdirSync(join(RENDERER_DIR, 'assets')).reduce(
    (n, f) => n + statSync(join(RENDERER_DIR, 'assets', f)).size,
    0,
  );
  const tmp = tempDir('wd-bench-start-');
  const data = join(tmp.dir, 'data');
  initialisedDir(data);
  const h = await startHarness({ dataDir: data, rendererDir: RENDERER_DIR });
  const chrome = await launchChromium();
  const times: number[] = [];
  try {
    for (let i = 0; i < 5; i++) {
      const page = await chrome.browser.newPage();
      const t0 = performance.now();
      await page.goto(h.url);
      await page.getByLabel('用户名').waitFor();
      times.push(performance.now() - t0);
      await page.close();
    }
  } finally {
    await chrome.close();
    await h.close();
    tmp.cleanup();
  }
  process.stdout.write(
    `\nRenderer start (issue 17): the login screen loads ${String(files.length)} files, ${(bytes / 1048576).toFixed(2)} MB of ${(all / 1048576).toFixed(2)} MB built; page load to login form painted: median ${median(times).toFixed(0)} ms of 5\n`,
  );
}

export async function benchShell(): Promise<void> {
  await rendererStart();
  const results: Array<[string, { ms: number; maxMs: number; p99Ms: number }]> = [];
  const run = async (
    label: string,
    prepare: (dir: string) => Promise<void>,
    work: (h: Harness) => Promise<unknown>,
  ) => {
    const tmp = tempDir('wd-bench-shell-');
    const data = join(tmp.dir, 'data');
    try {
      await prepare(data);
      const h = await startHarness({ dataDir: data, rendererDir: RENDERER_DIR, exportDir: join(tmp.dir, 'out') });
      try {
        results.push([label, await lagDuring(() => work(h))]);
      } finally {
        await h.close();
      }
    } finally {
      tmp.cleanup();
    }
  };

  const roster = rosterXlsx(50_000).toString('base64');
  await run(
    'import commit, 50,000 rows',
    async (dir) => {
      initialisedDir(dir, { users: USERS });
      await seedCounty(dir);
    },
    async (h) => {
      await as(h, 'li');
      await rpc(h, 'import.commit', {
        fileName: 'roster.xlsx',
        contentBase64: roster,
        program: 'elderly',
        updates: 'accept',
      });
    },
  );
  await run(
    'payout generation, ≈50,000 care lines',
    (dir) => demoCounty(dir, 3.9),
    async (h) => {
      await as(h, 'li');
      await rpc(h, 'payout.generate', { program: 'disability-care', month: MONTH });
    },
  );
  await run(
    'roster PDF, ≈5,000 lines',
    (dir) => demoCounty(dir, 0.42),
    async (h) => {
      await as(h, 'li');
      const b = (await rpc(h, 'payout.generate', { program: 'elderly', month: MONTH })) as {
        id: number;
        lineCount: number;
      };
      await as(h, 'zhao');
      await rpc(h, 'payout.review', { batchId: b.id });
      await as(h, 'wang');
      await rpc(h, 'payout.lock', { batchId: b.id });
      process.stdout.write(`  roster of ${String(b.lineCount)} lines\n`);
      await rpc(h, 'print.savePdf', { batchId: b.id, document: 'roster' });
    },
  );
  process.stdout.write('\nShell (issue 19): event-loop delay of the preview server’s thread, services in a worker\n');
  process.stdout.write(
    `${'work'.padEnd(40)}${'took ms'.padStart(10)}${'max lag ms'.padStart(12)}${'p99 ms'.padStart(9)}  target < 100 ms\n`,
  );
  for (const [label, r] of results) {
    process.stdout.write(
      `${label.padEnd(40)}${r.ms.toFixed(0).padStart(10)}${r.maxMs.toFixed(1).padStart(12)}${r.p99Ms.toFixed(1).padStart(9)}  ${r.maxMs < 100 ? 'ok' : 'MISSED'}\n`,
    );
  }
}
