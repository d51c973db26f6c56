import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrate, schemaVersion } from '../../../electron/db/migrations';
import { openDatabase } from '../../../electron/db/open';
import { tempDir } from '../../support/tmp';

const HELD = `SELECT count(*) AS n FROM payout_lines l
  WHERE l.bank_status = 'failed' AND l.voided = 0 AND l.program = ?
    AND NOT EXISTS (SELECT 1 FROM payout_lines r WHERE r.person_id = l.person_id AND r.month = l.month AND r.program = l.program
                      AND r.voided = 0 AND r.recovered_by IS NULL AND r.bank_status <> 'failed'
                      AND (r.kind = 'difference') = (l.kind = 'difference'))`;

describe('migration 0011 payout speed', () => {
  let tmp: ReturnType<typeof tempDir>;
  beforeEach(() => (tmp = tempDir()));
  afterEach(() => tmp.cleanup());

  it('counts live failed lines without visiting the failed lines of voided batches', () => {
    const db = openDatabase({ path: join(tmp.dir, 'm.db'), key: randomBytes(32), create: true, migrateTo: 10 });
    const plan = () =>
      db
        .prepare(`EXPLAIN QUERY PLAN ${HELD}`)
        .all('elderly')
        .map((r) => (r as { detail: string }).detail)
        .join(' | ');
    expect(plan()).not.toMatch(/payout_lines_failed_live/);
    db.prepare(
      `INSERT INTO persons (id_number, name, name_pinyin, name_initials, sex, birth_date, created_at, created_by, updated_at, updated_by) VALUES ('110105194012310016', '张三', 'zhangsan', 'zs', 'M', '1940-12-31', 't', 'li', 't', 'li')`,
    ).run();
    db.prepare(
      `INSERT INTO enrolments (person_id, program, status, applied_on, entered_by, created_at, updated_at) VALUES (1, 'elderly', 'active', '2000-01-05', 'li', 't', 't')`,
    ).run();
    const batch = db.prepare(
      `INSERT INTO payout_batches (batch_no, program, period_from, period_to, status, created_at, created_by, generated_at, generated_by) VALUES (?, 'elderly', ?, ?, 'draft', 't', 'li', 't', 'li')`,
    );
    batch.run('a', '2026-01', '2026-01');
    batch.run('b', '2026-02', '2026-02');
    const line = db.prepare(
      `INSERT INTO payout_lines (batch_id, program, enrolment_id, person_id, month, kind, category, standard_from, standard_fen, amount_fen, name, id_number, bank_account, bank_status, voided)
       VALUES (?, 'elderly', 1, 1, ?, 'regular', '80-89', '2000-01', 5000, 5000, '张三', '110105194012310016', '6217000010000000001', 'failed', ?)`,
    );
    line.run(1, '2026-01', 1);
    line.run(2, '2026-02', 0);
    migrate(db, 11);
    expect(schemaVersion(db)).toBe(11);
    expect(plan()).toMatch(/USING (COVERING )?INDEX payout_lines_failed_live/);
    // The voided failed line is not waiting for a reissue; the live one is.
    expect(db.prepare(HELD).get('elderly')).toEqual({ n: 1 });
    db.close();
  });
});
