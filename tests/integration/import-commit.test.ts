import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Program } from '../../shared/domain/programs';
import { runCliInProcess } from '../support/cli';
import { contentDigest } from '../support/db';
import { ADMIN, initialisedDir, invoke, newApp, PASSWORD, signIn, type TestApp } from '../support/fixtures';
import { SEED_ELDERS, seedCounty } from '../support/seed';
import { tempDir } from '../support/tmp';

const DIR = join(__dirname, '..', 'fixtures', 'import');
const file = (f: string) => ({ fileName: f, contentBase64: readFileSync(join(DIR, f)).toString('base64') });

describe('import commit', () => {
  let tmp: ReturnType<typeof tempDir>;
  let t: TestApp;
  const digest = () => contentDigest(t.app.currentStore()!.raw);
  const total = async (register: 'disability' | 'children' | 'elderly') => {
    const r = await invoke(t, 'li', 'register.list', { register });
    return r.ok ? r.value.total : -1;
  };
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

  it.each([
    ['good-elderly.xlsx', 'elderly', 'elderly', 5],
    ['good-disability.xlsx', 'disability-living', 'disability', 2],
    ['good-orphan-bom.csv', 'orphan', 'children', 2],
    ['gbk.csv', 'elderly', 'elderly', 5],
    ['two-row-header.xlsx', 'disability-care', 'disability', 2],
  ] as const)('%s imports completely, audited with the file hash', async (name, program: Program, register, rows) => {
    const before = await total(register);
    const r = await invoke(t, 'li', 'import.commit', { ...file(name), program });
    expect(r).toMatchObject({ ok: true, value: { committed: true, accepted: rows, created: rows, rejected: 0 } });
    expect(await total(register)).toBe(before + rows);
    const audit = t.app
      .currentStore()!
      .raw.prepare(`SELECT after_json FROM audit_log WHERE action = 'import.commit'`)
      .pluck()
      .all() as string[];
    const sha256 = createHash('sha256')
      .update(readFileSync(join(DIR, name)))
      .digest('hex');
    expect(audit.map((a) => JSON.parse(a))).toEqual([
      expect.objectContaining({ fileName: name, sha256, size: readFileSync(join(DIR, name)).length, created: rows }),
    ]);
    // The same file again is nothing new: every row is unchanged.
    const again = await invoke(t, 'li', 'import.preview', { ...file(name), program });
    expect(again).toMatchObject({ ok: true, value: { accepted: 0, unchanged: rows } });
  });

  it('writes the accepted rows of a mixed file and none of the rejected; a 15-digit ID keeps its original', async () => {
    const r = await invoke(t, 'li', 'import.commit', { ...file('legacy.xls'), program: 'elderly' });
    expect(r).toMatchObject({
      ok: true,
      value: { accepted: 2, rejected: 1, errors: [{ row: 5, code: 'ID_DAMAGED' }] },
    });
    const found = await invoke(t, 'li', 'person.find', { idNumber: '420102360203024' });
    const person = found.ok && found.value.id ? await invoke(t, 'li', 'person.get', { id: found.value.id }) : null;
    expect(person).toMatchObject({
      ok: true,
      value: { person: { idNumberOriginal: '420102360203024', birthDate: '1936-02-03' } },
    });
  });

  it('shows people already in the register as updates, applied only when accepted', async () => {
    const book = new ExcelJS.Workbook();
    const ws = book.addWorksheet('名册');
    ws.addRow(['姓名', '身份证号', '联系电话']);
    ws.addRow([SEED_ELDERS[0].name, SEED_ELDERS[0].idNumber, '13912345678']);
    ws.addRow([SEED_ELDERS[1].name, SEED_ELDERS[1].idNumber, '']);
    const input = {
      fileName: 'u.xlsx',
      contentBase64: Buffer.from(await book.xlsx.writeBuffer()).toString('base64'),
      program: 'elderly' as const,
    };
    const preview = await invoke(t, 'li', 'import.preview', input);
    expect(preview).toMatchObject({
      ok: true,
      value: {
        updates: 1,
        unchanged: 1,
        rows: [{ row: 2, kind: 'update', changes: [{ field: 'phone', before: null, after: '13912345678' }] }],
      },
    });
    const before = digest();
    expect(await invoke(t, 'li', 'import.commit', input)).toMatchObject({
      ok: true,
      value: { accepted: 0, skippedUpdates: 1 },
    });
    expect(digest()).not.toBe(before); // the import itself is audited
    const id = await invoke(t, 'li', 'person.find', { idNumber: SEED_ELDERS[0].idNumber });
    const get = async () => (id.ok && id.value.id ? await invoke(t, 'li', 'person.get', { id: id.value.id }) : null);
    expect(await get()).toMatchObject({ ok: true, value: { person: { phone: null } } });
    expect(await invoke(t, 'li', 'import.commit', { ...input, updates: 'accept' })).toMatchObject({
      ok: true,
      value: { accepted: 1, updates: 1 },
    });
    expect(await get()).toMatchObject({
      ok: true,
      value: { person: { phone: '13912345678', villageCode: SEED_ELDERS[0].village } },
    });
  });

  it('refuses a file over the configured size, reading nothing', async () => {
    await signIn(t, 'admin', ADMIN.username, ADMIN.password);
    expect(await invoke(t, 'admin', 'settings.update', { importMaxMegabytes: 0.25 })).toMatchObject({ ok: true });
    const before = digest();
    const r = await invoke(t, 'li', 'import.preview', { ...file('oversized.csv'), program: 'elderly' });
    expect(r).toMatchObject({ ok: false, error: { code: 'FILE_TOO_LARGE' } });
    expect(!r.ok && r.error.message).toContain('超过了设置的上限 0.3 MB');
    expect(digest()).toBe(before);
  });

  it('uses a corrected mapping, and a saved one next time', async () => {
    const mapping = JSON.parse(readFileSync(join(DIR, 'needs-mapping.mapping.json'), 'utf8')) as Record<
      string,
      'name' | 'village' | null
    >;
    const r = await invoke(t, 'li', 'import.preview', { ...file('needs-mapping.xlsx'), program: 'elderly', mapping });
    expect(r).toMatchObject({
      ok: true,
      value: {
        accepted: 2,
        columns: [{ field: 'name' }, { field: 'idNumber' }, { field: 'village' }, { field: null }],
      },
    });
    expect(await invoke(t, 'li', 'import.saveMapping', { mapping })).toMatchObject({ ok: true });
    expect(await invoke(t, 'li', 'import.mapping', {})).toMatchObject({ ok: true, value: { mapping } });
  });

  it('is for staff: the administrator alone does not import personal data', async () => {
    await signIn(t, 'admin', ADMIN.username, ADMIN.password);
    expect(
      await invoke(t, 'admin', 'import.preview', { ...file('good-elderly.xlsx'), program: 'elderly' }),
    ).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });
});

