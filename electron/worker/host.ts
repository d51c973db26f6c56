import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Worker } from 'node:worker_threads';
import { errorMessages, type AppEvent, type Result } from '../../shared/contract';
import { isAppError } from '../errors';
import type { DialogPort } from '../services/app/context';
import { CancelFlags } from '../services/jobs/runner';
import { describeError, logEntry, type Logger } from '../services/log/logger';
import type { PrintEngine } from '../services/print/engine';
import type { FromWorker, ToWorker, WorkerInit } from './protocol';

/**
 * The thread that keeps the window (or the preview's HTTP server) responsive
 * talks to the services only through this host: invokes and events by message,
 * dialogs and printing answered here, a cancel set straight into shared memory.
 * A worker that dies is reported, every caller told, and a new one started.
 */
export interface ServiceHostOptions {
  dataDir: string;
  version: string;
  dialogs: DialogPort;
  printing: PrintEngine | null;
  onEvent: (event: AppEvent) => void;
  logger: Logger;
  logDir: string | null;
  autoBackup?: boolean;
  testHooks?: boolean;
  /** The desktop app's folder choice at setup: returns the chosen, checked and remembered folder. */
  location?: { defaultDir: string; choose(): Promise<string | null> };
  /** The worker script; by default the built `worker.js` beside this bundle, or the TypeScript source under tsx. */
  worker?: { path: string; execArgv: string[] };
}

export const SERVICE_RESTARTED = { code: 'SERVICE_RESTARTED', message: errorMessages.SERVICE_RESTARTED } as const;

/** A worker script run from source: TypeScript through tsx, with the runtime tsconfig. */
export function sourceWorker(path: string): { path: string; execArgv: string[] } {
  return { path, execArgv: ['--import', 'tsx'] };
}

/** What a worker thread started from this tree needs in its environment (tsx finds its tsconfig). */
export function workerEnv(): NodeJS.ProcessEnv {
  return {
    ...process.env,
    TSX_TSCONFIG_PATH: process.env.TSX_TSCONFIG_PATH ?? resolve(__dirname, '../../tsconfig.runtime.json'),
  };
}

/** The built worker beside the main bundle, or, running from source (tsx, tests), the TypeScript entry. */
export function defaultWorker(): { path: string; execArgv: string[] } {
  const built = join(__dirname, 'worker.js');
  if (!__filename.endsWith('.ts') && existsSync(built)) return { path: built, execArgv: [] };
  return sourceWorker(resolve(__dirname, 'entry.ts'));
}

/** A request's answer; a crash answers every kind of request with the same envelope. */
type Pending = { resolve: (r: unknown) => void; fail: (envelope: Result<never>) => void };

export class ServiceHost {
  private worker: Worker | null = null;
  private readonly flags = new CancelFlags();
  private closedFlag = new Int32Array(new SharedArrayBuffer(4));
  private readonly slots = new Map<string, { slot: number; owner: string }>();
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private closing = false;
  private crashes: number[] = [];
  private ready: Promise<void> = Promise.resolve();
  private dataDir: string;
  /** Set when the folder was changed at setup: the worker restarts on it after the answer is delivered. */
  private relocateTo: string | null = null;

  constructor(private readonly opts: ServiceHostOptions) {
    this.dataDir = opts.dataDir;
  }

  get currentDataDir(): string {
    return this.dataDir;
  }

