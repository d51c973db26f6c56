import { existsSync } from 'node:fs';
import type { AppEvent, SessionUser } from '../../../shared/contract';
import { dataPaths, type DataPaths } from '../../db/paths';
import type { Store } from '../../db/store';

/** Who is calling: one key per window (Electron), per bridge (browser preview) or per CLI run. */
export interface Caller {
  readonly key: string;
}

export interface Session {
  readonly callerKey: string;
  readonly user: SessionUser;
  readonly openedAt: string;
}

export interface AppContextOptions {
  dataDir: string;
  version: string;
}

/**
 * Everything main holds for one data directory: the open store (only while
 * someone is signed in), the sessions and the event listeners. Services get it
 * passed in; there is no global.
 */
export class AppContext {
  readonly paths: DataPaths;
  readonly version: string;
  private store: Store | null = null;
  private readonly sessions = new Map<string, Session>();
  private readonly listeners = new Set<(e: AppEvent) => void>();

  constructor(opts: AppContextOptions) {
    this.paths = dataPaths(opts.dataDir);
    this.version = opts.version;
  }

  isInitialized(): boolean {
    return existsSync(this.paths.keyFile) || existsSync(this.paths.db);
  }

  currentStore(): Store | null {
    return this.store;
  }

  attachStore(store: Store): void {
    this.store = store;
  }

  session(callerKey: string): Session | null {
    return this.sessions.get(callerKey) ?? null;
  }

  openSession(session: Session): void {
    this.sessions.set(session.callerKey, session);
  }

  /** Ends a session; when nobody is left the database is closed and its key leaves memory. */
  closeSession(callerKey: string): void {
    this.sessions.delete(callerKey);
    if (this.sessions.size === 0) {
      this.store?.close();
      this.store = null;
    }
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
    this.store?.close();
    this.store = null;
  }
}
