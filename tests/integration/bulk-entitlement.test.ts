import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../electron/db/store';
import { generateDemo } from '../../electron/services/demo';
import { loadCases, Rates } from '../../electron/services/standards/bulk';
import { entitlementOf } from '../../electron/services/standards/facts';
import { programs } from '../../shared/domain/programs';
import { initialisedDir, newApp, PASSWORD, signIn, type TestApp } from '../support/fixtures';
import { tempDir } from '../support/tmp';

const TODAY = '2025-06-15';

describe('entitlements read in bulk', () => {
  const tmp = tempDir();
  let t: TestApp;
  let store: Store;
  beforeAll(async () => {
    initialisedDir(tmp.dir, { users: [{ username: 'li', displayName: '李经办', roles: ['clerk'] }] });
    t = newApp(tmp.dir, { clock: () => new Date(`${TODAY}T01:00:00Z`) });
    await signIn(t, 'li', 'li', PASSWORD);
    const s = t.app.currentStore();
    if (!s) throw new Error('no store');
    store = s;
    generateDemo(
      store,
      { username: 'li', channel: 'demo.generate' },
      { scale: 0.03, seed: 7, today: TODAY, countyCode: '420102' },
    );
  });
  afterAll(() => {
    t.app.close();
    tmp.cleanup();
  });

  it('give, for every enrolment and month, exactly what the one-record answer gives', () => {
    const rates = new Rates(store);
    const cases = loadCases(store, { programs });
    const rejected = store.all(
      store.kysely.selectFrom('enrolments').select('id').where('status', '=', 'rejected'),
    ).length;
    expect(cases.length).toBe(store.all(store.kysely.selectFrom('enrolments').select('id')).length - rejected);
    let paid = 0;
    for (const month of ['2016-01', '2024-12', '2025-06', '2025-07'] as const) {
      for (const c of cases) {
        const bulk = rates.entitlement(c, month);
        const one = entitlementOf(store, c.enrolmentId, month);
        expect({ id: c.enrolmentId, month, fen: bulk.amountFen, code: bulk.code, reason: bulk.reason }).toEqual({
          id: c.enrolmentId,
          month,
          fen: one.amountFen,
          code: one.code,
          reason: one.reason,
        });
        if (bulk.amountFen > 0) paid++;
      }
    }
    // The comparison covered money, not only refusals.
    expect(paid).toBeGreaterThan(cases.length);
  });

  it('narrows to a page of enrolments and still sees their persons’ other programs', () => {
    const all = loadCases(store, { programs });
    const both = all.find((c) => c.program === 'disability-living' && c.others.length > 0);
    expect(both).toBeDefined();
    const page = loadCases(store, { programs: ['disability-living'], enrolmentIds: [both?.enrolmentId ?? 0] });
    expect(page).toEqual([both]);
  });
});