  start(): Promise<void> {
    const spec = this.opts.worker ?? defaultWorker();
    this.closedFlag = new Int32Array(new SharedArrayBuffer(4));
    const init: WorkerInit = {
      dataDir: this.dataDir,
      version: this.opts.version,
      cancelBuffer: this.flags.buffer,
      closedBuffer: this.closedFlag.buffer as SharedArrayBuffer,
      logDir: this.opts.logDir,
      autoBackup: this.opts.autoBackup ?? false,
      printing: {
        pdf: this.opts.printing !== null,
        print: typeof this.opts.printing?.print === 'function',
        printers: typeof this.opts.printing?.printers === 'function',
      },
      testHooks: this.opts.testHooks ?? false,
      location: this.opts.location ? { defaultDir: this.opts.location.defaultDir } : null,
    };
    const w = new Worker(spec.path, {
      workerData: init,
      execArgv: spec.execArgv,
      env: workerEnv(),
    });
    this.worker = w;
    this.ready = new Promise<void>((ok, fail) => {
      const onMessage = (m: FromWorker) => {
        if (m.type === 'ready') {
          w.off('error', fail);
          ok();
        }
      };
      w.on('message', onMessage);
      w.once('error', fail);
    });
    w.on('message', (m: FromWorker) => this.receive(w, m));
    w.on('error', (e) => this.opts.logger.write(logEntry('service.crashed', describeError(e))));
    w.on('exit', (code) => this.exited(w, code));
    return this.ready;
  }

  /** One call of the contract, answered by the worker, as an envelope object. */
  async invoke(callerKey: string, channel: unknown, input: unknown): Promise<Result<unknown>> {
    return JSON.parse(await this.invokeJson(callerKey, channel, input)) as Result<unknown>;
  }

  /**
   * The same call, its envelope as JSON text, for a relay (the IPC handler, the
   * preview's HTTP) to send on: a 50,000-row report is never rebuilt as objects on
   * this thread. A cancel is set directly, even while the worker is busy.
   */
  async invokeJson(callerKey: string, channel: unknown, input: unknown): Promise<string> {
    if (channel === 'job.cancel' && typeof input === 'object' && input !== null && 'jobId' in input) {
      const job = this.slots.get(String(input.jobId));
      if (job && job.owner === callerKey) {
        this.flags.set(job.slot);
        return JSON.stringify({ ok: true, value: { cancelled: true } });
      }
    }
    await this.ready;
    const result = await this.request<string>((id) => ({ type: 'invoke', id, callerKey, channel, input }));
    if (this.relocateTo) {
      const dir = this.relocateTo;
      this.relocateTo = null;
      await this.restartOn(dir);
    }
    return result;
  }

  private async restartOn(dir: string): Promise<void> {
    await this.close();
    this.closing = false;
    this.dataDir = dir;
    await this.start();
  }

  /** Test hook: rows of a read-only query on the open database (null when none is open). */
  inspect<T = Record<string, unknown>>(sql: string, ...params: unknown[]): Promise<T[] | null> {
    return this.request<T[] | null>((id) => ({ type: 'inspect', id, sql, params }));
  }

  /** Test hook: makes the worker die as a crash would (honoured only with testHooks). */
  crashForTest(): void {
    this.post({ type: 'crash' });
  }

  state(): Promise<{ initialized: boolean; storeOpen: boolean; sessions: number }> {
    return this.request((id) => ({ type: 'state', id }));
  }

  /** Backs up (if scheduled), closes the database cleanly and stops the worker. */
  async close(timeoutMs = 15_000): Promise<void> {
    this.closing = true;
    const w = this.worker;
    if (!w) return;
    await new Promise<void>((done) => {
      const timer = setTimeout(() => void w.terminate().then(() => done()), timeoutMs);
      w.on('message', (m: FromWorker) => {
        if (m.type === 'closed') {
          clearTimeout(timer);
          void w.terminate().then(() => done());
        }
      });
      this.post({ type: 'shutdown' });
    });
    this.worker = null;
  }

  /**
   * For the moment the operating system ends the session: blocks this thread until
   * the worker has closed the database (or the time is up). Nothing else may run then.
   */
  closeSync(timeoutMs: number): boolean {
    this.closing = true;
    if (!this.worker) return true;
    this.post({ type: 'shutdown' });
    return Atomics.wait(this.closedFlag, 0, 0, timeoutMs) !== 'timed-out';
  }

