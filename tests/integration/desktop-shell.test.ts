import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { appRoot, defaultDataDir, isNetworkFolder } from '../../electron/services/app/location';
import { FakeElectron } from '../support/fake-electron';
import { PASSWORD } from '../support/fixtures';
import { REPO_ROOT } from '../support/paths';
import { PayoutCounty } from '../support/payout-county';
import { tempDir } from '../support/tmp';

/**
 * The built main bundle (out/main/index.js, `npm run build`) run in plain Node
 * with a stand-in for the `electron` module: only that edge is faked. The
 * services worker, the database and the print flow behind it are real.
 */
const BUNDLE = join(REPO_ROOT, 'out', 'main', 'index.js');
const until = async (what: () => boolean, ms = 20_000) => {
  const end = Date.now() + ms;
  while (!what()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
};

describe('the desktop shell (built main bundle, stand-in electron)', () => {
  let tmp: ReturnType<typeof tempDir> | undefined;
  let unhook: (() => void) | null = null;
  let fake: FakeElectron | null = null;
  const env = { ...process.env };

  beforeAll(() => {
    if (!existsSync(BUNDLE)) throw new Error('run `npm run build` first: out/main/index.js is missing');
  });
  afterEach(async () => {
    if (fake) {
      const f = fake;
      f.quitCalls = 0;
      f.app.quit();
      await until(() => f.quitCalls >= 2);
      fake = null;
    }
    unhook?.();
    unhook = null;
    process.env = { ...env };
    await new Promise((r) => setTimeout(r, 300));
    tmp?.cleanup();
  });

  function boot(opts: { isPackaged: boolean; printResult?: { success: boolean; failureReason: string } }) {
    tmp = tempDir();
    process.env.XDG_DATA_HOME = join(tmp.dir, 'xdg');
    const paths = { home: join(tmp.dir, 'home'), logs: join(tmp.dir, 'logs'), documents: join(tmp.dir, 'docs') };
    fake = new FakeElectron({
      isPackaged: opts.isPackaged,
      paths,
      ...(opts.printResult ? { printResult: opts.printResult } : {}),
    });
    return fake;
  }

  it('keeps data out of the roaming profile, and apart for unpackaged runs', () => {
    const win = {
      platform: 'win32' as const,
      home: 'C:\\Users\\li',
      env: { LOCALAPPDATA: 'C:\\Users\\li\\AppData\\Local', APPDATA: 'C:\\Users\\li\\AppData\\Roaming' },
    };
    const packaged = defaultDataDir({ ...win, packaged: true });
    const dev = defaultDataDir({ ...win, packaged: false });
    expect(packaged).toBe('C:\\Users\\li\\AppData\\Local\\WelfareDesk\\data');
    expect(packaged.includes('Roaming')).toBe(false);
    expect(dev).not.toBe(packaged);
    expect(defaultDataDir({ platform: 'linux', home: '/home/li', env: {}, packaged: true })).toBe(
      '/home/li/.local/share/welfare-desk/data',
    );
    expect(
      defaultDataDir({ platform: 'linux', home: '/home/li', env: { XDG_DATA_HOME: '/data/xdg' }, packaged: false }),
    ).toBe('/data/xdg/welfare-desk-dev/data');
    expect(isNetworkFolder('\\\\server\\share\\民政', 'win32')).toBe(true);
    expect(isNetworkFolder('\\\\?\\UNC\\server\\share', 'win32')).toBe(true);
    expect(isNetworkFolder('D:\\民政数据', 'win32')).toBe(false);
  });

  it('shows the window when the page fails to load, and offers retry or quit', async () => {
    const f = boot({ isPackaged: true });
    unhook = f.load(BUNDLE);
    await until(() => f.windows.some((w) => w.isMain));
    const win = f.windows.find((w) => w.isMain)!;
    // Chromium's own profile moved out of the roaming profile, under the local app folder; the taskbar id is the installer's.
    expect(f.setPaths.userData).toBe(
      join(appRoot({ platform: 'linux', env: process.env, home: '', packaged: true }), 'electron'),
    );
    expect(f.appUserModelId).toBe('cn.gov.mca.welfaredesk');
    expect((win.options.webPreferences as { devTools?: boolean }).devTools).toBe(false);
    expect(win.visible).toBe(false);
    win.webContents.emit('did-fail-load', {}, -6, 'ERR_FILE_NOT_FOUND', 'app://renderer/index.html', true);
    await until(() => f.messageBoxes.length > 0);
    expect(win.visible).toBe(true);
    expect(f.messageBoxes[0]).toMatchObject({ message: '界面加载失败', buttons: ['重试', '退出'] });
  });

  it('a cancelled print dialog is 已取消: nothing printed, no audit row; a failing one is logged without personal data', async () => {
    const f = boot({ isPackaged: false, printResult: { success: false, failureReason: 'Print job canceled' } });
    const data = defaultDataDir({ platform: 'linux', env: process.env, home: '', packaged: false });
    mkdirSync(data, { recursive: true });
    const c = new PayoutCounty(data);
    await c.setup([['elderly', '80-89', '2000-01', 5000]]);
    const p = await c.person('42010219400315001', '张三', '6217000010000000001');
    await c.enrol(p, 'elderly', '2025-12-01', '2026-01-02');
    await c.at('2026-02-05');
    const batch = await c.pay('elderly', '2026-02');
    c.close();

    unhook = f.load(BUNDLE);
    await until(() => f.handlers.has('welfare:invoke') && f.windows.some((w) => w.isMain));
    expect(await f.invoke('session.login', { username: 'li', password: PASSWORD })).toMatchObject({ ok: true });
    const printed = await f.invoke('print.toPrinter', { batchId: batch.id, document: 'roster' });
    expect(printed).toEqual({ ok: true, value: { printed: false, printer: null } });

    f.opts.printResult = { success: false, failureReason: 'printer on fire 张三 42010219400315001X' };
    const failed = await f.invoke('print.toPrinter', { batchId: batch.id, document: 'roster' });
    expect(failed).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });

    f.opts.printResult = { success: true, failureReason: '' };
    expect(
      await f.invoke('print.toPrinter', { batchId: batch.id, document: 'roster', printer: '办公室打印机' }),
    ).toEqual({
      ok: true,
      value: { printed: true, printer: '办公室打印机' },
    });
    await f.invoke('session.logout', {});
    expect(await f.invoke('session.login', { username: 'wang', password: PASSWORD })).toMatchObject({ ok: true });
    const audit = (await f.invoke('audit.list', { entity: 'payout_batch' })) as {
      ok: boolean;
      value: { rows: Array<{ action: string; after: string | null }> };
    };
    // Only the print that happened left a row, naming the printer.
    const paper = audit.value.rows.filter((r) => r.action === 'print.paper');
    expect(paper.map((r) => JSON.parse(r.after ?? '{}').printer)).toEqual(['办公室打印机']);

    // The exit backup fails (its folder is a file now): quitting still closes cleanly, and the log says so.
    rmSync(join(data, 'backups'), { recursive: true, force: true });
    writeFileSync(join(data, 'backups'), '');
    f.quitCalls = 0;
    f.app.quit();
    await until(() => f.quitCalls >= 2);
    // The log lives beside the data folder, under the local app folder, not in Chromium's profile.
    expect(f.setPaths.logs).toBe(join(tmp?.dir ?? '', 'xdg', 'welfare-desk-dev', 'logs'));
    const logFile = join(f.setPaths.logs ?? '', 'welfare-desk.log');
    const log = readFileSync(logFile, 'utf8');
    expect(log).toContain('"event":"internal"');
    expect(log).toContain('print.toPrinter');
    expect(log).toContain('"event":"backup.failed"');
    expect(log).not.toContain('张三');
    expect(log).not.toContain('42010219400315001');
    fake = null;
  });
});
