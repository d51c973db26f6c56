import ExcelJS from 'exceljs';
import { execFileSync } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readdirSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Job } from '../../electron/services/jobs/runner';
import { exportPackage } from '../../electron/services/package/export';
import { countySigner } from '../../electron/services/package/keys';
import { ChromiumPrintEngine } from '../../electron/services/print/chromium';
import { runCliInProcess } from '../support/cli';
import { contentDigest } from '../support/db';
import { smallDisk } from '../support/tmpfs';
import { invoke, newApp, signIn, type TestApp } from '../support/fixtures';
import { tempDir } from '../support/tmp';

const PASSWORD = 'password123';
const ENV = { WELFARE_DESK_PASSWORD: PASSWORD };
const PERIOD = '2026-01..2026-06';

async function cli(args: string[]): Promise<Record<string, unknown> & { ok: boolean }> {
  const r = await runCliInProcess([...args, '--json'], ENV);
  return JSON.parse(r.stdout) as Record<string, unknown> & { ok: boolean };
}
/** A job that does `act` once, at the first chunk of the stick write (the temporary file is open by then). */
function atFirstChunk(act: () => void): Job & { fired: () => boolean } {
  let writing = false;
  let fired = false;
  return {
    id: 'stick',
    cancelled: false,
    step: (_d, _t, phase) => {
      writing = phase === '写入 U 盘';
    },
    throwIfCancelled: () => {
      if (!writing || fired) return;
      fired = true;
      act();
    },
    fired: () => fired,
  };
}

/** Fills a file system up to its last block, as another program copying to the same stick would. */
function fillUp(dir: string): void {
  const fd = openSync(join(dir, 'other-copy.bin'), 'w');
  const block = Buffer.alloc(4096, 1);
  try {
    for (;;) writeSync(fd, block);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOSPC') throw e;
  } finally {
    closeSync(fd);
  }
}

const pdfText = (pdf: string) => execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });

