import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCliInProcess } from '../support/cli';
import { initialisedDir, invoke, newApp, PASSWORD, signIn, type TestApp } from '../support/fixtures';
import { seedCounty, withCheck } from '../support/seed';
import { tempDir } from '../support/tmp';

/** A roster whose header row (row 3) uses words no alias knows, under a title and a blank row. */
function oddRoster(): Buffer {
  const lines = [
    '江岸区高龄津贴花名册（2026年1月）',
    '',
    '名字甲,证件乙,编码丙,日期丁,说明戊',
    `钱一,${withCheck('42010219400101115')},420102001001,2026-01-05,一`,
    `钱二,${withCheck('42010219400101125')},420102001002,2026-01-05,二`,
    `钱三,${withCheck('42010219400101135')},420102002003,2026-01-05,三`,
  ];
  return Buffer.from(`\uFEFF${lines.join('\r\n')}\r\n`, 'utf8');
}

const MAPPING = { 名字甲: 'name', 证件乙: 'idNumber', 编码丙: 'villageCode', 日期丁: 'appliedOn' } as const;

describe('the header row picked by the user', () => {
  let tmp: ReturnType<typeof tempDir>;
  let t: TestApp;
  const base = () => ({
    fileName: 'odd.csv',
    contentBase64: oddRoster().toString('base64'),
    program: 'elderly' as const,
  });
  beforeEach(async () => {
    tmp = tempDir();
    initialisedDir(tmp.dir, { users: [{ username: 'li', displayName: '李经办', roles: ['clerk'] }] });
    await seedCounty(tmp.dir);
    t = newApp(tmp.dir);
    await signIn(t, 'li', 'li', PASSWORD);
  });
  afterEach(() => {
    t.app.close();
    tmp.cleanup();
  });

  it('no header recognised: the refusal carries the first non-blank rows to pick from', async () => {
    const r = await invoke(t, 'li', 'import.preview', base());
    expect(r).toMatchObject({ ok: false, error: { code: 'HEADER_NOT_FOUND' } });
    if (r.ok) return;
    expect(r.error.message).toContain('找不到表头');
    const sample = (r.error.details as { sample: Array<{ row: number; cells: string[] }> }).sample;
    expect(sample.map((s) => s.row)).toEqual([1, 3, 4, 5, 6]);
    expect(sample[1]).toEqual({ row: 3, cells: ['名字甲', '证件乙', '编码丙', '日期丁', '说明戊'] });
  });

  it('a picked row is the header whatever its words: unmapped columns come back to be mapped, then it imports', async () => {
    const unmapped = await invoke(t, 'li', 'import.preview', { ...base(), headerRow: 3 });
    expect(unmapped).toMatchObject({ ok: false, error: { code: 'HEADER_NOT_FOUND' } });
    if (unmapped.ok) return;
    expect(unmapped.error.message).toContain('没有一列对应“姓名”“身份证号”');
    expect(unmapped.error.details).toMatchObject({
      headerRows: [3],
      columns: [
        { index: 0, header: '名字甲', field: null },
        { index: 1, header: '证件乙', field: null },
        { index: 2, header: '编码丙', field: null },
        { index: 3, header: '日期丁', field: null },
        { index: 4, header: '说明戊', field: null },
      ],
    });
    const mapped = { ...base(), headerRow: 3, mapping: MAPPING };
    const preview = await invoke(t, 'li', 'import.preview', mapped);
    expect(preview).toMatchObject({ ok: true, value: { headerRows: [3], total: 3, accepted: 3, rejected: 0 } });
    const commit = await invoke(t, 'li', 'import.commit', mapped);
    expect(commit).toMatchObject({ ok: true, value: { committed: true, created: 3 } });
    const found = await invoke(t, 'li', 'person.search', { q: '钱二' });
    expect(JSON.stringify(found)).toContain(withCheck('42010219400101125'));
  });

  it('a picked row that is the title reads the rows below it as data; a blank or missing row is refused by number', async () => {
    const title = await invoke(t, 'li', 'import.preview', { ...base(), headerRow: 1, mapping: MAPPING });
    expect(title).toMatchObject({ ok: false, error: { code: 'HEADER_NOT_FOUND' } });
    expect(!title.ok && title.error.details).toMatchObject({ headerRows: [1] });
    for (const row of [2, 99]) {
      const r = await invoke(t, 'li', 'import.preview', { ...base(), headerRow: row });
      expect(r).toMatchObject({ ok: false, error: { code: 'HEADER_NOT_FOUND' } });
      expect(!r.ok && r.error.message).toBe(`表头行：第 ${row} 行不在工作表“${'Sheet1'}”中或是空行，请另选一行`);
    }
  });
});

describe('CLI import --header-row', () => {
  let tmp: ReturnType<typeof tempDir>;
  const env = { WELFARE_DESK_PASSWORD: PASSWORD };
  beforeEach(async () => {
    tmp = tempDir();
    initialisedDir(tmp.dir, { users: [{ username: 'li', displayName: '李经办', roles: ['clerk'] }] });
    await seedCounty(tmp.dir);
  });
  afterEach(() => tmp.cleanup());

  it('lists the first rows when no header is found, and imports with --header-row and --mapping', async () => {
    const file = join(tmp.dir, 'odd.csv');
    const mapping = join(tmp.dir, 'odd.mapping.json');
    writeFileSync(file, oddRoster());
    writeFileSync(mapping, JSON.stringify(MAPPING));
    const args = ['import', '--data', tmp.dir, '--user', 'li', '--program', 'elderly', '--file', file];
    const none = await runCliInProcess(args, env);
    expect(none.code).toBe(1);
    expect(none.stderr).toContain('第 3 行：名字甲 | 证件乙 | 编码丙 | 日期丁 | 说明戊');
    expect(none.stderr).toContain('--header-row');
    const bad = await runCliInProcess([...args, '--header-row', 'x'], env);
    expect(bad.code).toBe(2);
    const ok = await runCliInProcess([...args, '--header-row', '3', '--mapping', mapping, '--json'], env);
    expect(ok.code, ok.stdout).toBe(0);
    expect(JSON.parse(ok.stdout)).toMatchObject({ ok: true, accepted: 3, committed: true, headerRows: [3] });
  });
});
