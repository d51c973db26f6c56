import { parentPort, workerData } from 'node:worker_threads';
import { installChineseErrors } from '../../shared/contract';
import { AppError } from '../errors';
import { createDispatcher } from '../ipc/dispatch';
import { handlers } from '../ipc/handlers';
import { AppContext, type DialogPort, type LocationPort } from '../services/app/context';
import { backupOnExit, startBackupSchedule } from '../services/backup/schedule';
import type { SaveTarget } from '../services/files/output';
import { CancelFlags } from '../services/jobs/runner';
import { describeError, logEntry, type Logger } from '../services/log/logger';
import type { PrintEngine, PrinterInfo, PrintOutcome } from '../services/print/engine';
import type { FromWorker, PortMethod, ToWorker, WorkerInit } from './protocol';

/**
 * The services worker: the database, the dispatcher, the jobs and the backup
 * schedule live here, off the thread that keeps the window responsive. Dialogs
 * and printing belong to that thread and are asked for by message.
 */
const port = parentPort;
if (!port) throw new Error('electron/worker/entry.ts runs only as a worker thread');
const init = workerData as WorkerInit;
const post = (m: FromWorker) => port.postMessage(m);
const closed = new Int32Array(init.closedBuffer);

let nextId = 1;
const waiting = new Map<number, { resolve: (v: unknown) => void; reject: (e: unknown) => void }>();

function ask<T>(method: PortMethod, ...args: unknown[]): Promise<T> {
  const id = nextId++;
  return new Promise<T>((resolve, reject) => {
    waiting.set(id, { resolve: (v) => resolve(v as T), reject });
    post({ type: 'port', id, method, args });
  });
}

const dialogs: DialogPort = {
  chooseFolder: (title) => ask<string | null>('chooseFolder', title),
  chooseSaveFile: (title, name, ext) => ask<SaveTarget | null>('chooseSaveFile', title, name, ext),
};

const printing: PrintEngine | undefined = init.printing.pdf
  ? {
      pdf: async (html, opts) => Buffer.from(await ask<Uint8Array>('pdf', html, opts)),
      ...(init.printing.print ? { print: (html, opts) => ask<PrintOutcome>('print', html, opts) } : {}),
      ...(init.printing.printers ? { printers: () => ask<PrinterInfo[]>('printers') } : {}),
    }
  : undefined;

const location: LocationPort | undefined = init.location
  ? {
      choose: () => ask<string | null>('chooseDataLocation'),
      isDefault: (dir) => dir === init.location?.defaultDir,
    }
  : undefined;

const logger: Logger = { write: (entry) => post({ type: 'log', entry }) };

installChineseErrors();
const app = new AppContext({
  dataDir: init.dataDir,
  version: init.version,
  dialogs,
  ...(printing ? { printing } : {}),
  cancelFlags: new CancelFlags(init.cancelBuffer),
  onJobSlot: (jobId, slot, owner) => post({ type: 'job-slot', jobId, slot, owner }),
  logger,
  ...(init.logDir ? { logDir: init.logDir } : {}),
  ...(location ? { location } : {}),
});
app.onEvent((event) => post({ type: 'event', event }));
const dispatch = createDispatcher(app, handlers);
const backupLog = (message: string, error?: unknown) =>
  logger.write(
    error === undefined
      ? logEntry('backup.done', message, { level: 'info' })
      : logEntry('backup.failed', `${message}: ${describeError(error)}`),
  );
const stopSchedule = init.autoBackup ? startBackupSchedule(app, backupLog) : () => undefined;

port.on('message', (m: ToWorker) => {
  switch (m.type) {
    case 'invoke':
      void dispatch({ key: m.callerKey }, m.channel, m.input).then((result) => {
        let json: string;
        try {
          json = JSON.stringify(result);
        } catch (e) {
          // A value JSON cannot carry is a defect, told as INTERNAL, never a hang.
          logger.write(logEntry('internal', describeError(e), { channel: String(m.channel) }));
          json = JSON.stringify({ ok: false, error: { code: 'INTERNAL', message: '程序内部错误，请联系管理员' } });
        }
        post({ type: 'result', id: m.id, json });
      });
      return;
    case 'port-result': {
      const w = waiting.get(m.id);
      waiting.delete(m.id);
      if (!w) return;
      if (m.ok) w.resolve(m.value);
      else w.reject(m.code ? new AppError(m.code as never, m.message) : new Error(m.message));
      return;
    }
    case 'inspect': {
      if (!init.testHooks) return post({ type: 'inspected', id: m.id, rows: null, error: 'disabled' });
      const store = app.currentStore();
      try {
        const rows = store ? store.raw.prepare(m.sql).all(...m.params) : null;
        post({ type: 'inspected', id: m.id, rows });
      } catch (e) {
        post({ type: 'inspected', id: m.id, rows: null, error: String(e) });
      }
      return;
    }
    case 'state':
      post({
        type: 'state-of',
        id: m.id,
        initialized: app.isInitialized(),
        storeOpen: app.currentStore() !== null,
        sessions: app.allSessions().length,
      });
      return;
    case 'crash':
      if (init.testHooks) process.exit(70);
      return;
    case 'shutdown':
      stopSchedule();
      // Backed up while the database is still open, then closed cleanly (WAL checkpointed).
      if (init.autoBackup) backupOnExit(app, backupLog);
      app.close();
      Atomics.store(closed, 0, 1);
      Atomics.notify(closed, 0);
      post({ type: 'closed' });
      return;
  }
});

post({ type: 'ready' });