describe('CLI import', () => {
  let tmp: ReturnType<typeof tempDir>;
  const env = { WELFARE_DESK_PASSWORD: PASSWORD };
  beforeEach(async () => {
    tmp = tempDir();
    initialisedDir(tmp.dir, { users: [{ username: 'li', displayName: '李经办', roles: ['clerk'] }] });
    await seedCounty(tmp.dir);
  });
  afterEach(() => tmp.cleanup());
  const cli = (args: string[], e: Record<string, string> = env) =>
    runCliInProcess([...args, '--data', tmp.dir, '--json'], e);

  it('dry run prints {accepted, rejected, warnings, committed, errors} and changes nothing; commit writes', async () => {
    const dry = await cli([
      'import',
      '--user',
      'li',
      '--program',
      'elderly',
      '--file',
      join(DIR, 'damaged-ids.xlsx'),
      '--dry-run',
    ]);
    expect(dry.code).toBe(0);
    const body = JSON.parse(dry.stdout) as Record<string, unknown>;
    expect(Object.keys(body).slice(0, 6)).toEqual(['ok', 'accepted', 'rejected', 'warnings', 'committed', 'errors']);
    expect(body).toMatchObject({ ok: true, accepted: 1, rejected: 4, warnings: 0, committed: false });
    expect((body.errors as Array<{ row: number; field: string; code: string; message: string }>)[0]).toEqual({
      row: 2,
      field: 'idNumber',
      code: 'ID_DAMAGED',
      message: expect.stringContaining('不能自动修复'),
    });
    const commit = await cli([
      'import',
      '--user',
      'li',
      '--program',
      'elderly',
      '--file',
      join(DIR, 'damaged-ids.xlsx'),
    ]);
    expect(JSON.parse(commit.stdout)).toMatchObject({ ok: true, accepted: 1, committed: true });
  });

  it('takes a mapping file, and refuses bad files with exit code 1', async () => {
    const mapped = await cli([
      'import',
      '--user',
      'li',
      '--program',
      'elderly',
      '--file',
      join(DIR, 'needs-mapping.xlsx'),
      '--mapping',
      join(DIR, 'needs-mapping.mapping.json'),
      '--dry-run',
    ]);
    expect(JSON.parse(mapped.stdout)).toMatchObject({ ok: true, accepted: 2 });
    const bomb = await cli(['import', '--user', 'li', '--program', 'elderly', '--file', join(DIR, 'zip-bomb.xlsx')]);
    expect(bomb.code).toBe(1);
    expect(JSON.parse(bomb.stdout)).toMatchObject({ ok: false, error: { code: 'FILE_UNSAFE' } });
  });

  it('imports regions (admin) and a death list (clerk) through the same reader', async () => {
    const regions = join(tmp.dir, 'regions.csv');
    const { writeFileSync } = await import('node:fs');
    writeFileSync(regions, '江岸区区划\r\n区划代码,名称\r\n420102003000,塔子湖街道\r\n420102003001,塔子湖社区\r\n');
    const r = await cli(['import', 'regions', '--user', 'admin', '--file', regions], {
      WELFARE_DESK_PASSWORD: ADMIN.password,
    });
    expect(r.code, r.stdout).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ ok: true, townships: 1, villages: 1 });
    const deaths = join(tmp.dir, 'deaths.csv');
    writeFileSync(deaths, `姓名,身份证号,死亡日期\r\n${SEED_ELDERS[0].name},${SEED_ELDERS[0].idNumber},2026-06-15\r\n`);
    const d = await cli(['import', 'deaths', '--user', 'li', '--file', deaths]);
    expect(JSON.parse(d.stdout)).toMatchObject({ ok: true, matched: [{ row: 2, deathDate: '2026-06-15' }] });
  });
});
