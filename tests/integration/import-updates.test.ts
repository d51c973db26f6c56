import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkCharacter } from '../../shared/domain/id-number';
import { contentDigest } from '../support/db';
import { initialisedDir, invoke, newApp, PASSWORD, signIn, type TestApp } from '../support/fixtures';
import { SEED_ELDERS, seedCounty } from '../support/seed';
import { tempDir } from '../support/tmp';

/**
 * Issue 16.5: an import changes registered people only when asked; a different
 * name under a registered ID (疑似不同人员) is applied only when its own row is
 * confirmed; the person-details mode updates people and files no application.
 */
const withCheck = (first17: string) => first17 + checkCharacter(first17);

async function xlsx(rows: string[][]): Promise<string> {
  const book = new ExcelJS.Workbook();
  const ws = book.addWorksheet('名册');
  ws.addRow(['姓名', '身份证号', '联系电话']);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await book.xlsx.writeBuffer()).toString('base64');
}

describe('updates of registered people are explicit', () => {
  let tmp: ReturnType<typeof tempDir>;
  let t: TestApp;
  const digest = () => contentDigest(t.app.currentStore()!.raw);
  const person = async (idNumber: string) => {
    const id = await invoke(t, 'li', 'person.find', { idNumber });
    const got = id.ok && id.value.id ? await invoke(t, 'li', 'person.get', { id: id.value.id }) : null;
    return got?.ok ? got.value.person : null;
  };
  const count = (sql: string) => t.app.currentStore()!.raw.prepare(sql).pluck().get() as number;
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

  it('changes no registered person unless updates are asked for', async () => {
    const contentBase64 = await xlsx([[SEED_ELDERS[0].name, SEED_ELDERS[0].idNumber, '13912345678']]);
    const before = digest();
    const r = await invoke(t, 'li', 'import.commit', { fileName: 'u.xlsx', contentBase64, program: 'elderly' });
    expect(r).toMatchObject({ ok: true, value: { accepted: 0, updates: 0, skippedUpdates: 1 } });
    expect((await person(SEED_ELDERS[0].idNumber))?.phone).toBeNull();
    // Only the import's own audit row was written.
    expect(digest()).not.toBe(before);
    expect(count(`SELECT count(*) FROM audit_log WHERE action = 'person.update'`)).toBe(0);
  });

  it('flags another name under a registered ID and applies it only when that row is confirmed', async () => {
    const contentBase64 = await xlsx([
      ['张山', SEED_ELDERS[0].idNumber, '13912345678'],
      [SEED_ELDERS[1].name, SEED_ELDERS[1].idNumber, '13900000002'],
    ]);
    const input = { fileName: 'n.xlsx', contentBase64, program: 'elderly' as const };
    const preview = await invoke(t, 'li', 'import.preview', input);
    expect(preview.ok).toBe(true);
    if (!preview.ok) return;
    const flagged = preview.value.rows.find((r) => r.row === 2);
    expect(flagged).toMatchObject({ kind: 'update', nameMismatch: true });
    expect(flagged?.warnings).toEqual([
      expect.objectContaining({ code: 'NAME_MISMATCH', field: 'name', message: expect.stringContaining('张三') }),
    ]);
    expect(preview.value.warningItems.map((w) => w.code)).toContain('NAME_MISMATCH');
    // A blanket "accept updates" applies the matching row, never the mismatched one.
    const blanket = await invoke(t, 'li', 'import.commit', { ...input, updates: 'accept' });
    expect(blanket).toMatchObject({ ok: true, value: { accepted: 1, updates: 1, skippedUpdates: 1 } });
    expect(await person(SEED_ELDERS[0].idNumber)).toMatchObject({ name: '张三', phone: null });
    expect((await person(SEED_ELDERS[1].idNumber))?.phone).toBe('13900000002');
    // Confirmed on its own row, it is applied, and the audit says a name was confirmed.
    const confirmed = await invoke(t, 'li', 'import.commit', { ...input, confirmRows: [2] });
    expect(confirmed).toMatchObject({ ok: true, value: { accepted: 1, updates: 1 } });
    expect(await person(SEED_ELDERS[0].idNumber)).toMatchObject({ name: '张山', phone: '13912345678' });
    const audit = t.app
      .currentStore()!
      .raw.prepare(`SELECT after_json FROM audit_log WHERE action = 'import.commit' ORDER BY seq DESC LIMIT 1`)
      .pluck()
      .get() as string;
    expect(JSON.parse(audit)).toMatchObject({ confirmedNames: 1, mode: 'register' });
  });

  it('in the person-details mode updates people, files no application and refuses unregistered rows', async () => {
    const stranger = withCheck('42010219300101777');
    const contentBase64 = await xlsx([
      [SEED_ELDERS[2].name, SEED_ELDERS[2].idNumber, '13900000003'],
      ['新老人', stranger, '13900000004'],
    ]);
    const input = { fileName: 'd.xlsx', contentBase64, program: 'elderly' as const, mode: 'details' as const };
    const enrolments = count('SELECT count(*) FROM enrolments');
    const persons = count('SELECT count(*) FROM persons');
    const preview = await invoke(t, 'li', 'import.preview', input);
    expect(preview).toMatchObject({
      ok: true,
      value: { mode: 'details', accepted: 1, rejected: 1, errors: [{ row: 3, code: 'NOT_REGISTERED' }] },
    });
    const r = await invoke(t, 'li', 'import.commit', input);
    expect(r).toMatchObject({ ok: true, value: { accepted: 1, updates: 1, created: 0, rejected: 1 } });
    expect((await person(SEED_ELDERS[2].idNumber))?.phone).toBe('13900000003');
    expect(await person(stranger)).toBeNull();
    expect(count('SELECT count(*) FROM enrolments')).toBe(enrolments);
    expect(count('SELECT count(*) FROM persons')).toBe(persons);
  });
});
