import type Database from 'better-sqlite3-multiple-ciphers';
import type { Migration } from './types';

/**
 * The money cells of a committed batch, summed once when it is locked (and again
 * after a bank return): the reports read a few thousand cells instead of grouping
 * every line of two years. The disability category and grade are the ones of the
 * certificate the month was paid under. A trigger forgets a batch's cells the
 * moment any line's money, kind, bank result, place or void flag changes, so a
 * batch whose cells are not known fresh (`cells_at IS NULL`) is read from its
 * lines: the cells can be stale only by being absent.
 */
export const m0017BatchCells: Migration = {
  version: 17,
  name: 'batch-cells',
  up(db) {
    db.exec(`
      ALTER TABLE payout_batches ADD COLUMN cells_at TEXT;
      CREATE TABLE payout_batch_cells (
        batch_id INTEGER NOT NULL REFERENCES payout_batches (id),
        kind TEXT NOT NULL,
        failed INTEGER NOT NULL,
        township TEXT NOT NULL,
        category TEXT NOT NULL,
        cert_category INTEGER,
        cert_grade INTEGER,
        lines INTEGER NOT NULL,
        fen INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX payout_batch_cells_by_batch ON payout_batch_cells (batch_id);
      CREATE TRIGGER payout_lines_cells_stale
        AFTER UPDATE OF batch_id, kind, category, amount_fen, township, voided, bank_status ON payout_lines
      BEGIN
        UPDATE payout_batches SET cells_at = NULL WHERE id IN (OLD.batch_id, NEW.batch_id) AND cells_at IS NOT NULL;
      END;
      CREATE TRIGGER payout_lines_cells_gone AFTER DELETE ON payout_lines
      BEGIN
        UPDATE payout_batches SET cells_at = NULL WHERE id = OLD.batch_id AND cells_at IS NOT NULL;
      END;
    `);
    // Batches committed before this version are summed now, so the first report after the upgrade is fast too.
    const ids = db
      .prepare(`SELECT id FROM payout_batches WHERE status IN ('locked', 'exported', 'returned')`)
      .pluck()
      .all() as number[];
    const now = new Date().toISOString();
    for (const id of ids) sumBatchCellsRaw(db, id, now);
  },
};

/** The one definition of a batch's cells, shared by the migration and the services (`sumBatchCells`). */
export const BATCH_CELLS_SQL = `
  INSERT INTO payout_batch_cells (batch_id, kind, failed, township, category, cert_category, cert_grade, lines, fen)
  SELECT l.batch_id, l.kind, l.bank_status = 'failed', coalesce(l.township, ''), l.category, c.category, c.grade,
         count(*), sum(l.amount_fen)
  FROM payout_lines l
  LEFT JOIN enrolments e ON e.id = l.enrolment_id
  LEFT JOIN disability_certificates c ON c.id = e.certificate_id
  WHERE l.batch_id = ? AND l.voided = 0
  GROUP BY l.kind, 3, 4, l.category, c.category, c.grade`;

function sumBatchCellsRaw(db: Database.Database, id: number, now: string): void {
  db.prepare(`DELETE FROM payout_batch_cells WHERE batch_id = ?`).run(id);
  db.prepare(BATCH_CELLS_SQL).run(id);
  db.prepare(`UPDATE payout_batches SET cells_at = ? WHERE id = ?`).run(now, id);
}
