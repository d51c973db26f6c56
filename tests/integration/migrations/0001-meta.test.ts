import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LATEST_SCHEMA_VERSION, migrate, migrations, schemaVersion } from '../../../electron/db/migrations';
import { openDatabase } from '../../../electron/db/open';
import { tempDir } from '../../support/tmp';

describe('migration 0001 meta', () => {
  let tmp: ReturnType<typeof tempDir>;
  beforeEach(() => (tmp = tempDir()));
  afterEach(() => tmp.cleanup());

  it('is registered first and creates a STRICT key/value table', () => {
    expect(migrations[0]?.version).toBe(1);
    const db = openDatabase({ path: join(tmp.dir, 'm.db'), key: randomBytes(32), create: true, migrateTo: 0 });
    expect(schemaVersion(db)).toBe(0);
    expect(migrate(db, 1)).toBe(1);
    const sql = db.prepare(`SELECT sql FROM sqlite_schema WHERE name = 'meta'`).pluck().get() as string;
    expect(sql).toMatch(/STRICT/);
    db.prepare('INSERT INTO meta (key, value) VALUES (?, ?)').run('county_code', '420102');
    // STRICT: a blob is not text; the CHECK refuses an empty key.
    expect(() => db.prepare('INSERT INTO meta (key, value) VALUES (?, ?)').run('x', Buffer.from([1]))).toThrow();
    expect(() => db.prepare('INSERT INTO meta (key, value) VALUES (?, ?)').run('', 'v')).toThrow();
    expect(() => db.prepare('INSERT INTO meta (key, value) VALUES (?, ?)').run('county_code', 'again')).toThrow();
    db.close();
  });

  it('each migration sets user_version to its own number and running again changes nothing', () => {
    // In order; numbers reserved for work not yet landed may leave gaps.
    migrations.forEach((m, i) => expect(m.version).toBeGreaterThan(migrations[i - 1]?.version ?? 0));
    const db = openDatabase({ path: join(tmp.dir, 'm.db'), key: randomBytes(32), create: true });
    expect(schemaVersion(db)).toBe(LATEST_SCHEMA_VERSION);
    expect(LATEST_SCHEMA_VERSION).toBe(migrations.at(-1)?.version);
    expect(migrate(db)).toBe(LATEST_SCHEMA_VERSION);
    db.close();
  });
});