describe('city pages backend: counties registered ahead, plain copies, consolidated exports', () => {
  const tmp = tempDir('wd-pkg-city-');
  const city = join(tmp.dir, 'city');
  const county = join(tmp.dir, '420902');
  const stick = join(tmp.dir, 'stick');
  const saves = join(tmp.dir, 'saves');
  const engine = new ChromiumPrintEngine();
  let signingKey = '';
  let signingFingerprint = '';

  beforeAll(async () => {
    mkdirSync(stick);
    mkdirSync(saves);
    expect(
      (
        await cli([
          'init',
          '--data',
          city,
          '--level',
          'city',
          '--code',
          '4209',
          '--name',
          '孝感市',
          '--admin',
          'cityadm',
        ])
      ).ok,
    ).toBe(true);
    const recipient = String((await cli(['keys', 'show', '--data', city, '--user', 'cityadm'])).recipient);
    const demo = await runCliInProcess(
      [
        'demo',
        '--data',
        county,
        '--scale',
        '0.01',
        '--seed',
        '3',
        '--county-code',
        '420902',
        '--county-name',
        '孝南区',
      ],
      ENV,
    );
    expect(demo.code).toBe(0);
    expect(
      (await cli(['keys', 'set-recipient', '--data', county, '--user', 'head', '--recipient', recipient])).ok,
    ).toBe(true);
    const k = await cli(['keys', 'show', '--data', county, '--user', 'head']);
    signingKey = String(k.signingKey);
    signingFingerprint = String(k.signingFingerprint);
  }, 240_000);
  afterAll(async () => {
    await engine.close();
    tmp.cleanup();
  });

  it('writes the plain xlsx and a 上报表 PDF beside the package, tied to it by its SHA-256', async () => {
    const out = await cli([
      ...['package', 'export', '--data', county, '--user', 'head', '--period', PERIOD, '--out', stick, '--plain'],
    ]);
    expect(out).toMatchObject({ ok: true, sequence: 1 });
    const stem = String(out.fileName).replace(/\.wdpkg$/, '');
    expect(out.plainFiles).toEqual([`${stem}.xlsx`, `${stem}-上报表.pdf`]);
    expect(readdirSync(stick).sort()).toEqual([String(out.fileName), `${stem}-上报表.pdf`, `${stem}.xlsx`].sort());
    const text = pdfText(join(stick, `${stem}-上报表.pdf`)).replace(/\s+/g, '');
    expect(text).toContain('孝南区民政补贴数据上报表');
    expect(text).toContain(String(out.sha256));
    expect(text).toContain('负责人（签字）');
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(join(stick, `${stem}.xlsx`));
    // The first sheet is the 民政补贴统计月报; its money rows are in 元 with two decimals.
    const sheet = book.worksheets[0];
    expect(sheet?.getRow(2).values).toEqual([undefined, '项目', '指标', '本期', '本年累计', '去年同期']);
    const paid: ExcelJS.Row[] = [];
    sheet?.eachRow((row) => {
      if (row.getCell(2).value === '发放金额（元）') paid.push(row);
    });
    expect(paid.length).toBeGreaterThan(1);
    expect(paid[0]?.getCell(3).numFmt).toBe('#,##0.00');
  }, 120_000);

  it('registers a county ahead with its key, imports without a fingerprint prompt, exports the consolidation', async () => {
    const t: TestApp = newApp(city, {
      printing: engine,
      dialogs: {
        chooseFolder: () => Promise.resolve(saves),
        chooseSaveFile: (_t, name) => Promise.resolve({ path: join(saves, name), overwrite: false }),
      },
    });
    try {
      await signIn(t, 'c', 'cityadm', PASSWORD);
      const info = await invoke(t, 'c', 'app.info', {});
      expect(info.ok && info.value.session?.level).toBe('city');
      const bad = await invoke(t, 'c', 'city.registerCounty', { code: '420902', name: '孝南区', signingKey: 'abc' });
      expect(bad).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
      expect(bad.ok ? '' : bad.error.message).toContain('签名公钥');
      const reg = await invoke(t, 'c', 'city.registerCounty', {
        code: '420902',
        name: '孝南区',
        signingKey: `${signingKey.slice(0, 20)}\n${signingKey.slice(20)}`,
      });
      expect(reg).toMatchObject({ ok: true, value: { fingerprint: signingFingerprint, replaced: false } });
      const file = readdirSync(stick).find((f) => f.endsWith('.wdpkg')) ?? '';
      const imported = await cli([
        'package',
        'import',
        '--data',
        city,
        '--user',
        'cityadm',
        '--file',
        join(stick, file),
      ]);
      expect(imported).toMatchObject({ ok: true, newCounty: false, countyCode: '420902' });
      const list = await invoke(t, 'c', 'city.counties', {});
      expect(list.ok && list.value.counties).toMatchObject([
        { code: '420902', name: '孝南区', fingerprint: signingFingerprint, packages: 1, registeredBy: 'cityadm' },
      ]);
      const status = await invoke(t, 'c', 'package.status', { period: PERIOD });
      if (!status.ok) throw new Error(status.error.message);
      expect(status.value.totalFen).toBeGreaterThan(0);
      const x = await invoke(t, 'c', 'package.exportConsolidated', { period: PERIOD, format: 'xlsx' });
      if (!x.ok) throw new Error(x.error.message);
      const book = new ExcelJS.Workbook();
      await book.xlsx.readFile(join(saves, x.value.fileName));
      // The indicator sheet's city 合计 of all programs' 发放金额, in 元.
      let yuanTotal = 0;
      book.worksheets[0]?.eachRow((row) => {
        const [county, block, label] = [1, 2, 3].map((c) => row.getCell(c).value);
        if (county === '合计' && block === '合计' && label === '发放金额（元）')
          yuanTotal = Number(row.getCell(4).value);
      });
      expect(Math.round(yuanTotal * 100)).toBe(status.value.totalFen);
      const p = await invoke(t, 'c', 'package.exportConsolidated', { period: PERIOD, format: 'pdf' });
      if (!p.ok) throw new Error(p.error.message);
      const text = pdfText(join(saves, p.value.fileName)).replace(/\s+/g, '');
      expect(text).toContain('孝感市民政补贴上报汇总表');
      expect(text).toContain('孝南区');
      expect(text).toContain('各县（区）均已上报');
    } finally {
      t.app.close();
    }
  }, 120_000);

  it('the stick folder removed mid-write: a Chinese message, no file under the final name, the county unchanged', async () => {
    const folder = join(tmp.dir, 'pulled');
    mkdirSync(folder);
    const t = newApp(county);
    try {
      await signIn(t, 'h', 'head', PASSWORD);
      const store = t.app.currentStore();
      if (!store) throw new Error('county not open');
      const before = contentDigest(store.raw);
      // The stick goes at the first chunk: the temporary file is open, its folder is not there any more.
      const job = atFirstChunk(() => {
        rmSync(folder, { recursive: true, force: true });
        // Put back empty, as a stick plugged in again: the half-written file must not reappear.
        mkdirSync(folder);
      });
      const r = exportPackage(
        store,
        t.paths,
        { username: 'head', channel: 'package.export' },
        {
          period: { from: '2026-01', to: '2026-06' },
          roster: 'masked',
          folder,
          appVersion: 'test',
          now: new Date().toISOString(),
        },
        countySigner(t.app),
        job,
      );
      await expect(r).rejects.toMatchObject({ code: 'DIR_MISSING' });
      await r.catch((e: Error) => expect(e.message).toMatch(/U 盘是否已拔出/));
      expect(job.fired()).toBe(true);
      expect(readdirSync(folder)).toEqual([]);
      expect(contentDigest(store.raw)).toBe(before);
      expect(existsSync(join(folder, '上报-420902-2026-01_2026-06-002.wdpkg'))).toBe(false);
    } finally {
      t.app.close();
    }
  }, 120_000);

  it('a stick that fills up mid-write (another copy running): DISK_FULL, no file, the county unchanged', async () => {
    const disk = smallDisk(2048);
    const t = newApp(county);
    try {
      await signIn(t, 'h', 'head', PASSWORD);
      const store = t.app.currentStore();
      if (!store) throw new Error('county not open');
      const before = contentDigest(store.raw);
      // Room enough when checked; full by the time the first chunk goes out.
      const job = atFirstChunk(() => fillUp(disk.dir));
      const r = exportPackage(
        store,
        t.paths,
        { username: 'head', channel: 'package.export' },
        {
          period: { from: '2026-01', to: '2026-06' },
          roster: 'full',
          folder: disk.dir,
          appVersion: 'test',
          now: new Date().toISOString(),
        },
        countySigner(t.app),
        job,
      );
      await expect(r).rejects.toMatchObject({ code: 'DISK_FULL' });
      await r.catch((e: Error) => expect(e.message).toMatch(/磁盘已满.*未留下不完整的文件/));
      expect(job.fired()).toBe(true);
      expect(readdirSync(disk.dir)).toEqual(['other-copy.bin']);
      expect(contentDigest(store.raw)).toBe(before);
    } finally {
      t.app.close();
      disk.cleanup();
    }
  }, 120_000);
});
