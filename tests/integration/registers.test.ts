import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkCharacter } from '../../shared/domain/id-number';
const withCheck = (first17: string) => first17 + checkCharacter(first17);
import { contentDigest } from '../support/db';
import { initialisedDir, invoke, newApp, PASSWORD, signIn, type TestApp } from '../support/fixtures';
import { tempDir } from '../support/tmp';

const id = (first17: string) => first17 + checkCharacter(first17);
const ZHANG = id('42010219450315001'); // male, born 1945-03-15
const LI = id('42010220120506002');

async function seedRegions(t: TestApp) {
  await signIn(t, 'admin');
  for (const [code, name] of [
    ['420102001000', '花桥街道'],
    ['420102001001', '花桥社区'],
    ['420102002000', '谌家矶街道'],
    ['420102002003', '光华村'],
  ] as const) {
    const r = await invoke(t, 'admin', 'region.save', { code, name });
    if (!r.ok) throw new Error(r.error.message);
  }
}

describe('person index and program records', () => {
  let tmp: ReturnType<typeof tempDir>;
  let t: TestApp;
  beforeEach(async () => {
    tmp = tempDir();
    initialisedDir(tmp.dir, {
      users: [
        { username: 'li', displayName: '李经办', roles: ['clerk'] },
        { username: 'wang', displayName: '王负责', roles: ['head'] },
        { username: 'zhao', displayName: '赵审核', roles: ['reviewer'] },
      ],
    });
    t = newApp(tmp.dir);
    await seedRegions(t);
    await signIn(t, 'li', 'li', PASSWORD);
  });
  afterEach(() => {
    t.app.close();
    tmp.cleanup();
  });

  it('saves a person with derived sex, birth date and pinyin, and lists the enrolment', async () => {
    const saved = await invoke(t, 'li', 'person.save', {
      idNumber: ` ${ZHANG.toLowerCase()} `,
      name: '张三',
      villageCode: '420102001001',
      bankAccount: '6222 0202 0011 2233 445',
    });
    expect(saved).toMatchObject({
      ok: true,
      value: {
        idNumber: ZHANG,
        sex: 'M',
        birthDate: '1945-03-15',
        townshipName: '花桥街道',
        villageName: '花桥社区',
        bankAccount: '6222020200112233445',
      },
    });
    if (!saved.ok) return;
    const enrol = await invoke(t, 'li', 'enrolment.save', {
      personId: saved.value.id,
      program: 'elderly',
      appliedOn: '2025-04-01',
    });
    expect(enrol).toMatchObject({
      ok: true,
      value: {
        program: 'elderly',
        status: 'applied',
        enteredBy: 'li',
        events: [{ kind: 'created', toStatus: 'applied' }],
      },
    });
    const list = await invoke(t, 'li', 'register.list', { register: 'elderly' });
    expect(list).toMatchObject({
      ok: true,
      value: {
        total: 1,
        idsMasked: false,
        rows: [
          {
            name: '张三',
            initials: 'zs',
            idNumber: ZHANG,
            township: '花桥街道',
            tier: '80-89',
            monthlyFen: 0,
            monthlyReason: '尚未审批',
          },
        ],
      },
    });
  });

  it('refuses a wrong check digit naming the field, and changes nothing', async () => {
    const store = t.app.currentStore();
    const before = store ? contentDigest(store.raw) : '';
    const bad = `${ZHANG.slice(0, 17)}${ZHANG[17] === '1' ? '2' : '1'}`;
    const r = await invoke(t, 'li', 'person.save', { idNumber: bad, name: '张三' });
    expect(r).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(r.ok ? '' : r.error.message).toMatch(/^身份证号：身份证号“.+”的校验位不正确/);
    expect(store ? contentDigest(store.raw) : '').toBe(before);
  });

  it('keeps one person per ID number and one open enrolment per program', async () => {
    const first = await invoke(t, 'li', 'person.save', { idNumber: ZHANG, name: '张三' });
    expect(await invoke(t, 'li', 'person.save', { idNumber: ZHANG, name: '张叁' })).toMatchObject({
      ok: false,
      error: { code: 'PERSON_EXISTS' },
    });
    if (!first.ok) throw new Error('seed');
    expect(
      (
        await invoke(t, 'li', 'enrolment.save', {
          personId: first.value.id,
          program: 'elderly',
          appliedOn: '2025-04-01',
        })
      ).ok,
    ).toBe(true);
    expect(
      await invoke(t, 'li', 'enrolment.save', {
        personId: first.value.id,
        program: 'elderly',
        appliedOn: '2025-05-01',
      }),
    ).toMatchObject({ ok: false, error: { code: 'ENROLMENT_EXISTS' } });
  });

  it('checks the certificate against the person and records program facts and history', async () => {
    const p = await invoke(t, 'li', 'person.save', { idNumber: ZHANG, name: '张三', dibao: 'urban' });
    if (!p.ok) throw new Error('seed');
    const other = await invoke(t, 'li', 'enrolment.save', {
      personId: p.value.id,
      program: 'disability-care',
      appliedOn: '2025-04-01',
      certificate: { number: `${LI}11` },
    });
    expect(other).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', details: { code: 'CERT_MISMATCH' } } });
    const care = await invoke(t, 'li', 'enrolment.save', {
      personId: p.value.id,
      program: 'disability-care',
      appliedOn: '2025-04-01',
      certificate: { number: `${ZHANG}41` },
    });
    expect(care).toMatchObject({ ok: true, value: { certificate: { category: 4, grade: 1 } } });
    if (!care.ok) return;
    const edited = await invoke(t, 'li', 'enrolment.save', {
      id: care.value.id,
      personId: p.value.id,
      program: 'disability-care',
      appliedOn: '2025-04-01',
      certificate: { number: `${ZHANG}42` },
    });
    expect(edited).toMatchObject({
      ok: true,
      value: { certificate: { grade: 2 }, events: [{ kind: 'created' }, { kind: 'updated' }] },
    });
    const detail = await invoke(t, 'li', 'person.get', { id: p.value.id });
    expect(detail.ok && detail.value.certificates.length).toBe(2);
  });

  it('masks IDs for the head, audits a reveal, and keeps registers from a pure administrator', async () => {
    const p = await invoke(t, 'li', 'person.save', { idNumber: ZHANG, name: '张三' });
    if (!p.ok) throw new Error('seed');
    await invoke(t, 'li', 'enrolment.save', { personId: p.value.id, program: 'elderly', appliedOn: '2025-04-01' });
    await signIn(t, 'wang', 'wang', PASSWORD);
    const list = await invoke(t, 'wang', 'register.list', { register: 'elderly' });
    expect(list).toMatchObject({
      ok: true,
      value: { idsMasked: true, rows: [{ idNumber: `${ZHANG.slice(0, 4)}**********${ZHANG.slice(-4)}` }] },
    });
    const detail = await invoke(t, 'wang', 'person.get', { id: p.value.id });
    expect(detail).toMatchObject({ ok: true, value: { person: { idMasked: true } } });
    expect(await invoke(t, 'wang', 'person.revealId', { id: p.value.id })).toEqual({
      ok: true,
      value: { idNumber: ZHANG },
    });
    expect(await invoke(t, 'wang', 'person.save', { idNumber: LI, name: '李四' })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    expect(await invoke(t, 'admin', 'register.list', { register: 'elderly' })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    const log = await invoke(t, 'admin', 'audit.list', { username: 'wang' });
    expect(log.ok && log.value.rows.map((r) => r.action)).toEqual(
      expect.arrayContaining(['person.revealId', 'access.denied']),
    );
  });

  it('refuses a village outside the region list', async () => {
    const r = await invoke(t, 'li', 'person.save', { idNumber: ZHANG, name: '张三', villageCode: '420102009009' });
    expect(r).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', details: { code: 'REGION_UNKNOWN' } } });
    expect(r.ok ? '' : r.error.message).toMatch(/^村（社区）：/);
  });

  it('saves without changes quietly, keeps a 15-digit original, and records certificate-only edits', async () => {
    const p = await invoke(t, 'li', 'person.save', { idNumber: '420102450315001', name: '张三' });
    expect(p).toMatchObject({ ok: true, value: { idNumberOriginal: '420102450315001' } });
    if (!p.ok) return;
    const again = await invoke(t, 'li', 'person.save', { id: p.value.id, idNumber: p.value.idNumber, name: '张三' });
    expect(again).toMatchObject({ ok: true, value: { idNumberOriginal: '420102450315001' } });
    const phone = await invoke(t, 'li', 'person.save', {
      id: p.value.id,
      idNumber: p.value.idNumber,
      name: '张三',
      phone: '13800001234',
    });
    expect(phone).toMatchObject({ ok: true, value: { phone: '13800001234', idNumberOriginal: '420102450315001' } });
    const cert = { number: `${p.value.idNumber}41`, expiresOn: '2030-01-01' };
    const care = await invoke(t, 'li', 'enrolment.save', {
      personId: p.value.id,
      program: 'disability-care',
      appliedOn: '2025-04-01',
      certificate: cert,
    });
    if (!care.ok) throw new Error(care.error.message);
    const same = await invoke(t, 'li', 'enrolment.save', {
      id: care.value.id,
      personId: p.value.id,
      program: 'disability-care',
      appliedOn: '2025-04-01',
      certificate: cert,
    });
    expect(same).toMatchObject({ ok: true, value: { events: [{ kind: 'created' }] } });
    const renewed = await invoke(t, 'li', 'enrolment.save', {
      id: care.value.id,
      personId: p.value.id,
      program: 'disability-care',
      appliedOn: '2025-04-01',
      certificate: { ...cert, expiresOn: '2035-01-01' },
    });
    expect(renewed).toMatchObject({
      ok: true,
      value: { certificate: { expiresOn: '2035-01-01' }, events: [{ kind: 'created' }, { kind: 'updated' }] },
    });
    expect(renewed.ok && renewed.value.events[1]?.changes).toContain('2035-01-01');
  });

  it('refuses impossible dates and future births, and accepts rare characters in names', async () => {
    expect(
      await invoke(t, 'li', 'person.save', { idNumber: ZHANG, name: '张三', deathDate: '2023-02-29' }),
    ).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    const future = withCheck('42010220900101001');
    expect(await invoke(t, 'li', 'person.save', { idNumber: future, name: '未来' })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', details: { code: 'ID_BIRTHDATE' } },
    });
    expect(await invoke(t, 'li', 'person.save', { idNumber: ZHANG, name: '王𠀋明' })).toMatchObject({
      ok: true,
      value: { name: '王𠀋明' },
    });
  });

  it('masks certificate and guardian numbers and the audit payloads for the head; hides them from a pure administrator', async () => {
    const p = await invoke(t, 'li', 'person.save', { idNumber: ZHANG, name: '张三' });
    if (!p.ok) throw new Error('seed');
    await invoke(t, 'li', 'enrolment.save', {
      personId: p.value.id,
      program: 'disability-care',
      appliedOn: '2025-04-01',
      certificate: { number: `${ZHANG}41` },
    });
    await signIn(t, 'wang', 'wang', PASSWORD);
    const detail = await invoke(t, 'wang', 'person.get', { id: p.value.id });
    const shown = JSON.stringify(detail);
    expect(shown).not.toContain(ZHANG);
    expect(detail.ok && detail.value.certificates[0]?.number).toBe(
      `${ZHANG.slice(0, 4)}**********${ZHANG.slice(14)}41`,
    );
    const headLog = await invoke(t, 'wang', 'audit.list', { entity: 'person' });
    expect(headLog.ok && headLog.value.rows.length).toBeGreaterThan(0);
    expect(JSON.stringify(headLog)).not.toContain(ZHANG);
    const adminLog = await invoke(t, 'admin', 'audit.list', { entity: 'person' });
    expect(adminLog.ok && adminLog.value.rows.every((r) => r.after === null || r.after.startsWith('（个人信息'))).toBe(
      true,
    );
    const clerkDetail = await invoke(t, 'li', 'person.get', { id: p.value.id });
    expect(JSON.stringify(clerkDetail)).toContain(ZHANG);
  });
});
