import { BATCH_CELLS_SQL } from '../../db/migrations/0017-batch-cells';
import { rawQuery } from '../../db/raw';
import type { WritableStore } from '../../db/store';

/**
 * Sums a committed batch's lines into its money cells (0017) inside the caller's
 * transaction: at lock, after a bank return, and for the demo's history. Any
 * later change to a line clears `cells_at` by trigger, so the reports fall back
 * to the lines rather than read stale cells.
 */
export function sumBatchCells(w: WritableStore, batchId: number, now: string): void {
  w.run(rawQuery(`DELETE FROM payout_batch_cells WHERE batch_id = ?`, batchId));
  w.run(rawQuery(BATCH_CELLS_SQL, batchId));
  w.run(rawQuery(`UPDATE payout_batches SET cells_at = ? WHERE id = ?`, now, batchId));
}
