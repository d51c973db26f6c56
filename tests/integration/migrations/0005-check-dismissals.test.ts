import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LATEST_SCHEMA_VERSION, migrate, schemaVersion } from '../../../electron/db/migrations';
import { m0005CheckDismissals } from '../../../electron/db/migrations/0005-check-dismissals';
import { openDatabase } from '../../../electron/db/open';
import { tempDir } from '../../support/tmp';

describe('migration 0005 check dismissals', () => {
  let tmp: ReturnType<typeof tempDir>;
  beforeEach(() => (tmp = tempDir()));
  afterEach(() => tmp.cleanup());

  it('adds the STRICT dismissal table with one row per finding and a reason of 2–200 characters', () => {
    const db = openDatabase({ path: join(tmp.dir, 'm.db'), key: randomBytes(32), create: true, migrateTo: 4 });
    // Until 0005 is in the migration list, run it the way the migrator does: one transaction, then the version.
    if (LATEST_SCHEMA_VERSION < 5) {
      db.transaction(() => {
        m0005CheckDismissals.up(db);
        db.pragma(`user_version = ${m0005CheckDismissals.version}`);
      }).immediate();
    } else {
      migrate(db, 5);
    }
    expect(schemaVersion(db)).toBe(5);
    expect(db.prepare(`SELECT sql FROM sqlite_schema WHERE name = 'check_dismissals'`).pluck().get()).toMatch(/STRICT/);
    const add = db.prepare(
      `INSERT INTO check_dismissals (kind, subject, reason, dismissed_at, dismissed_by) VALUES (?, ?, ?, 't', 'li')`,
    );
    add.run('bank-luhn', 'person:1', '存折账号，已核对');
    add.run('bank-luhn', 'person:2', '存折账号，已核对');
    add.run('bank-shared', 'person:1', '兄妹共用监护人账户');
    expect(() => add.run('bank-luhn', 'person:1', '再次忽略')).toThrow(/UNIQUE/);
    expect(() => add.run('bank-missing', 'person:3', '短')).toThrow(/CHECK/);
    expect(() => add.run('bank-missing', 'person:3', '长'.repeat(201))).toThrow(/CHECK/);
    expect(db.prepare('SELECT count(*) FROM check_dismissals').pluck().get()).toBe(3);
    db.close();
  });
});
