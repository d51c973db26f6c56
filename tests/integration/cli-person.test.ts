import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkCharacter } from '../../shared/domain/id-number';
import { runCliInProcess } from '../support/cli';
import { tempDir } from '../support/tmp';

const PASSWORD = { WELFARE_DESK_PASSWORD: 'demo-password-1' };
const id = (first17: string) => first17 + checkCharacter(first17);
// Another county's address code: the demo never issues it, so these people are new.
const ELDER = id('11010519401231001'); // male, born 1940-12-31
const CHILD = id('11010520150606002'); // female, born 2015-06-06
const GUARDIAN = id('11010519600101003');

/**
 * The person and enrolment commands, and `demo`, through the CLI entry point in
 * process. One data directory for the file: the demo creates it (with the
 * clerk, reviewer and head users), and each command signs in on its own, as a
 * user at a terminal would; every sign-in costs a scrypt, so the cases share.
 */
describe('CLI: demo, person and enrol', () => {
  const tmp = tempDir();
  const data = join(tmp.dir, 'data');
  const cli = async (args: string[]) => {
    const r = await runCliInProcess([...args, '--data', data, '--json'], PASSWORD);
    expect(r.stdout.trim().split('\n'), r.stderr).toHaveLength(1);
    return { code: r.code, out: JSON.parse(r.stdout) };
  };
  const asClerk = (args: string[]) => cli([...args, '--user', 'clerk']);
  let demo: Awaited<ReturnType<typeof cli>>;

  beforeAll(async () => {
    demo = await cli(['demo', '--scale', '0.05', '--seed', '3', '--today', '2025-06-15']);
  });
  afterAll(() => tmp.cleanup());

  it('demo initialises the directory, creates the staff, prints counts and the recovery code once, and refuses a second run', async () => {
    expect(demo.code).toBe(0);
    expect(demo.out).toMatchObject({
      ok: true,
      townships: expect.any(Number),
      villages: expect.any(Number),
      seconds: expect.any(Number),
    });
    expect(demo.out.persons).toBeGreaterThan(2000);
    expect(demo.out.certificates).toBeGreaterThan(1400);
    expect(Object.keys(demo.out.enrolments).sort()).toEqual([
      'disability-care',
      'disability-living',
      'elderly',
      'orphan',
      'unattended-child',
    ]);
    expect(demo.out.recoveryCode).toMatch(/^([0-9A-Z]{4}-){7}[0-9A-Z]{4}$/);

    const again = await cli(['demo', '--scale', '0.05']);
    expect(again.code).toBe(1);
    expect(again.out).toMatchObject({ ok: false, error: { code: 'PERSON_EXISTS' } });
    expect(again.out.error.message).toMatch(/已有 \d+ 名人员/);
    expect(again.out.recoveryCode).toBeUndefined();
    expect((await runCliInProcess(['demo', '--data', data], PASSWORD)).code).toBe(2);
  });

  it('person add derives sex and birth date, and refuses a wrong check digit naming 身份证号', async () => {
    const add = await asClerk([
      'person',
      'add',
      '--id',
      ELDER.toLowerCase(),
      '--name',
      '张三',
      '--village',
      '420102001001',
      '--account',
      '6222020200112233445',
      '--bank',
      '工商银行',
      '--dibao',
      'urban',
    ]);
    expect(add.code).toBe(0);
    expect(add.out.person).toMatchObject({
      idNumber: ELDER,
      name: '张三',
      sex: 'M',
      birthDate: '1940-12-31',
      villageCode: '420102001001',
      dibao: 'urban',
      bankAccount: '6222020200112233445',
    });

    const wrong = `${ELDER.slice(0, 17)}${ELDER[17] === '1' ? '2' : '1'}`;
    const bad = await asClerk(['person', 'add', '--id', wrong, '--name', '李四']);
    expect(bad.code).toBe(1);
    expect(bad.out.error.code).toBe('INVALID_INPUT');
    expect(bad.out.error.message).toMatch(/^身份证号：.*校验位不正确/);

    const usage = await runCliInProcess(['person', 'add', '--data', data, '--user', 'clerk', '--id', ELDER], PASSWORD);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain('缺少 --id 或 --name');
  });

  it('person edit changes only what it names: the account and the card holder, the rest stays', async () => {
    const edited = await asClerk([
      'person',
      'edit',
      '--id',
      ELDER,
      '--account',
      '6222020200112233999',
      '--holder-name',
      '张小三',
      '--holder-id',
      GUARDIAN,
    ]);
    expect(edited.code, JSON.stringify(edited.out)).toBe(0);
    expect(edited.out.person).toMatchObject({
      name: '张三',
      dibao: 'urban',
      villageCode: '420102001001',
      bankName: '工商银行',
      bankAccount: '6222020200112233999',
      accountHolderName: '张小三',
      accountHolderId: GUARDIAN,
    });
    const half = await runCliInProcess(
      ['person', 'edit', '--data', data, '--user', 'clerk', '--id', ELDER, '--holder-name', '张小三'],
      PASSWORD,
    );
    expect(half.code).toBe(2);
    const nothing = await runCliInProcess(
      ['person', 'edit', '--data', data, '--user', 'clerk', '--id', ELDER],
      PASSWORD,
    );
    expect(nothing.code).toBe(2);
    const unknown = await asClerk(['person', 'edit', '--id', CHILD, '--phone', '13800000000']);
    expect(unknown.out.error.code).toBe('PERSON_NOT_FOUND');
  });

  it('enrol adds records by ID number; show prints the person with certificates and history; list reads the registers', async () => {
    const elderly = await asClerk(['enrol', '--program', 'elderly', '--id', ELDER, '--applied', '2025-05-01']);
    expect(elderly).toMatchObject({
      code: 0,
      out: { enrolment: { program: 'elderly', status: 'applied', enteredBy: 'clerk' } },
    });
    // A certificate of someone else: refused, the field code travels in `details`.
    const mismatch = await asClerk([
      'enrol',
      '--program',
      'disability-care',
      '--id',
      ELDER,
      '--applied',
      '2025-05-01',
      '--cert',
      `${CHILD}41`,
    ]);
    expect(mismatch).toMatchObject({
      code: 1,
      out: { error: { code: 'INVALID_INPUT' }, details: { code: 'CERT_MISMATCH' } },
    });
    const care = await asClerk([
      'enrol',
      '--program',
      'disability-care',
      '--id',
      ELDER,
      '--applied',
      '2025-05-01',
      '--cert',
      `${ELDER}41`,
    ]);
    expect(care).toMatchObject({ code: 0, out: { enrolment: { certificate: { category: 4, grade: 1 } } } });
    const unknown = await asClerk(['enrol', '--program', 'elderly', '--id', CHILD, '--applied', '2025-05-01']);
    expect(unknown).toMatchObject({ code: 1, out: { error: { code: 'PERSON_NOT_FOUND' } } });
    expect(unknown.out.error.message).toContain(CHILD);

    const show = await asClerk(['person', 'show', '--id', ELDER]);
    expect(show.code).toBe(0);
    expect(show.out).toMatchObject({
      person: {
        name: '张三',
        townshipName: expect.stringMatching(/街道$/),
        villageName: expect.stringMatching(/社区$/),
      },
      certificates: [{ number: `${ELDER}41` }],
      enrolments: [
        { program: 'elderly', events: [{ kind: 'created', toStatus: 'applied', username: 'clerk' }] },
        { program: 'disability-care', events: [{ kind: 'created' }] },
      ],
    });

    const list = await asClerk(['person', 'list', '--register', 'elderly', '--limit', '5']);
    expect(list.code).toBe(0);
    expect(list.out.rows).toHaveLength(5);
    expect(list.out.total).toBe(demo.out.enrolments.elderly + 1);
    expect(list.out.rows[0]).toMatchObject({
      program: 'elderly',
      tier: expect.stringMatching(/^(80-89|90-99|100\+)$/),
    });
    // Without --register all three registers, in text mode: a header and one line per row.
    const enrolled = Object.values(demo.out.enrolments as Record<string, number>).reduce((s, n) => s + n, 0) + 2;
    const all = await runCliInProcess(
      ['person', 'list', '--data', data, '--user', 'clerk', '--limit', '20000'],
      PASSWORD,
    );
    const lines = all.stdout.trim().split('\n');
    expect(lines[0]).toBe(`残疾人两项补贴、孤儿保障、高龄津贴：共 ${enrolled} 条，显示 ${enrolled} 条`);
    expect(lines).toHaveLength(enrolled + 1);
    expect(lines.find((l) => l.includes(ELDER))).toMatch(/张三.*护理补贴.*已申请.*肢体一级.*\s{2}0\.00 元$/);
  });

  it('enrols a child with mode, guardian and parent situations', async () => {
    expect(
      (await asClerk(['person', 'add', '--id', CHILD, '--name', '王小雨', '--village', '420102001001'])).code,
    ).toBe(0);
    const r = await asClerk([
      'enrol',
      '--program',
      'unattended-child',
      '--id',
      CHILD,
      '--applied',
      '2025-05-01',
      '--mode',
      'dispersed',
      '--guardian-name',
      '王大山',
      '--guardian-id',
      GUARDIAN,
      '--guardian-relation',
      '祖父',
      '--father-situation',
      'imprisoned',
      '--mother-situation',
      'lost-contact',
    ]);
    expect(r).toMatchObject({
      code: 0,
      out: {
        enrolment: {
          childMode: 'dispersed',
          guardianIdNumber: GUARDIAN,
          fatherSituation: 'imprisoned',
          motherSituation: 'lost-contact',
        },
      },
    });
    const badMode = await runCliInProcess(
      [
        'enrol',
        '--data',
        data,
        '--user',
        'clerk',
        '--program',
        'orphan',
        '--id',
        CHILD,
        '--applied',
        '2025-05-01',
        '--mode',
        'home',
      ],
      PASSWORD,
    );
    expect(badMode.code).toBe(2);
  });
});
