import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrate } from '../../../electron/db/migrations';
import { openDatabase } from '../../../electron/db/open';
import { tempDir } from '../../support/tmp';

describe('migration 0015 audit import rows', () => {
  let tmp: ReturnType<typeof tempDir>;
  beforeEach(() => (tmp = tempDir()));
  afterEach(() => tmp.cleanup());

  it('adds an append-only trail table tied to the audit log, persons and enrolments', () => {
    const db = openDatabase({ path: join(tmp.dir, 'm.db'), key: randomBytes(32), create: true, migrateTo: 14 });
    db.prepare(
      `INSERT INTO audit_log (seq, at, username, channel, action, entity, prev_hash, hash) VALUES (1, 't', 'u', 'c', 'import.commit', 'import', 'p', 'h')`,
    ).run();
    expect(migrate(db, 15)).toBe(15);
    expect(db.prepare(`SELECT sql FROM sqlite_schema WHERE name = 'audit_import_rows'`).pluck().get()).toMatch(
      /STRICT/,
    );
    db.prepare(
      `INSERT INTO persons (id, id_number, name, name_pinyin, name_initials, sex, birth_date, created_at, created_by, updated_at, updated_by)
       VALUES (1, '420102194001010014', '张三', 'zhangsan', 'zs', 'M', '1940-01-01', 't', 'u', 't', 'u')`,
    ).run();
    const insert = db.prepare(
      `INSERT INTO audit_import_rows (audit_seq, row, person_id, enrolment_id, row_hash) VALUES (?, ?, ?, NULL, ?)`,
    );
    insert.run(1, 3, 1, 'a'.repeat(64));
    // One row number once per import, a real hash, an audit row and a person that exist.
    expect(() => insert.run(1, 3, 1, 'b'.repeat(64))).toThrow(/UNIQUE/);
    expect(() => insert.run(1, 4, 1, 'short')).toThrow(/CHECK/);
    expect(() => insert.run(2, 4, 1, 'c'.repeat(64))).toThrow(/FOREIGN KEY/);
    expect(() => insert.run(1, 5, 99, 'c'.repeat(64))).toThrow(/FOREIGN KEY/);
    expect(() => db.prepare(`UPDATE audit_import_rows SET row = 9`).run()).toThrow(/append-only/);
    expect(() => db.prepare(`DELETE FROM audit_import_rows`).run()).toThrow(/append-only/);
    expect(db.prepare(`SELECT count(*) FROM audit_import_rows`).pluck().get()).toBe(1);
    db.close();
  });
});
