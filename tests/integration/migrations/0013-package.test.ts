import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrate, schemaVersion } from '../../../electron/db/migrations';
import { openDatabase } from '../../../electron/db/open';
import { tempDir } from '../../support/tmp';

describe('migration 0013 package', () => {
  let tmp: ReturnType<typeof tempDir>;
  beforeEach(() => (tmp = tempDir()));
  afterEach(() => tmp.cleanup());

  it('adds STRICT key, export and city tables with one current package per county and period', () => {
    const db = openDatabase({ path: join(tmp.dir, 'm.db'), key: randomBytes(32), create: true, migrateTo: 10 });
    migrate(db, 13);
    expect(schemaVersion(db)).toBe(13);
    for (const t of ['package_keys', 'package_exports', 'city_counties', 'city_packages'])
      expect(db.prepare(`SELECT sql FROM sqlite_schema WHERE name = ?`).pluck().get(t)).toMatch(/STRICT/);
    expect(() => db.prepare(`INSERT INTO package_keys VALUES ('other', 'p', 's', 't')`).run()).toThrow(/CHECK/);
    db.prepare(`INSERT INTO city_counties VALUES ('420902', '孝南区', 'k', 't', 'u')`).run();
    expect(() => db.prepare(`INSERT INTO city_counties VALUES ('4209', '孝感', 'k', 't', 'u')`).run()).toThrow(/CHECK/);
    const add = db.prepare(
      `INSERT INTO city_packages (county_code, period_from, period_to, sequence, sha256, manifest_json, tables_json, imported_at, imported_by, superseded_at)
       VALUES ('420902', '2026-01', '2026-06', ?, ?, '{}', '[]', 't', 'u', ?)`,
    );
    add.run(1, 'a', 't');
    add.run(2, 'b', null);
    expect(() => add.run(3, 'c', null)).toThrow(/UNIQUE/);
    expect(() => add.run(2, 'd', 't')).toThrow(/UNIQUE/);
    db.close();
  });
});
