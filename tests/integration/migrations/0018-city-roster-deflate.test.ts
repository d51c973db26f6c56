import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { deflateSync, inflateSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrate, schemaVersion } from '../../../electron/db/migrations';
import { openDatabase } from '../../../electron/db/open';
import { tempDir } from '../../support/tmp';

describe('migration 0018 city roster deflate', () => {
  let tmp: ReturnType<typeof tempDir>;
  beforeEach(() => (tmp = tempDir()));
  afterEach(() => tmp.cleanup());

  it('keeps the rosters imported before as text and takes new ones deflated', () => {
    const db = openDatabase({ path: join(tmp.dir, 'm.db'), key: randomBytes(32), create: true, migrateTo: 17 });
    db.prepare(
      `INSERT INTO city_counties (code, name, signing_key, registered_at, registered_by) VALUES ('420902', '孝南区', 'k', 't', 'a')`,
    ).run();
    const columns = `county_code, period_from, period_to, sequence, sha256, manifest_json, tables_json, roster_rows, imported_at, imported_by`;
    // One current package per county and period: the second is another period's.
    const values = `'420902', '2026-01', ?, ?, hex(randomblob(32)), '{}', '[]', 1, 't', 'a'`;
    db.prepare(`INSERT INTO city_packages (${columns}, roster_json) VALUES (${values}, ?)`).run(
      '2026-06',
      1,
      '[{"name":"张秀英"}]',
    );
    expect(() => db.prepare('SELECT roster_deflate FROM city_packages').all()).toThrow(/no such column/);
    migrate(db, 18);
    expect(schemaVersion(db)).toBe(18);
    const roster = Buffer.from('[{"name":"李桂兰"}]');
    db.prepare(`INSERT INTO city_packages (${columns}, roster_deflate) VALUES (${values}, ?)`).run(
      '2026-03',
      2,
      deflateSync(roster),
    );
    const rows = db
      .prepare('SELECT sequence, roster_json, roster_deflate FROM city_packages ORDER BY sequence')
      .all() as Array<{ sequence: number; roster_json: string | null; roster_deflate: Buffer | null }>;
    expect(rows[0]).toEqual({ sequence: 1, roster_json: '[{"name":"张秀英"}]', roster_deflate: null });
    expect(rows[1]?.roster_json).toBeNull();
    expect(inflateSync(rows[1]?.roster_deflate ?? Buffer.alloc(0)).toString()).toBe('[{"name":"李桂兰"}]');
    db.close();
  });
});
