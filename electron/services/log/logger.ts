import { appendFileSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { LogEntry, LogEvent } from '../../../shared/contract/logs';

/**
 * The support log: unexpected errors, failed backups and jobs, crashed services
 * and windows. It must never carry personal data, so what goes in is an event
 * code, a channel, an error code and a redacted technical detail — never input.
 */
export interface Logger {
  write(entry: Omit<LogEntry, 'time'>): void;
}

export const NO_LOG: Logger = { write: () => undefined };

/** Long digit runs (ID numbers, accounts, phones) and Chinese text (names, addresses) are cut out. */
export function redact(text: string): string {
  return text
    .replace(/\d{6,}[\dXx]?/g, '#')
    .replace(/[\u3400-\u9fff\uf900-\ufaff\u{20000}-\u{2fa1f}]+/gu, '…')
    .slice(0, 4000);
}

/** The error's class, message and stack frames (file and line, no values), redacted. */
export function describeError(e: unknown): string {
  if (e instanceof Error) {
    const code = 'code' in e && typeof e.code === 'string' ? ` [${e.code}]` : '';
    return redact(`${e.name}${code}: ${e.message}\n${(e.stack ?? '').split('\n').slice(1, 12).join('\n')}`);
  }
  return redact(String(e));
}

export const LOG_FILE = 'welfare-desk.log';

/** JSON lines in `dir`, rotated at `maxBytes` keeping `keep` files (welfare-desk.log, .1, .2 …). */
export class FileLogger implements Logger {
  readonly path: string;

  constructor(
    readonly dir: string,
    private readonly opts: { maxBytes?: number; keep?: number; clock?: () => Date } = {},
  ) {
    this.path = join(dir, LOG_FILE);
  }

  write(entry: Omit<LogEntry, 'time'>): void {
    const line = `${JSON.stringify({ time: (this.opts.clock?.() ?? new Date()).toISOString(), ...entry, detail: redact(entry.detail) })}\n`;
    try {
      mkdirSync(this.dir, { recursive: true });
      this.rotate(line.length);
      appendFileSync(this.path, line, { encoding: 'utf8', mode: 0o600 });
    } catch {
      // A log that cannot be written must not break the work it describes.
    }
  }

  private rotate(incoming: number): void {
    const max = this.opts.maxBytes ?? 1024 * 1024;
    const keep = this.opts.keep ?? 5;
    if (!existsSync(this.path) || statSync(this.path).size + incoming <= max) return;
    rmSync(`${this.path}.${String(keep - 1)}`, { force: true });
    for (let i = keep - 2; i >= 1; i--) {
      if (existsSync(`${this.path}.${String(i)}`))
        renameSync(`${this.path}.${String(i)}`, `${this.path}.${String(i + 1)}`);
    }
    renameSync(this.path, `${this.path}.1`);
  }
}

/** The newest entries first, across rotated files. */
export function readRecent(dir: string, limit = 200, keep = 5): LogEntry[] {
  const out: LogEntry[] = [];
  for (let i = 0; i < keep && out.length < limit; i++) {
    const p = join(dir, i === 0 ? LOG_FILE : `${LOG_FILE}.${String(i)}`);
    if (!existsSync(p)) continue;
    const lines = readFileSync(p, 'utf8').split('\n').filter(Boolean).reverse();
    for (const l of lines) {
      try {
        out.push(JSON.parse(l) as LogEntry);
      } catch {
        // A line cut by a crash is skipped.
      }
      if (out.length >= limit) break;
    }
  }
  return out;
}

/** The whole log (oldest first) as one text for support. */
export function logText(dir: string, keep = 5): string {
  const parts: string[] = [];
  for (let i = keep - 1; i >= 0; i--) {
    const p = join(dir, i === 0 ? LOG_FILE : `${LOG_FILE}.${String(i)}`);
    if (existsSync(p)) parts.push(readFileSync(p, 'utf8'));
  }
  return parts.join('');
}

export function logEntry(
  event: LogEvent,
  detail: string,
  extra: Partial<Omit<LogEntry, 'time' | 'event' | 'detail'>> = {},
): Omit<LogEntry, 'time'> {
  return {
    level: extra.level ?? 'error',
    event,
    detail,
    ...(extra.channel ? { channel: extra.channel } : {}),
    ...(extra.code ? { code: extra.code } : {}),
  };
}
