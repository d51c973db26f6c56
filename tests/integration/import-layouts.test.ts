import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCliInProcess } from '../support/cli';
import { contentDigest } from '../support/db';
import { initialisedDir, invoke, newApp, PASSWORD, signIn, type TestApp } from '../support/fixtures';
import { seedCounty, withCheck } from '../support/seed';
import { tempDir } from '../support/tmp';

async function xlsx(rows: Array<Array<string | number>>, merges: string[] = []): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const ws = book.addWorksheet('花名册');
  for (const r of rows) ws.addRow(r);
  for (const m of merges) ws.mergeCells(m);
  return Buffer.from(await book.xlsx.writeBuffer());
}

const CHILD = withCheck('42010220150301001');
const GUARDIAN = withCheck('42010219800101002');

describe('rosters as offices lay them out', () => {
  let tmp: ReturnType<typeof tempDir>;
  let t: TestApp;
  beforeEach(async () => {
    tmp = tempDir();
    initialisedDir(tmp.dir, { users: [{ username: 'li', displayName: '李经办', roles: ['clerk'] }] });
    await seedCounty(tmp.dir);
    t = newApp(tmp.dir);
    await signIn(t, 'admin');
    await signIn(t, 'li', 'li', PASSWORD);
  });
  afterEach(() => {
    t.app.close();
    tmp.cleanup();
  });

  it('a two-row header maps 儿童姓名 / 儿童身份证号 to the child and 监护人 (姓名 | 身份证号 | 关系) to the guardian', async () => {
    const file = await xlsx(
      [
        ['孤儿基本生活费花名册'],
        ['序号', '儿童姓名', '儿童身份证号', '监护人', '', '', '乡镇', '村', '养育方式'],
        ['', '', '', '姓名', '身份证号', '关系', '', '', ''],
        [1, '刘小明', CHILD, '刘大山', GUARDIAN, '祖父', '花桥街道', '花桥社区', '社会散居'],
      ],
      ['D2:F2', 'A2:A3', 'B2:B3', 'C2:C3', 'G2:G3', 'H2:H3', 'I2:I3'],
    );
    const input = { fileName: 'orphans.xlsx', contentBase64: file.toString('base64'), program: 'orphan' as const };
    const preview = await invoke(t, 'li', 'import.preview', input);
    if (!preview.ok) throw new Error(preview.error.message);
    const fieldOf = (h: string) => preview.value.columns.find((c) => c.header === h)?.field;
    expect(fieldOf('儿童姓名')).toBe('name');
    expect(fieldOf('儿童身份证号')).toBe('idNumber');
    expect(fieldOf('监护人/姓名')).toBe('guardianName');
    expect(fieldOf('监护人/身份证号')).toBe('guardianIdNumber');
    expect(fieldOf('监护人/关系')).toBe('guardianRelation');
    expect(preview.value.errors).toEqual([]);
    const commit = await invoke(t, 'li', 'import.commit', input);
    expect(commit).toMatchObject({ ok: true, value: { created: 1, rejected: 0 } });
    const row = t.app
      .currentStore()!
      .raw.prepare(
        `SELECT p.name, p.id_number, e.guardian_name, e.guardian_id_number, e.guardian_relation
         FROM enrolments e JOIN persons p ON p.id = e.person_id WHERE e.program = 'orphan'`,
      )
      .get();
    expect(row).toEqual({
      name: '刘小明',
      id_number: CHILD,
      guardian_name: '刘大山',
      guardian_id_number: GUARDIAN,
      guardian_relation: '祖父',
    });
  });

  it('代领人 (姓名 | 身份证号) under a group is the card holder, never the person', async () => {
    const file = await xlsx(
      [
        ['老人姓名', '老人身份证号', '代领人', ''],
        ['', '', '姓名', '身份证号'],
        ['周老汉', withCheck('42010219400101011'), '周小军', GUARDIAN],
      ],
      ['C1:D1', 'A1:A2', 'B1:B2'],
    );
    const r = await invoke(t, 'li', 'import.preview', {
      fileName: 'elders.xlsx',
      contentBase64: file.toString('base64'),
      program: 'elderly',
    });
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.columns.map((c) => c.field)).toEqual(['name', 'idNumber', 'accountHolderName', 'accountHolderId']);
  });

  it('two columns that could both be the person’s ID stop the import (channel and CLI), changing nothing', async () => {
    const file = await xlsx([
      ['姓名', '身份证号', '公民身份号码', '乡镇', '村'],
      ['周老汉', withCheck('42010219400101011'), withCheck('42010219400101029'), '花桥街道', '花桥社区'],
    ]);
    const input = { fileName: 'two-ids.xlsx', contentBase64: file.toString('base64'), program: 'elderly' as const };
    const before = contentDigest(t.app.currentStore()!.raw);
    const preview = await invoke(t, 'li', 'import.preview', input);
    expect(preview).toMatchObject({ ok: false, error: { code: 'HEADER_NOT_FOUND' } });
    expect(!preview.ok && preview.error.message).toContain('“身份证号”“公民身份号码”都可能是本人的身份证号');
    expect(await invoke(t, 'li', 'import.commit', input)).toMatchObject({
      ok: false,
      error: { code: 'HEADER_NOT_FOUND' },
    });
    expect(contentDigest(t.app.currentStore()!.raw)).toBe(before);
    // The user's choice settles it.
    const chosen = await invoke(t, 'li', 'import.preview', { ...input, mapping: { 公民身份号码: null } });
    expect(chosen).toMatchObject({ ok: true, value: { rejected: 0 } });

    t.app.close();
    const path = `${tmp.dir}/two-ids.xlsx`;
    (await import('node:fs')).writeFileSync(path, file);
    const cli = await runCliInProcess(
      ['import', '--data', tmp.dir, '--user', 'li', '--program', 'elderly', '--file', path, '--json'],
      { WELFARE_DESK_PASSWORD: PASSWORD },
    );
    expect(cli.code).toBe(1);
    expect(JSON.parse(cli.stdout)).toMatchObject({ ok: false, error: { code: 'HEADER_NOT_FOUND' } });
    t = newApp(tmp.dir);
  });

  it('a wide township/village list with 9-digit township codes imports as it is; names match the loaded list', async () => {
    const wide = await xlsx([
      ['乡镇代码', '乡镇', '村代码', '村'],
      ['420102001', '花桥街道', '420102001003', '新村社区'],
      ['420102001', '花桥街道', '', '永清社区'],
      ['420102003', '新乡镇', '420102003001', '新乡一村'],
      ['420102003', '新乡镇', '', '不存在村'],
      ['4201020', '坏代码', '', ''],
    ]);
    const r = await invoke(t, 'admin', 'region.import', {
      fileName: 'wide.xlsx',
      contentBase64: wide.toString('base64'),
    });
    expect(r).toMatchObject({ ok: true, value: { townships: 2, villages: 3 } });
    if (!r.ok) return;
    expect(r.value.rejected.map((x) => x.row)).toEqual([5, 6]);
    expect(r.value.rejected[0]?.message).toContain('“不存在村”不在该乡镇（街道）的名单中');
    const list = await invoke(t, 'admin', 'region.list', {});
    const byCode = new Map((list.ok ? list.value : []).map((x) => [x.code, x]));
    expect(byCode.get('420102003000')).toMatchObject({ name: '新乡镇', level: 'township' });
    expect(byCode.get('420102001003')).toMatchObject({ name: '新村社区', parentCode: '420102001000' });
    expect(byCode.get('420102003001')).toMatchObject({ name: '新乡一村', parentCode: '420102003000' });
    // A 9-digit township code is accepted in a roster's township column too.
    const roster = await xlsx([
      ['姓名', '身份证号', '乡镇', '村'],
      ['孙大爷', withCheck('42010219400101037'), '420102003', '新乡一村'],
    ]);
    const imp = await invoke(t, 'li', 'import.preview', {
      fileName: 'r.xlsx',
      contentBase64: roster.toString('base64'),
      program: 'elderly',
    });
    expect(imp).toMatchObject({ ok: true, value: { rejected: 0 } });
  });
});
