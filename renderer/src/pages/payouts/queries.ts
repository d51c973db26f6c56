import { ApiError } from '../../api/client';
import { useQueryClient } from '@tanstack/react-query';

/** Query keys of this page; any batch action invalidates them all. */
export const payoutKeys = {
  list: ['payout.list'] as const,
  batch: (id: number) => ['payout.get', id] as const,
  diff: (id: number) => ['payout.diff', id] as const,
  recoveries: ['payout.recoveries'] as const,
};

export function useRefreshPayouts() {
  const qc = useQueryClient();
  return () => {
    void qc.invalidateQueries({ queryKey: payoutKeys.list });
    void qc.invalidateQueries({ queryKey: ['payout.get'] });
    void qc.invalidateQueries({ queryKey: ['payout.diff'] });
    void qc.invalidateQueries({ queryKey: payoutKeys.recoveries });
  };
}

/** The user closed the save dialog: nothing to report. */
export const wasCancelled = (e: unknown) => e instanceof ApiError && e.code === 'CANCELLED';
