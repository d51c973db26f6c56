import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDispatcher } from '../../electron/ipc/dispatch';
import { handlers } from '../../electron/ipc/handlers';
import type { Store } from '../../electron/db/store';
import { AppContext } from '../../electron/services/app/context';
import { verifyAudit } from '../../electron/services/audit/service';
import { initDataDir } from '../../electron/services/auth/service';
import { generateDemo, type DemoCounts, type DemoOptions } from '../../electron/services/demo';
import { upsertRegion } from '../../electron/services/regions/service';
import { findUser, toSessionUser } from '../../electron/services/users/queries';
import type { Result } from '../../shared/contract';
import { checkCertificate } from '../../shared/domain/certificate';
import { addMonths, ageOn, birthdayInYear, monthOf } from '../../shared/domain/dates';
import { parseIdNumber } from '../../shared/domain/id-number';
import { checkName, checkPhone, luhnValid } from '../../shared/domain/person-fields';
import { elderTier, parentSituations } from '../../shared/domain/programs';
import { contentDigest } from '../support/db';
import { tempDir } from '../support/tmp';

const TODAY = '2025-06-15';
const OPTIONS: DemoOptions = { scale: 0.05, seed: 20250615, today: TODAY, countyCode: '420102' };
const ACTOR = { username: 'admin', channel: 'demo.generate' } as const;
/** A fixed clock, so that the set-up rows (meta, users) of two data directories are identical too. */
const clock = () => new Date(`${TODAY}T01:00:00.000Z`);

/** An initialised directory whose database stays open (initDataDir leaves it attached): no sign-in, no extra scrypt. */
function openDemoDir(dir: string): { ctx: AppContext; store: Store } {
  const ctx = new AppContext({ dataDir: dir, version: 'test', clock });
  initDataDir(ctx, {
    countyCode: '420102',
    countyName: '江岸区',
    officeName: '江岸区民政局',
    admin: { username: 'admin', displayName: '王管理', password: 'admin-password-1', roles: ['clerk'] },
  });
  const store = ctx.currentStore();
  if (!store) throw new Error('store not open after init');
  return { ctx, store };
}

type Row = Record<string, string | number | null>;

