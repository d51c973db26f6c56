import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrate, schemaVersion } from '../../../electron/db/migrations';
import { openDatabase } from '../../../electron/db/open';
import { tempDir } from '../../support/tmp';

describe('migration 0002 users, audit log, settings', () => {
  let tmp: ReturnType<typeof tempDir>;
  beforeEach(() => (tmp = tempDir()));
  afterEach(() => tmp.cleanup());

  it('adds the tables on top of version 1, keeping its rows, with an append-only audit log', () => {
    const db = openDatabase({ path: join(tmp.dir, 'm.db'), key: randomBytes(32), create: true, migrateTo: 1 });
    db.prepare(`INSERT INTO meta (key, value) VALUES ('county_code', '420102')`).run();
    expect(migrate(db, 2)).toBe(2);
    expect(db.prepare(`SELECT value FROM meta WHERE key = 'county_code'`).pluck().get()).toBe('420102');
    for (const t of ['users', 'audit_log', 'settings']) {
      expect(db.prepare(`SELECT sql FROM sqlite_schema WHERE name = ?`).pluck().get(t)).toMatch(/STRICT/);
    }
    db.prepare(
      `INSERT INTO audit_log (seq, at, username, channel, action, entity, prev_hash, hash) VALUES (1, 't', 'u', 'c', 'a', 'e', 'p', 'h')`,
    ).run();
    expect(() => db.prepare(`UPDATE audit_log SET username = 'x'`).run()).toThrow(/append-only/);
    expect(() => db.prepare(`DELETE FROM audit_log`).run()).toThrow(/append-only/);
    expect(() =>
      db
        .prepare(
          `INSERT INTO users (username, display_name, roles, created_at, password_changed_at) VALUES ('a', 'A', 'not json', 't', 't')`,
        )
        .run(),
    ).toThrow();
    expect(() => db.prepare(`INSERT INTO settings (key, value) VALUES ('k', '{bad')`).run()).toThrow();
    expect(schemaVersion(db)).toBe(2);
    db.close();
  });
});
