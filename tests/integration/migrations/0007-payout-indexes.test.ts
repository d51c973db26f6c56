import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrate, schemaVersion } from '../../../electron/db/migrations';
import { openDatabase } from '../../../electron/db/open';
import { tempDir } from '../../support/tmp';

describe('migration 0007 payout indexes', () => {
  let tmp: ReturnType<typeof tempDir>;
  beforeEach(() => (tmp = tempDir()));
  afterEach(() => tmp.cleanup());

  it('lets the reissue foreign key check use an index, so deleting a draft is linear', () => {
    const db = openDatabase({ path: join(tmp.dir, 'm.db'), key: randomBytes(32), create: true, migrateTo: 6 });
    const plan = () =>
      db
        .prepare('EXPLAIN QUERY PLAN SELECT 1 FROM payout_lines WHERE reissue_of = ?')
        .all(1)
        .map((r) => (r as { detail: string }).detail)
        .join(' ');
    expect(plan()).toMatch(/SCAN payout_lines/);
    migrate(db, 7);
    expect(schemaVersion(db)).toBe(7);
    expect(plan()).toMatch(/USING (COVERING )?INDEX payout_lines_by_reissue/);
    expect(
      db
        .prepare(`EXPLAIN QUERY PLAN SELECT count(*) FROM payout_lines WHERE bank_status = 'failed' AND batch_id = ?`)
        .all(1)
        .map((r) => (r as { detail: string }).detail)
        .join(' '),
    ).toMatch(/INDEX payout_lines_failed/);
    expect(
      db
        .prepare('EXPLAIN QUERY PLAN SELECT month FROM payout_lines WHERE person_id = ? AND month > ?')
        .all(1, '2026-01')
        .map((r) => (r as { detail: string }).detail)
        .join(' '),
    ).toMatch(/INDEX payout_lines_by_person/);
    // 20,000 lines in a draft: regenerating deletes them all, with the foreign key checked for each.
    db.prepare(
      `INSERT INTO persons (id_number, name, name_pinyin, name_initials, sex, birth_date, created_at, created_by, updated_at, updated_by) VALUES ('110105194012310016', '张三', 'zhangsan', 'zs', 'M', '1940-12-31', 't', 'li', 't', 'li')`,
    ).run();
    db.prepare(
      `INSERT INTO enrolments (person_id, program, status, applied_on, entered_by, created_at, updated_at) VALUES (1, 'elderly', 'active', '2000-01-05', 'li', 't', 't')`,
    ).run();
    db.prepare(
      `INSERT INTO payout_batches (batch_no, program, period_from, period_to, status, created_at, created_by, generated_at, generated_by) VALUES ('b', 'elderly', '2026-01', '2026-01', 'draft', 't', 'li', 't', 'li')`,
    ).run();
    const add = db.prepare(
      `INSERT INTO payout_lines (batch_id, enrolment_id, person_id, month, kind, category, standard_from, standard_fen, amount_fen, name, id_number) VALUES (1, 1, 1, ?, 'difference', '80-89', '2000-01', ?, 1, '张三', '110105194012310016')`,
    );
    db.transaction(() => {
      for (let i = 0; i < 20_000; i++)
        add.run(`${String(2000 + Math.floor(i / 12))}-${String((i % 12) + 1).padStart(2, '0')}`, 5000 + i);
    })();
    const started = performance.now();
    expect(db.prepare('DELETE FROM payout_lines WHERE batch_id = 1').run().changes).toBe(20_000);
    // Quadratic scanning took tens of seconds here; indexed, well under one.
    expect(performance.now() - started).toBeLessThan(5_000);
    db.close();
  });
});
