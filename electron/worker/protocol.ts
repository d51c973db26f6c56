import type { AppEvent } from '../../shared/contract';
import type { LogEntry } from '../../shared/contract/logs';

/**
 * Messages between the thread that owns windows, dialogs and printing (Electron's
 * main thread, or the browser preview's HTTP server) and the services worker that
 * owns the database, the dispatcher and the jobs. Everything is structured-cloned;
 * nothing here may hold a function or a native handle.
 */

export interface WorkerInit {
  dataDir: string;
  version: string;
  /** Shared cancel flags: the host sets one while the worker is busy in a transaction. */
  cancelBuffer: SharedArrayBuffer;
  /** Set to 1 once the database is closed, so a host that cannot wait for messages (Windows session end) can block on it. */
  closedBuffer: SharedArrayBuffer;
  logDir: string | null;
  /** Daily and exit backups, as the desktop app runs them. */
  autoBackup: boolean;
  /** What the host's print engine can do (none: printing is refused). */
  printing: { pdf: boolean; print: boolean; printers: boolean };
  /** Test-only inspection of the open database (the e2e tests count rows). */
  testHooks: boolean;
  /** The desktop app chooses its data folder at setup; the preview and CLI are given one. */
  location: { defaultDir: string } | null;
}

export type PortMethod = 'chooseFolder' | 'chooseSaveFile' | 'pdf' | 'print' | 'printers' | 'chooseDataLocation';

export type ToWorker =
  | { type: 'invoke'; id: number; callerKey: string; channel: unknown; input: unknown }
  | { type: 'port-result'; id: number; ok: true; value: unknown }
  | { type: 'port-result'; id: number; ok: false; code: string | null; message: string }
  | { type: 'shutdown' }
  | { type: 'inspect'; id: number; sql: string; params: unknown[] }
  | { type: 'state'; id: number }
  /** Test hook: the worker dies as a crash would kill it. */
  | { type: 'crash' };

export type FromWorker =
  | { type: 'ready' }
  /** The envelope as JSON text: a relay sends it on as it is, without building or walking its object graph. */
  | { type: 'result'; id: number; json: string }
  | { type: 'event'; event: AppEvent }
  | { type: 'job-slot'; jobId: string; slot: number | null; owner: string }
  | { type: 'port'; id: number; method: PortMethod; args: unknown[] }
  | { type: 'log'; entry: Omit<LogEntry, 'time'> }
  | { type: 'inspected'; id: number; rows: unknown[] | null; error?: string }
  | { type: 'state-of'; id: number; initialized: boolean; storeOpen: boolean; sessions: number }
  | { type: 'closed' };
