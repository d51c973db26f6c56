import { existsSync } from 'node:fs';
import dayjs from 'dayjs';
import { defaultSettings, type AppEvent, type SessionUser, type Settings } from '../../../shared/contract';
import { dbHead, makeAnchor, writeAnchor } from '../../db/anchor';
import { dataPaths, type DataPaths } from '../../db/paths';
import type { Store } from '../../db/store';
import type { SaveTarget } from '../files/output';
import type { PrintEngine } from '../print/engine';
import { CancelFlags, JobRunner } from '../jobs/runner';
import { describeError, logEntry, NO_LOG, type Logger } from '../log/logger';
import { isAppError } from '../../errors';
import { UploadStore } from '../uploads/store';

/** Who is calling: one key per window (Electron), per bridge (browser preview) or per CLI run. */
export interface Caller {
  readonly key: string;
}

export interface Session {
  readonly callerKey: string;
  /** Replaced when an administrator changes this user's roles. */
  user: SessionUser;
  readonly openedAt: string;
  lastActivity: number;
  /** Locked by the user or the idle timer: only unlock and sign-out are accepted. */
  locked: boolean;
}

/** Folder pickers: Electron shows a dialog; the browser preview and tests answer from configuration. */
export interface DialogPort {
  chooseFolder(title: string): Promise<string | null>;
  /**
   * Where to write `suggestedName`, or null when the user cancels. `overwrite` is
   * true only when the user confirmed replacing an existing file (the native
   * dialog asks; the CLI needs `--force`).
   */
  chooseSaveFile(title: string, suggestedName: string, extension: string): Promise<SaveTarget | null>;
}

/** The desktop app lets the administrator pick the data folder at setup; elsewhere it is given. */
export interface LocationPort {
  /** The folder dialog, checked (local disk, empty or ours) and remembered; null when cancelled. */
  choose(): Promise<string | null>;
  isDefault(dir: string): boolean;
}

export interface AppContextOptions {
  dataDir: string;
  version: string;
  clock?: () => Date;
  dialogs?: DialogPort;
  /** Hidden-window printing in the app, headless Chromium in the preview, CLI and tests; none: printing refused. */
  printing?: PrintEngine;
  /** Shared cancel flags when a relay in another thread cancels jobs (the services worker). */
  cancelFlags?: CancelFlags;
  onJobSlot?: (jobId: string, slot: number | null, owner: string) => void;
  /** The support log; its folder is never inside the data directory. */
  logger?: Logger;
  logDir?: string;
  location?: LocationPort;
}

/**
 * Everything main holds for one data directory: the open store and its key (only
 * while someone is signed in), the sessions and the event listeners. Services get
 * it passed in; there is no global.
 */
export class AppContext {
  readonly paths: DataPaths;
  readonly version: string;
  readonly clock: () => Date;
  readonly dialogs: DialogPort | null;
  readonly printing: PrintEngine | null;
  readonly jobs: JobRunner;
  readonly logger: Logger;
  /** Where the support log is read from (系统管理 → 运行日志); null when none is kept. */
  readonly logDir: string | null;
  readonly location: LocationPort | null;
  /** Files the wizard sent in chunks, per session, in memory only. */
  readonly uploads: UploadStore;
  settings: Settings = defaultSettings;
  private store: Store | null = null;
  private dbKey: Buffer | null = null;
  private readonly sessions = new Map<string, Session>();
  private readonly listeners = new Set<(e: AppEvent) => void>();

  constructor(opts: AppContextOptions) {
    this.paths = dataPaths(opts.dataDir);
    this.version = opts.version;
    this.clock = opts.clock ?? (() => new Date());
    this.dialogs = opts.dialogs ?? null;
    this.printing = opts.printing ?? null;
    this.logger = opts.logger ?? NO_LOG;
    this.logDir = opts.logDir ?? null;
    this.location = opts.location ?? null;
    this.uploads = new UploadStore(() => this.clock().getTime());
    this.jobs = new JobRunner(
      (e) => this.emit(e),
      () => Date.now(),
      opts.cancelFlags ?? new CancelFlags(),
      {
        onSlot: opts.onJobSlot,
        onFailed: (info, e) =>
          this.logger.write(
            logEntry('job.failed', `${info.title}: ${describeError(e)}`, { code: isAppError(e) ? e.code : 'INTERNAL' }),
          ),
      },
    );
  }

  /** Today's date on this computer's calendar (a Beijing morning is still yesterday in UTC). */
  today(): string {
    return dayjs(this.clock()).format('YYYY-MM-DD');
  }

  isInitialized(): boolean {
    return existsSync(this.paths.keyFile) || existsSync(this.paths.db);
  }

  currentStore(): Store | null {
    return this.store;
  }

  /** The open database key; the context keeps its own copy and wipes it on close. */
  currentKey(): Buffer | null {
    return this.dbKey;
  }

  attachStore(store: Store, key: Buffer): void {
    this.store = store;
    this.dbKey = Buffer.from(key);
    // The live register (never a copy being checked): a clean close leaves the seal for the next open.
    store.sealOnClose = true;
    store.afterAudit = () => this.writeAnchor();
  }

  /** The audit anchor follows the head after every audited commit; a failure to write it is logged, not fatal. */
  writeAnchor(): void {
    const store = this.store;
    const key = this.dbKey;
    if (!store || !key) return;
    try {
      writeAnchor(this.paths.anchor, makeAnchor(key, dbHead(store.raw)));
    } catch (e) {
      this.logger.write(logEntry('anchor.failed', describeError(e), {}));
    }
  }

  /** Closes the database and forgets its key (restore and rekey reopen it). */
  detachStore(): void {
    this.store?.close();
    this.store = null;
    this.dbKey?.fill(0);
    this.dbKey = null;
  }

  session(callerKey: string): Session | null {
    return this.sessions.get(callerKey) ?? null;
  }

  openSession(callerKey: string, user: SessionUser): Session {
    this.uploads.dropCaller(callerKey);
    const session: Session = {
      callerKey,
      user,
      openedAt: this.clock().toISOString(),
      lastActivity: this.clock().getTime(),
      locked: false,
    };
    this.sessions.set(callerKey, session);
    return session;
  }

  /** True when the session has been idle longer than the setting allows. */
  idleExpired(session: Session): boolean {
    return this.clock().getTime() - session.lastActivity > this.settings.idleLockMinutes * 60_000;
  }

  allSessions(): Session[] {
    return [...this.sessions.values()];
  }

  /** Ends a session; when nobody is left the database is closed and its key leaves memory. */
  closeSession(callerKey: string): void {
    this.sessions.delete(callerKey);
    this.uploads.dropCaller(callerKey);
    if (this.sessions.size === 0) this.detachStore();
  }

  onEvent(listener: (e: AppEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit(event: AppEvent): void {
    for (const l of this.listeners) l(event);
  }

  close(): void {
    this.sessions.clear();
    this.uploads.clear();
    this.detachStore();
  }
}
