import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCliInProcess } from '../support/cli';
import { contentDigest } from '../support/db';
import { initialisedDir, invoke, newApp, PASSWORD, signIn, type TestApp } from '../support/fixtures';
import { seedCounty, withCheck } from '../support/seed';
import { tempDir } from '../support/tmp';

const YOUNG = withCheck('42010219700101011'); // born 1970: never 高龄
const OLD = withCheck('42010219400202021');
const UNKNOWN_PLACE = withCheck('99999919380303031'); // no county has 999999
const MOVED_IN = withCheck('11010519390404041'); // 北京市朝阳区

describe('eligibility at entry, the same over the channel and the import', () => {
  let tmp: ReturnType<typeof tempDir>;
  let t: TestApp;
  const digest = () => contentDigest(t.app.currentStore()?.raw ?? (undefined as never));
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

  it('refuses a 1970-born person for 高龄津贴 over enrolment.save, naming the ID, and changes nothing', async () => {
    const p = await invoke(t, 'li', 'person.save', { idNumber: YOUNG, name: '刘年轻' });
    if (!p.ok) throw new Error(p.error.message);
    const before = digest();
    const r = await invoke(t, 'li', 'enrolment.save', {
      personId: p.value.id,
      program: 'elderly',
      appliedOn: '2026-01-05',
    });
    expect(r).toMatchObject({ ok: false, error: { code: 'NOT_ELIGIBLE', details: { field: 'idNumber' } } });
    expect(r.ok ? '' : r.error.message).toMatch(/^身份证号：按身份证号，此人申请时 56 岁，未满 80 周岁/);
    expect(digest()).toBe(before);
    // The same person is fine for a program without an age rule.
    const old = await invoke(t, 'li', 'person.save', { idNumber: OLD, name: '钱老' });
    if (!old.ok) throw new Error(old.error.message);
    expect(
      await invoke(t, 'li', 'enrolment.save', { personId: old.value.id, program: 'elderly', appliedOn: '2026-01-05' }),
    ).toMatchObject({ ok: true });
  });

  it('refuses 生活补贴 without 低保 and 护理补贴 for grade 3, as the import does', async () => {
    const p = await invoke(t, 'li', 'person.save', { idNumber: YOUNG, name: '刘年轻', dibao: 'none' });
    if (!p.ok) throw new Error(p.error.message);
    const before = digest();
    const living = await invoke(t, 'li', 'enrolment.save', {
      personId: p.value.id,
      program: 'disability-living',
      appliedOn: '2026-01-05',
      certificate: { number: `${YOUNG}41` },
    });
    expect(living).toMatchObject({ ok: false, error: { code: 'NOT_ELIGIBLE', details: { field: 'dibao' } } });
    const care = await invoke(t, 'li', 'enrolment.save', {
      personId: p.value.id,
      program: 'disability-care',
      appliedOn: '2026-01-05',
      certificate: { number: `${YOUNG}43` },
    });
    expect(care).toMatchObject({ ok: false, error: { code: 'NOT_ELIGIBLE', details: { field: 'grade' } } });
    expect(digest()).toBe(before);
  });

  it('asks for confirmation of an ID whose address code no county has, and records it', async () => {
    const before = digest();
    const r = await invoke(t, 'li', 'person.save', { idNumber: UNKNOWN_PLACE, name: '孙外来' });
    expect(r).toMatchObject({ ok: false, error: { code: 'ID_ADDRESS_UNCONFIRMED', details: { field: 'idNumber' } } });
    expect(r.ok ? '' : r.error.message).toContain('999999 不在全国县级区划名单中');
    expect(digest()).toBe(before);
    expect(await invoke(t, 'li', 'person.idAddress', { idNumber: MOVED_IN })).toMatchObject({
      ok: true,
      value: { status: 'other', place: '北京市朝阳区' },
    });
    expect(await invoke(t, 'li', 'person.idAddress', { idNumber: OLD })).toMatchObject({
      ok: true,
      value: { status: 'county', warning: null },
    });
    const confirmed = await invoke(t, 'li', 'person.save', {
      idNumber: UNKNOWN_PLACE,
      name: '孙外来',
      idAddressConfirmed: true,
    });
    if (!confirmed.ok) throw new Error(confirmed.error.message);
    const audit = t.app
      .currentStore()
      ?.raw.prepare(`SELECT after_json FROM audit_log WHERE action = 'person.add' ORDER BY seq DESC LIMIT 1`)
      .get() as { after_json: string };
    expect(JSON.parse(audit.after_json)).toMatchObject({ idAddressConfirmed: true });
    // Saving the person again does not ask again.
    expect(
      await invoke(t, 'li', 'person.save', { id: confirmed.value.id, idNumber: UNKNOWN_PLACE, name: '孙外来二' }),
    ).toMatchObject({ ok: true });
  });

  it('the import refuses the same 1970-born row with the same words and warns of the unknown address code', async () => {
    const csv = [
      '姓名,身份证号,乡镇,村',
      `刘年轻,${YOUNG},花桥街道,花桥社区`,
      `孙外来,${UNKNOWN_PLACE},花桥街道,花桥社区`,
    ].join('\n');
    const r = await invoke(t, 'li', 'import.preview', {
      fileName: 'elders.csv',
      contentBase64: Buffer.from(csv).toString('base64'),
      program: 'elderly',
    });
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.errors).toEqual([
      expect.objectContaining({
        row: 2,
        field: 'idNumber',
        code: 'NOT_ELIGIBLE',
        message: expect.stringMatching(/未满 80 周岁/),
      }),
    ]);
    expect(r.value.warningItems).toContainEqual(
      expect.objectContaining({
        row: 3,
        field: 'idNumber',
        code: 'ID_ADDRESS',
        message: expect.stringContaining('999999'),
      }),
    );
    expect(r.value.accepted).toBe(1);
  });

  it('the CLI asks the same: person add refuses the unknown address code until --confirm-address', async () => {
    t.app.close();
    const args = ['person', 'add', '--data', tmp.dir, '--user', 'li', '--id', UNKNOWN_PLACE, '--name', '孙外来'];
    const env = { WELFARE_DESK_PASSWORD: PASSWORD };
    const refused = await runCliInProcess(args, env);
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toContain('不在全国县级区划名单中');
    expect(refused.stderr).toContain('--confirm-address');
    const confirmed = await runCliInProcess([...args, '--confirm-address'], env);
    expect(confirmed.code, confirmed.stderr).toBe(0);
    expect(confirmed.stdout).toContain('已登记 孙外来');
  });
});
