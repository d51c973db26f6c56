import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrate, schemaVersion } from '../../../electron/db/migrations';
import { openDatabase } from '../../../electron/db/open';
import { tempDir } from '../../support/tmp';

describe('migration 0017 batch cells', () => {
  let tmp: ReturnType<typeof tempDir>;
  beforeEach(() => (tmp = tempDir()));
  afterEach(() => tmp.cleanup());

  it('sums the committed batches already there, and forgets a batch whose lines change', () => {
    const db = openDatabase({ path: join(tmp.dir, 'm.db'), key: randomBytes(32), create: true, migrateTo: 14 });
    db.prepare(
      `INSERT INTO persons (id_number, name, name_pinyin, name_initials, sex, birth_date, created_at, created_by, updated_at, updated_by) VALUES ('110105194012310016', '张三', 'zhangsan', 'zs', 'M', '1940-12-31', 't', 'li', 't', 'li')`,
    ).run();
    db.prepare(
      `INSERT INTO enrolments (person_id, program, status, applied_on, entered_by, created_at, updated_at) VALUES (1, 'elderly', 'active', '2000-01-05', 'li', 't', 't')`,
    ).run();
    const batch = db.prepare(
      `INSERT INTO payout_batches (batch_no, program, period_from, period_to, status, created_at, created_by, generated_at, generated_by) VALUES (?, 'elderly', ?, ?, ?, 't', 'li', 't', 'li')`,
    );
    batch.run('a', '2026-01', '2026-01', 'returned');
    batch.run('b', '2026-02', '2026-02', 'draft');
    const line = db.prepare(
      `INSERT INTO payout_lines (batch_id, program, enrolment_id, person_id, month, kind, category, standard_from, standard_fen, amount_fen, name, id_number, bank_account, township, bank_status, voided)
       VALUES (?, 'elderly', 1, 1, ?, ?, '80-89', '2000-01', ?, ?, '张三', '110105194012310016', '6217000010000000001', '东湖镇', ?, ?)`,
    );
    line.run(1, '2026-01', 'regular', 5000, 5000, 'paid', 0);
    line.run(1, '2025-12', 'backpay', 5000, 5000, 'failed', 0);
    line.run(1, '2025-11', 'backpay', 7000, 7000, 'paid', 1);
    line.run(2, '2026-02', 'regular', 5000, 5000, 'pending', 0);
    migrate(db, 17);
    expect(schemaVersion(db)).toBe(17);
    const cells = () =>
      db
        .prepare(`SELECT batch_id, kind, failed, township, category, lines, fen FROM payout_batch_cells ORDER BY kind`)
        .all();
    // The committed batch only, its voided line left out, the failure apart.
    expect(cells()).toEqual([
      { batch_id: 1, kind: 'backpay', failed: 1, township: '东湖镇', category: '80-89', lines: 1, fen: 5000 },
      { batch_id: 1, kind: 'regular', failed: 0, township: '东湖镇', category: '80-89', lines: 1, fen: 5000 },
    ]);
    const fresh = () => db.prepare(`SELECT id, cells_at IS NOT NULL AS fresh FROM payout_batches ORDER BY id`).all();
    expect(fresh()).toEqual([
      { id: 1, fresh: 1 },
      { id: 2, fresh: 0 },
    ]);
    // A line's bank result changes: the cells are no longer known fresh, so reports read the lines.
    db.prepare(`UPDATE payout_lines SET bank_status = 'paid' WHERE id = 2`).run();
    expect(fresh()[0]).toEqual({ id: 1, fresh: 0 });
    db.prepare(`UPDATE payout_batches SET cells_at = 't' WHERE id = 1`).run();
    // A change that is not money (the recovery that settled a month) keeps them.
    db.prepare(`UPDATE payout_lines SET recovered_by = NULL WHERE id = 1`).run();
    expect(fresh()[0]).toEqual({ id: 1, fresh: 1 });
    db.prepare(`DELETE FROM payout_lines WHERE id = 3`).run();
    expect(fresh()[0]).toEqual({ id: 1, fresh: 0 });
    db.close();
  });
});
