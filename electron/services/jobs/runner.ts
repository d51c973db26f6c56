import { randomUUID } from 'node:crypto';
import { jobKindLabels, type AppEvent, type JobInfo, type JobKind } from '../../../shared/contract';
import { AppError, isAppError } from '../../errors';

/**
 * One running job as its work sees it. `step` reports progress and is the
 * cancellation point: called between chunks (inside a write transaction or
 * between chunks of a file), it throws CANCELLED once the user has cancelled, so
 * the transaction rolls back or the partial file is removed.
 */
export interface Job {
  readonly id: string;
  step(done: number, total: number, phase?: string): void;
  throwIfCancelled(): void;
  readonly cancelled: boolean;
}

/** For work called outside a job (tests, internal callers): reports nowhere, never cancelled. */
export const NO_JOB: Job = {
  id: 'none',
  step: () => undefined,
  throwIfCancelled: () => undefined,
  cancelled: false,
};

/**
 * Cancel flags in shared memory: the services may run in a worker that is busy
 * inside a synchronous transaction; the thread relaying the user's 取消 sets the
 * flag directly and the job sees it at its next step.
 */
export class CancelFlags {
  readonly flags: Int32Array;
  private readonly free: number[];

  constructor(buffer: SharedArrayBuffer = new SharedArrayBuffer(64 * 4)) {
    this.flags = new Int32Array(buffer);
    this.free = Array.from({ length: this.flags.length }, (_, i) => i);
  }

  get buffer(): SharedArrayBuffer {
    return this.flags.buffer as SharedArrayBuffer;
  }

  allocate(): number {
    const slot = this.free.shift();
    if (slot === undefined) throw new AppError('JOB_RUNNING', '同时进行的任务太多，请等其他任务完成后再试');
    Atomics.store(this.flags, slot, 0);
    return slot;
  }

  release(slot: number): void {
    Atomics.store(this.flags, slot, 0);
    this.free.push(slot);
  }

  set(slot: number): void {
    Atomics.store(this.flags, slot, 1);
  }

  isSet(slot: number): boolean {
    return Atomics.load(this.flags, slot) === 1;
  }
}

export interface JobSpec {
  readonly id?: string | undefined;
  readonly kind: JobKind;
  readonly title: string;
  /** Shown when the job is cancelled: what was kept (nothing). */
  readonly cancelled: string;
  /** The caller that started it; only the same caller may cancel it from outside. */
  readonly owner?: string;
}

interface Running {
  info: JobInfo;
  slot: number;
  startedAt: number;
  lastEmit: number;
}

const EMIT_EVERY_MS = 150;

export class JobRunner {
  private readonly running = new Map<string, Running>();

  constructor(
    private readonly emit: (e: AppEvent) => void,
    private readonly now: () => number = () => Date.now(),
    readonly cancelFlags: CancelFlags = new CancelFlags(),
    private readonly hooks: {
      /** Told which shared slot a job uses (and whose it is), so a relay outside this thread can cancel it. */
      onSlot?: ((jobId: string, slot: number | null, owner: string) => void) | undefined;
      /** A job that failed for a reason other than a cancel: for the support log. */
      onFailed?: (info: JobInfo, e: unknown) => void;
    } = {},
  ) {}

  list(): JobInfo[] {
    return [...this.running.values()].map((r) => ({ ...r.info }));
  }

  /** True when the job was running and is now marked for cancellation. */
  cancel(jobId: string): boolean {
    const r = this.running.get(jobId);
    if (!r) return false;
    this.cancelFlags.set(r.slot);
    return true;
  }

  async run<T>(spec: JobSpec, work: (job: Job) => T | Promise<T>): Promise<T> {
    const id = spec.id ?? randomUUID();
    if (this.running.has(id)) throw new AppError('JOB_RUNNING', '该任务编号正在使用');
    for (const r of this.running.values()) {
      if (r.info.kind === spec.kind) {
        throw new AppError(
          'JOB_RUNNING',
          `已有一个“${r.info.title}”任务正在进行（${jobKindLabels[spec.kind]}同时只能进行一个），请等它完成或取消后再试`,
        );
      }
    }
    const slot = this.cancelFlags.allocate();
    const started = this.now();
    const r: Running = {
      info: {
        jobId: id,
        kind: spec.kind,
        title: spec.title,
        state: 'running',
        done: 0,
        total: 0,
        phase: '准备',
        etaSeconds: null,
      },
      slot,
      startedAt: started,
      lastEmit: 0,
    };
    this.running.set(id, r);
    this.hooks.onSlot?.(id, slot, spec.owner ?? '');
    this.send(r, true);
    const flags = this.cancelFlags;
    const cancelledError = () => new AppError('CANCELLED', spec.cancelled);
    const job: Job = {
      id,
      get cancelled() {
        return flags.isSet(slot);
      },
      throwIfCancelled: () => {
        if (flags.isSet(slot)) throw cancelledError();
      },
      step: (done, total, phase) => {
        if (flags.isSet(slot)) throw cancelledError();
        const newPhase = phase !== undefined && phase !== r.info.phase;
        r.info.done = done;
        r.info.total = total;
        if (phase !== undefined) r.info.phase = phase;
        const t = this.now();
        const elapsed = (t - r.startedAt) / 1000;
        r.info.etaSeconds =
          done > 0 && total > done && elapsed >= 1 ? Math.round((elapsed * (total - done)) / done) : null;
        this.send(r, newPhase);
      },
    };
    try {
      const value = await work(job);
      // Cancelled after the last step but before the end: the work finished whole, so it stands.
      r.info.state = 'done';
      r.info.done = r.info.total;
      r.info.etaSeconds = 0;
      this.send(r, true);
      return value;
    } catch (e) {
      const cancelled = isAppError(e) && e.code === 'CANCELLED';
      r.info.state = cancelled ? 'cancelled' : 'failed';
      r.info.message = isAppError(e) ? e.message : '程序内部错误，请联系管理员';
      r.info.etaSeconds = null;
      this.send(r, true);
      if (!cancelled && !(isAppError(e) && e.code !== 'INTERNAL')) this.hooks.onFailed?.({ ...r.info }, e);
      throw e;
    } finally {
      this.running.delete(id);
      this.hooks.onSlot?.(id, null, spec.owner ?? '');
      this.cancelFlags.release(slot);
    }
  }

  private send(r: Running, force: boolean): void {
    const t = this.now();
    if (!force && r.info.done !== r.info.total && t - r.lastEmit < EMIT_EVERY_MS) return;
    r.lastEmit = t;
    this.emit({ type: 'job', ...r.info });
  }
}
