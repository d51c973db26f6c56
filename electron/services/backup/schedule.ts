import type { AppContext } from '../app/context';
import { backupIfDue } from './service';

type Log = (message: string, error?: unknown) => void;

/**
 * The daily backup runs a minute after start-up and then on a ten-minute check
 * while the database is open; a failure is logged, never shown as a crash.
 */
export function startBackupSchedule(ctx: AppContext, log: Log): () => void {
  const tick = () => {
    try {
      const r = backupIfDue(ctx, 'daily');
      if (r?.daily) log(`每日备份已完成：${r.daily}`);
    } catch (e) {
      log('每日备份失败', e);
    }
  };
  const first = setTimeout(tick, 60_000);
  const every = setInterval(tick, 10 * 60_000);
  first.unref();
  every.unref();
  return () => {
    clearTimeout(first);
    clearInterval(every);
  };
}

/** Called while the database is still open, just before the last session closes. */
export function backupOnExit(ctx: AppContext, log: Log): void {
  try {
    backupIfDue(ctx, 'exit');
  } catch (e) {
    log('退出时备份失败', e);
  }
}
