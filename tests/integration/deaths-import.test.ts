import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkCharacter } from '../../shared/domain/id-number';
import { contentDigest } from '../support/db';
import { initialisedDir, invoke, newApp, PASSWORD, signIn, type TestApp } from '../support/fixtures';
import { tempDir } from '../support/tmp';

const id = (first17: string) => first17 + checkCharacter(first17);
const ZHANG = id('42010219400315001');
const LI = id('42010219350620002');
const STRANGER = id('42010219300101003');

async function xlsx(rows: Array<Array<string | number | Date>>): Promise<string> {
  const book = new ExcelJS.Workbook();
  const ws = book.addWorksheet('死亡名单');
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await book.xlsx.writeBuffer()).toString('base64');
}

describe('death list import', () => {
  let tmp: ReturnType<typeof tempDir>;
  let t: TestApp;
  beforeEach(async () => {
    tmp = tempDir();
    initialisedDir(tmp.dir, { users: [{ username: 'li', displayName: '李经办', roles: ['clerk'] }] });
    t = newApp(tmp.dir);
    await signIn(t, 'li', 'li', PASSWORD);
    for (const [idNumber, name] of [
      [ZHANG, '张三'],
      [LI, '李秀英'],
    ] as const) {
      const p = await invoke(t, 'li', 'person.save', { idNumber, name });
      if (!p.ok) throw new Error(p.error.message);
      await invoke(t, 'li', 'enrolment.save', { personId: p.value.id, program: 'elderly', appliedOn: '2025-01-01' });
    }
  });
  afterEach(() => {
    t.app.close();
    tmp.cleanup();
  });

  it('matches by ID number, records each death in one transaction, and reports the rest by row', async () => {
    const content = await xlsx([
      ['江岸区 2026 年 6 月火化人员名单'],
      ['序号', '姓名', '公民身份号码', '死亡日期'],
      [1, '张三', ZHANG, '2026-06-15'],
      [2, '李秀英', LI, new Date(Date.UTC(2026, 5, 2))],
      [3, '王某', STRANGER, '2026/6/3'],
      [4, '赵某', '4.20102E+17', '2026-06-04'],
      [5, '钱某', ZHANG, '2026-02-30'],
    ]);
    const r = await invoke(t, 'li', 'deaths.import', { fileName: 'deaths.xlsx', contentBase64: content });
    expect(r).toMatchObject({
      ok: true,
      value: {
        matched: [
          { row: 3, name: '张三', deathDate: '2026-06-15', closed: [{ action: 'reject' }] },
          { row: 4, name: '李秀英', deathDate: '2026-06-02' },
        ],
        unmatched: [{ row: 5, idNumber: STRANGER, name: '王某' }],
      },
    });
    expect(r.ok && r.value.rejected.map((x) => x.row)).toEqual([6, 7]);
    expect(r.ok && r.value.rejected[0]?.message).toContain('损坏');
  });

  it('refuses a file that is not a death list and changes nothing', async () => {
    const store = t.app.currentStore();
    const before = store ? contentDigest(store.raw) : '';
    const r = await invoke(t, 'li', 'deaths.import', {
      fileName: 'x.xlsx',
      contentBase64: await xlsx([
        ['姓名', '地址'],
        ['张三', '某处'],
      ]),
    });
    expect(r).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', message: '文件：找不到“身份证号”和“死亡日期”两列' },
    });
    expect(store ? contentDigest(store.raw) : '').toBe(before);
  });
});