describe('demo county generator', () => {
  const tmp = tempDir();
  let a: { ctx: AppContext; store: Store };
  let counts: DemoCounts;
  const rows = (sql: string, ...params: unknown[]) => a.store.raw.prepare(sql).all(...params) as Row[];
  const count = (sql: string, ...params: unknown[]) =>
    Number((a.store.raw.prepare(sql).get(...params) as { n: number }).n);

  beforeAll(() => {
    a = openDemoDir(`${tmp.dir}/a`);
    counts = generateDemo(a.store, ACTOR, OPTIONS);
  });
  afterAll(() => {
    a.ctx.close();
    tmp.cleanup();
  });

  it('writes counts in the proportions of a county, and reports them truthfully', () => {
    expect(counts.persons).toBe(count('SELECT count(*) n FROM persons'));
    expect(counts.certificates).toBe(count('SELECT count(*) n FROM disability_certificates'));
    expect(counts.events).toBe(count('SELECT count(*) n FROM enrolment_events'));
    for (const [program, n] of Object.entries(counts.enrolments))
      expect(n).toBe(count('SELECT count(*) n FROM enrolments WHERE program = ?', program));
    const e = counts.enrolments;
    expect(counts.certificates).toBeGreaterThan(1450);
    expect(counts.certificates).toBeLessThan(1560);
    expect(e['disability-care'] / counts.certificates).toBeCloseTo(14 / 30, 1);
    expect(e['disability-living'] / counts.certificates).toBeCloseTo(9 / 30, 1);
    expect(e.elderly / counts.certificates).toBeCloseTo(12 / 30, 1);
    expect(e.orphan).toBeGreaterThanOrEqual(3);
    expect(e['unattended-child']).toBeGreaterThanOrEqual(3);
    expect(e.orphan + e['unattended-child']).toBeLessThan(25);
    // Some hold both disability subsidies, most only one.
    const both = count(
      `SELECT count(*) n FROM enrolments c JOIN enrolments l ON l.person_id = c.person_id WHERE c.program = 'disability-care' AND l.program = 'disability-living'`,
    );
    expect(both).toBeGreaterThan(100);
    expect(both).toBeLessThan(e['disability-living'] / 2);
    // One creation event per enrolment, plus last year's annual review of records approved before it.
    const reviews = count(`SELECT count(*) n FROM enrolment_events WHERE kind = 'annualReview'`);
    expect(counts.events).toBe(Object.values(e).reduce((s, n) => s + n, 0) + reviews);
    expect(
      count(
        `SELECT count(*) n FROM enrolment_events WHERE kind NOT IN ('created', 'annualReview') OR reason <> '演示数据'`,
      ),
    ).toBe(0);
    const statuses = rows('SELECT status, count(*) n FROM enrolments GROUP BY status');
    expect(statuses.map((s) => s.status).sort()).toEqual(['active', 'applied', 'reviewed']);
    const total = Object.values(e).reduce((s, n) => s + n, 0);
    expect(Number(statuses.find((s) => s.status === 'active')?.n) / total).toBeGreaterThan(0.85);
    // Records paying were approved (by the county, after the township review); pending ones not yet.
    expect(
      count(
        `SELECT count(*) n FROM enrolments WHERE (status = 'active') <> (approved_on IS NOT NULL AND reviewed_on < approved_on)`,
      ),
    ).toBe(0);
    expect(reviews).toBeGreaterThan(
      0.9 * count(`SELECT count(*) n FROM enrolments WHERE status = 'active' AND approved_on < '2024-01-01'`),
    );
    expect(count(`SELECT count(*) n FROM enrolments WHERE applied_on > ?`, TODAY)).toBe(0);
  });

  it('generates 10–20 townships with 8–25 villages each, and every person lives in one of them', () => {
    expect(counts.townships).toBeGreaterThanOrEqual(10);
    expect(counts.townships).toBeLessThanOrEqual(20);
    const townships = rows(
      `SELECT t.code, t.name, count(v.code) n FROM regions t LEFT JOIN regions v ON v.parent_code = t.code WHERE t.level = 'township' GROUP BY t.code`,
    );
    expect(townships).toHaveLength(counts.townships);
    for (const t of townships) {
      expect(t.code).toMatch(/^420102\d{3}000$/);
      expect(t.name).toMatch(/(街道|镇|乡)$/);
      expect(t.n).toBeGreaterThanOrEqual(8);
      expect(t.n).toBeLessThanOrEqual(25);
    }
    for (const v of rows(`SELECT code, name, parent_code FROM regions WHERE level = 'village'`)) {
      expect(String(v.code).slice(0, 9)).toBe(String(v.parent_code).slice(0, 9));
      expect(v.name).toMatch(/(村|社区)$/);
    }
    expect(
      count(
        `SELECT count(*) n FROM persons p LEFT JOIN regions v ON v.code = p.village_code AND v.level = 'village' WHERE v.code IS NULL`,
      ),
    ).toBe(0);
  });

  it('gives every person a valid ID that agrees with birth date and sex, a valid name, phone and a 16–19 digit card', () => {
    const persons = rows('SELECT * FROM persons');
    for (const p of persons) {
      const id = parseIdNumber(String(p.id_number));
      expect(id.ok, String(p.id_number)).toBe(true);
      if (!id.ok) continue;
      expect(id.value).toMatchObject({ id: p.id_number, birthDate: p.birth_date, sex: p.sex, original: null });
      expect(String(p.id_number).slice(0, 6)).toBe('420102');
      expect(checkName(String(p.name)).ok, String(p.name)).toBe(true);
      if (p.phone !== null) expect(checkPhone(String(p.phone)).ok).toBe(true);
      if (p.bank_account !== null) expect(p.bank_account).toMatch(/^\d{16,19}$/);
      if (p.account_holder_id !== null) expect(parseIdNumber(String(p.account_holder_id)).ok).toBe(true);
    }
    expect(persons.filter((p) => p.bank_account !== null && !luhnValid(String(p.bank_account)))).toHaveLength(1);
    expect(persons.some((p) => String(p.name).includes('·'))).toBe(true);
    expect(new Set(persons.map((p) => p.id_number)).size).toBe(persons.length);
    expect(
      count(`SELECT count(*) n FROM persons p JOIN enrolments e ON e.person_id = p.id WHERE p.bank_account IS NULL`),
    ).toBe(0);
  });

  it('issues certificates that match their holders, grade 1–2 for the care subsidy', () => {
    for (const c of rows(
      'SELECT c.*, p.id_number FROM disability_certificates c JOIN persons p ON p.id = c.person_id',
    )) {
      const checked = checkCertificate(String(c.number), String(c.id_number));
      expect(checked.ok, String(c.number)).toBe(true);
      if (checked.ok) expect(checked.value).toMatchObject({ category: c.category, grade: c.grade });
      expect(String(c.issued_on) < String(c.expires_on)).toBe(true);
      expect(String(c.issued_on) >= String(c.id_number).replace(/^\d{6}(\d{4})(\d{2})(\d{2}).*$/, '$1-$2-$3')).toBe(
        true,
      );
    }
    expect(
      count(
        `SELECT count(*) n FROM enrolments e JOIN disability_certificates c ON c.id = e.certificate_id WHERE e.program = 'disability-care' AND c.grade > 2`,
      ),
    ).toBe(0);
    expect(
      count(
        `SELECT count(*) n FROM enrolments e JOIN disability_certificates c ON c.id = e.certificate_id WHERE c.person_id <> e.person_id`,
      ),
    ).toBe(0);
  });

  it('records children with guardians and parent situations, and elders in every tier', () => {
    const children = rows(
      `SELECT p.birth_date, p.account_holder_id, p.account_holder_name, e.* FROM enrolments e JOIN persons p ON p.id = e.person_id WHERE e.program IN ('orphan', 'unattended-child')`,
    );
    expect([...new Set(children.map((c) => `${c.program}/${c.child_mode}`))]).toEqual(
      expect.arrayContaining(['orphan/institution', 'orphan/dispersed', 'unattended-child/dispersed']),
    );
    for (const c of children) {
      expect(ageOn(String(c.birth_date), TODAY)).toBeLessThan(18);
      expect(c.account_holder_name).toBe(c.guardian_name);
      if (c.child_mode === 'dispersed') {
        expect(parseIdNumber(String(c.guardian_id_number)).ok).toBe(true);
        expect(c.account_holder_id).toBe(c.guardian_id_number);
        expect(c.guardian_relation).toBeTruthy();
      }
      if (c.program === 'unattended-child') {
        for (const s of [c.father_situation, c.mother_situation]) expect(Object.keys(parentSituations)).toContain(s);
        expect([c.father_situation, c.mother_situation]).not.toContain('none');
        expect([c.father_situation, c.mother_situation].every((s) => s === 'dead' || s === 'missing')).toBe(false);
      }
    }
    const elders = rows(
      `SELECT p.birth_date FROM enrolments e JOIN persons p ON p.id = e.person_id WHERE e.program = 'elderly'`,
    ).map((r) => String(r.birth_date));
    const tiers = elders.map((b) => elderTier(b, TODAY));
    expect(tiers).not.toContain(null);
    expect(new Set(tiers)).toEqual(new Set(['80-89', '90-99', '100+']));
    expect(tiers.filter((t) => t === '80-89').length / tiers.length).toBeGreaterThan(0.7);
    expect(elders.filter((b) => b.endsWith('-02-29')).length).toBeGreaterThanOrEqual(2);
  });

  it('keeps the programs consistent apart from the planted problems, which are all present', () => {
    const nextMonth = addMonths(monthOf(TODAY), 1);
    expect(counts.problems.map((p) => p.kind).sort()).toEqual([
      'child-turning-18',
      'dead-enrolled',
      'elder-next-tier',
      'expired-certificate',
      'injury-care-with-care',
      'living-and-tekun',
      'luhn-failure',
      'orphan-with-living',
    ]);
    const planted = (kind: string) => counts.problems.find((p) => p.kind === kind);
    const personOf = (kind: string) => rows('SELECT * FROM persons WHERE id = ?', planted(kind)?.personId)[0] ?? {};
    const enrolmentOf = (kind: string) =>
      rows('SELECT * FROM enrolments WHERE id = ?', planted(kind)?.enrolmentId)[0] ?? {};

    // Each fact holds for the planted person and for nobody else.
    const onlyPlanted = (kind: string, sql: string) =>
      expect(rows(sql).map((r) => r.id)).toEqual([planted(kind)?.personId]);
    onlyPlanted(
      'dead-enrolled',
      `SELECT DISTINCT p.id FROM persons p JOIN enrolments e ON e.person_id = p.id WHERE p.death_date IS NOT NULL`,
    );
    expect(enrolmentOf('dead-enrolled')).toMatchObject({ program: 'elderly', status: 'active' });
    onlyPlanted(
      'expired-certificate',
      `SELECT p.id FROM persons p JOIN disability_certificates c ON c.person_id = p.id JOIN enrolments e ON e.certificate_id = c.id WHERE c.expires_on < '${TODAY}' AND e.status = 'active'`,
    );
    onlyPlanted(
      'living-and-tekun',
      `SELECT p.id FROM persons p JOIN enrolments e ON e.person_id = p.id WHERE e.program = 'disability-living' AND p.tekun <> 'none'`,
    );
    onlyPlanted(
      'injury-care-with-care',
      `SELECT p.id FROM persons p JOIN enrolments e ON e.person_id = p.id WHERE e.program = 'disability-care' AND p.injury_care = 1`,
    );
    onlyPlanted(
      'orphan-with-living',
      `SELECT o.person_id AS id FROM enrolments o JOIN enrolments l ON l.person_id = o.person_id WHERE o.program = 'orphan' AND l.program = 'disability-living'`,
    );
    expect(luhnValid(String(personOf('luhn-failure').bank_account))).toBe(false);
    expect(enrolmentOf('luhn-failure')).toMatchObject({ program: 'disability-care', status: 'active' });
    expect(
      count(
        `SELECT count(*) n FROM persons p JOIN enrolments e ON e.person_id = p.id WHERE e.program = 'disability-care' AND p.tekun = 'centralized'`,
      ),
    ).toBe(0);
    // Living subsidy needs 低保 (or 低保边缘, a county extension), except for the planted 特困 case.
    expect(
      count(
        `SELECT count(*) n FROM persons p JOIN enrolments e ON e.person_id = p.id WHERE e.program = 'disability-living' AND p.dibao = 'none'`,
      ),
    ).toBe(1);

    const child = personOf('child-turning-18');
    expect(monthOf(birthdayInYear(String(child.birth_date), 18))).toBe(nextMonth);
    expect(enrolmentOf('child-turning-18')).toMatchObject({ program: 'orphan', status: 'active' });
    const elder = personOf('elder-next-tier');
    expect(elderTier(String(elder.birth_date), TODAY)).toBe('80-89');
    expect(elderTier(String(elder.birth_date), `${nextMonth}-28`)).toBe('90-99');
  });

  it('writes one summary audit row, keeps the chain intact, and refuses a second run without changing anything', () => {
    const audit = rows(`SELECT * FROM audit_log WHERE action = 'demo.generate'`);
    expect(audit).toHaveLength(1);
    expect(JSON.parse(String(audit[0]?.after_json))).toMatchObject({
      persons: counts.persons,
      certificates: counts.certificates,
      seed: OPTIONS.seed,
      scale: OPTIONS.scale,
    });
    expect(verifyAudit(a.store)).toMatchObject({ ok: true });
    const before = contentDigest(a.store.raw);
    expect(() => generateDemo(a.store, ACTOR, OPTIONS)).toThrow(/已有 \d+ 名人员/);
    expect(contentDigest(a.store.raw)).toBe(before);
  });

  it('serves the generated registers through the contract (every row parses)', async () => {
    const admin = findUser(a.store, 'admin');
    if (!admin) throw new Error('no admin');
    a.ctx.openSession('test', toSessionUser(admin));
    const dispatch = createDispatcher(a.ctx, handlers);
    const call = async (channel: string, input: unknown) =>
      (await dispatch({ key: 'test' }, channel, input)) as Result<Record<string, unknown>>;
    for (const [register, programs] of [
      ['disability', ['disability-care', 'disability-living']],
      ['children', ['orphan', 'unattended-child']],
      ['elderly', ['elderly']],
    ] as const) {
      const list = await call('register.list', { register, limit: 20_000 });
      expect(list.ok, JSON.stringify(list).slice(0, 300)).toBe(true);
      const expected = programs.reduce((s, p) => s + counts.enrolments[p], 0);
      expect(list.ok && list.value.total).toBe(expected);
    }
    const orphan = counts.problems.find((p) => p.kind === 'orphan-with-living');
    const detail = await call('person.get', { id: orphan?.personId });
    expect(detail).toMatchObject({
      ok: true,
      value: {
        certificates: [{ category: 5, grade: 2 }],
        enrolments: [{ program: 'orphan', childMode: 'dispersed' }, { program: 'disability-living' }],
      },
    });
  });

  it('uses the villages the county configured itself', () => {
    const c = openDemoDir(`${tmp.dir}/c`);
    try {
      c.store.write({ username: 'admin', channel: 'region.save' }, (w) => {
        for (const [code, name] of [
          ['420102001000', '花桥街道'],
          ['420102001001', '花桥社区'],
          ['420102001201', '光华村'],
        ] as const)
          upsertRegion(w, '420102', code, name);
      });
      const small = generateDemo(c.store, ACTOR, { ...OPTIONS, scale: 0.01 });
      expect(small).toMatchObject({ regionsReused: true, townships: 1, villages: 2 });
      const used = c.store.raw.prepare('SELECT DISTINCT village_code AS code FROM persons ORDER BY 1').all();
      expect(used).toEqual([{ code: '420102001001' }, { code: '420102001201' }]);
    } finally {
      c.ctx.close();
    }
  });

  it('is deterministic: the same seed gives the same database', () => {
    const b = openDemoDir(`${tmp.dir}/b`);
    try {
      expect(generateDemo(b.store, ACTOR, OPTIONS)).toEqual(counts);
      expect(contentDigest(b.store.raw, ['audit_log'])).toBe(contentDigest(a.store.raw, ['audit_log']));
    } finally {
      b.ctx.close();
    }
  });
});
