import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../electron/db/open';
import { openSlot, readKeyring } from '../../electron/db/keyring';
import { Store } from '../../electron/db/store';
import { verifyAudit } from '../../electron/services/audit/service';
import { runCliInProcess } from '../support/cli';
import { ADMIN, initialisedDir } from '../support/fixtures';
import { tempDir } from '../support/tmp';

describe('audit log', () => {
  let tmp: ReturnType<typeof tempDir>;
  let store: Store;
  beforeEach(() => {
    tmp = tempDir();
    initialisedDir(tmp.dir, { users: [{ username: 'li', displayName: '李经办', roles: ['clerk'] }] });
    const ring = readKeyring(`${tmp.dir}/welfare.keys.json`);
    const slot = ring.slots.find((s) => s.username === ADMIN.username);
    const key = slot && openSlot(slot, ADMIN.password);
    if (!key) throw new Error('no key');
    store = new Store(openDatabase({ path: `${tmp.dir}/welfare.db`, key }));
    // A few more rows so tampering can hit the middle of the chain.
    for (let i = 0; i < 5; i++) {
      store.write({ username: 'li', channel: 'test.write' }, (w) =>
        w.audit({ action: 'settings.update', entity: 'settings', entityId: i, after: { n: i, 名称: '测试' } }),
      );
    }
  });
  afterEach(() => {
    store.close();
    tmp.cleanup();
  });

  it('refuses UPDATE and DELETE on audit rows (append-only)', () => {
    expect(() => store.raw.prepare(`UPDATE audit_log SET username = 'x' WHERE seq = 1`).run()).toThrow(/append-only/);
    expect(() => store.raw.prepare(`DELETE FROM audit_log WHERE seq = 1`).run()).toThrow(/append-only/);
  });

  it('rolls back a write that records no audit row', () => {
    const before = store.raw.prepare('SELECT count(*) FROM meta').pluck().get();
    expect(() =>
      store.write({ username: 'li', channel: 'test.silent' }, (w) =>
        w.run(w.kysely.insertInto('meta').values({ key: 'silent', value: 'x' })),
      ),
    ).toThrow();
    expect(store.raw.prepare('SELECT count(*) FROM meta').pluck().get()).toBe(before);
  });

  it('verifies an intact chain', () => {
    const v = verifyAudit(store);
    expect(v).toMatchObject({ ok: true, firstBroken: null });
    expect(v.count).toBe(Number(store.raw.prepare('SELECT count(*) FROM audit_log').pluck().get()));
  });

  it('finds a change to any byte of any row and names the row', () => {
    const rows = store.raw.prepare('SELECT * FROM audit_log ORDER BY seq').all() as Array<
      Record<string, string | number | null>
    >;
    const fields = ['at', 'username', 'channel', 'action', 'entity', 'entity_id', 'after_json', 'prev_hash', 'hash'];
    for (const row of rows) {
      for (const field of fields) {
        const value = row[field];
        if (typeof value !== 'string' || value.length === 0) continue;
        // Flip one character in the middle of the value, bypassing the trigger as an attacker with the key would.
        const i = Math.floor(value.length / 2);
        const changed = value.slice(0, i) + (value[i] === 'a' ? 'b' : 'a') + value.slice(i + 1);
        store.raw.exec('DROP TRIGGER audit_log_no_update');
        store.raw.prepare(`UPDATE audit_log SET ${field} = ? WHERE seq = ?`).run(changed, row.seq);
        const v = verifyAudit(store);
        store.raw.prepare(`UPDATE audit_log SET ${field} = ? WHERE seq = ?`).run(value, row.seq);
        store.raw.exec(
          `CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;`,
        );
        expect(v.ok, `${field} of #${row.seq}`).toBe(false);
        // A changed stored hash shows at the next row's link, or at the row itself.
        expect([row.seq, Number(row.seq) + 1], `${field} of #${row.seq}`).toContain(v.firstBroken?.seq);
      }
    }
    expect(verifyAudit(store).ok).toBe(true);
  });

  it('finds a deleted row', () => {
    store.raw.exec('DROP TRIGGER audit_log_no_delete');
    store.raw.prepare('DELETE FROM audit_log WHERE seq = 3').run();
    expect(verifyAudit(store)).toMatchObject({ ok: false, firstBroken: { seq: 4 } });
  });

  it('the CLI names the first broken row and exits 1', async () => {
    store.raw.exec('DROP TRIGGER audit_log_no_update');
    store.raw.prepare(`UPDATE audit_log SET after_json = '{"n":99}' WHERE seq = 5`).run();
    store.close();
    const r = await runCliInProcess(['audit', 'verify', '--data', tmp.dir, '--user', ADMIN.username, '--json'], {
      WELFARE_DESK_PASSWORD: ADMIN.password,
    });
    expect(r.code).toBe(1);
    const out = JSON.parse(r.stdout);
    expect(out.error.code).toBe('AUDIT_BROKEN');
    expect(out.error.message).toContain('第 5 条');
    expect(out.details.firstBroken.seq).toBe(5);
  });
});