  private request<T>(make: (id: number) => ToWorker): Promise<T> {
    const id = this.nextId++;
    const message = make(id);
    const isInvoke = message.type === 'invoke';
    return new Promise<T>((resolveRequest) => {
      this.pending.set(id, {
        resolve: (r) => resolveRequest(r as T),
        // An invoke is answered as JSON text; inspect and state with nothing.
        fail: (envelope) => resolveRequest((isInvoke ? JSON.stringify(envelope) : null) as T),
      });
      this.post(message);
    });
  }

  private post(m: ToWorker): void {
    this.worker?.postMessage(m);
  }

  private settle(id: number, value: unknown): void {
    const p = this.pending.get(id);
    this.pending.delete(id);
    p?.resolve(value);
  }

  private receive(w: Worker, m: FromWorker): void {
    if (w !== this.worker) return;
    switch (m.type) {
      case 'result':
        return this.settle(m.id, m.json);
      case 'inspected':
        return this.settle(m.id, m.rows);
      case 'state-of':
        return this.settle(m.id, { initialized: m.initialized, storeOpen: m.storeOpen, sessions: m.sessions });
      case 'event':
        return this.opts.onEvent(m.event);
      case 'log':
        return this.opts.logger.write(m.entry);
      case 'job-slot':
        if (m.slot === null) this.slots.delete(m.jobId);
        else this.slots.set(m.jobId, { slot: m.slot, owner: m.owner });
        return;
      case 'port':
        void this.answerPort(m.id, m.method, m.args);
        return;
      default:
        return;
    }
  }

  private async answerPort(id: number, method: string, args: unknown[]): Promise<void> {
    const { dialogs, printing } = this.opts;
    try {
      let value: unknown;
      if (method === 'chooseFolder') value = await dialogs.chooseFolder(String(args[0]));
      else if (method === 'chooseSaveFile')
        value = await dialogs.chooseSaveFile(String(args[0]), String(args[1]), String(args[2]));
      else if (method === 'pdf' && printing)
        value = await printing.pdf(String(args[0]), args[1] as { landscape: boolean });
      else if (method === 'print' && printing?.print) value = await printing.print(String(args[0]), args[1] as never);
      else if (method === 'printers' && printing?.printers) value = await printing.printers();
      else if (method === 'chooseDataLocation' && this.opts.location) {
        const dir = await this.opts.location.choose();
        if (dir) this.relocateTo = dir;
        value = dir;
      } else throw new Error(`no ${method} here`);
      // A PDF is moved, not copied, into the worker: this thread does not pay for its bytes twice.
      const transfer =
        value instanceof Uint8Array && value.byteOffset === 0 && value.byteLength === value.buffer.byteLength
          ? [value.buffer as ArrayBuffer]
          : [];
      this.worker?.postMessage({ type: 'port-result', id, ok: true, value } satisfies ToWorker, transfer);
    } catch (e) {
      this.post({
        type: 'port-result',
        id,
        ok: false,
        code: isAppError(e) ? e.code : null,
        message: e instanceof Error ? e.message : String(e),
      });
    }
  }

  private exited(w: Worker, code: number): void {
    if (w !== this.worker) return;
    this.worker = null;
    this.slots.clear();
    for (const [id, p] of [...this.pending.entries()]) {
      this.pending.delete(id);
      p.fail({ ok: false, error: { ...SERVICE_RESTARTED } });
    }
    if (this.closing) return;
    this.opts.logger.write(logEntry('service.crashed', `worker exited with code ${String(code)}`));
    const now = Date.now();
    this.crashes = [...this.crashes.filter((t) => now - t < 60_000), now];
    // Every session died with the worker; the window goes back to the sign-in page and says why.
    this.opts.onEvent({ type: 'session.ended', reason: 'restarted' });
    if (this.crashes.length > 5) {
      this.opts.onEvent({ type: 'service.failed' });
      return;
    }
    void this.start().catch((e: unknown) => this.opts.logger.write(logEntry('service.crashed', describeError(e))));
  }
}
