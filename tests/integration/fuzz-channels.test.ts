import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contract, isErrorCode, type ChannelName } from '../../shared/contract';
import { contentDigest } from '../support/db';
import { ADMIN, initialisedDir, newApp } from '../support/fixtures';
import { tempDir } from '../support/tmp';

/** Payloads a hostile or broken renderer might send. */
const hostile = fc.oneof(
  fc.anything({
    withNullPrototype: true,
    withBigInt: true,
    withDate: true,
    withMap: true,
    withSet: true,
    withTypedArray: true,
    withSparseArray: true,
  }),
  fc.constantFrom<unknown>(
    JSON.parse('{"__proto__": {"polluted": true}}'),
    JSON.parse('{"constructor": {"prototype": {"polluted": true}}}'),
    JSON.parse('{"passphrase": "x", "__proto__": {"polluted": true}}'),
    { passphrase: 'x'.repeat(5_000_000) },
    { countyCode: '420102', countyName: '县'.repeat(100_000), passphrase: 'longenough' },
    { passphrase: 12345678 },
    { passphrase: ['a'] },
    { passphrase: null },
    [],
    '',
    0,
    NaN,
    Infinity,
    null,
    undefined,
    true,
    () => 1,
    Symbol('s'),
  ),
  fc.record({ username: fc.constantFrom('admin', 'li', 'nobody', 'ADMIN'), password: fc.string({ maxLength: 40 }) }),
  fc.record({ password: fc.string({ maxLength: 40 }) }),
  // Shapes close to valid: the right keys with random values, plus extra ones.
  fc.record(
    { passphrase: fc.anything(), countyCode: fc.anything(), countyName: fc.anything(), extra: fc.anything() },
    { requiredKeys: [] },
  ),
);

describe('every channel under random and hostile payloads', () => {
  const tmp = tempDir();
  initialisedDir(tmp.dir);
  const t = newApp(tmp.dir);
  const { app, dispatch } = t;
  let digest = '';
  let auditStart = 0;
  /** The only trace a refused attempt may leave: its own audit line. */
  const refusalActions = new Set(['login.failed', 'login.lockedOut', 'login.refusedLocked', 'access.denied']);

  beforeAll(async () => {
    const r = await dispatch({ key: 'fuzzer' }, 'session.login', {
      username: ADMIN.username,
      password: ADMIN.password,
    });
    expect(r.ok).toBe(true);
    const store = app.currentStore();
    if (!store) throw new Error('store should be open');
    digest = contentDigest(store.raw, ['audit_log']);
    auditStart = Number(store.raw.prepare('SELECT max(seq) FROM audit_log').pluck().get());
  });
  afterAll(() => {
    app.close();
    tmp.cleanup();
  });

  const names = Object.keys(contract) as ChannelName[];
  for (const name of names) {
    // Sign-in channels run scrypt (~0.3 s) on well-formed input: fewer runs there, still real ones.
    const runs = name.startsWith('session.') ? 25 : 150;
    it(`${name}: only envelopes, never a throw, database unchanged`, async () => {
      for (const key of ['fuzzer', 'stranger']) {
        await fc.assert(
          fc.asyncProperty(hostile, async (payload) => {
            if ((name === 'session.lock' || name === 'session.logout') && key === 'fuzzer') return; // would end the session under test
            const r = await dispatch({ key }, name, payload);
            expect(typeof r.ok).toBe('boolean');
            if (!r.ok) {
              expect(isErrorCode(r.error.code)).toBe(true);
              expect(r.error.code).not.toBe('INTERNAL');
              expect(typeof r.error.message).toBe('string');
              expect(r.error.message.length).toBeLessThan(2000);
            } else {
              expect(contract[name].output.safeParse(r.value).success).toBe(true);
            }
            expect(({} as Record<string, unknown>).polluted).toBeUndefined();
          }),
          { numRuns: runs },
        );
      }
      const store = app.currentStore();
      expect(store).not.toBeNull();
      if (store) {
        expect(contentDigest(store.raw, ['audit_log'])).toBe(digest);
        const added = store.raw
          .prepare('SELECT DISTINCT action FROM audit_log WHERE seq > ?')
          .pluck()
          .all(auditStart) as string[];
        for (const action of added) expect(refusalActions.has(action), action).toBe(true);
      }
    });
  }
});
