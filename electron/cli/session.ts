import { resolve } from 'node:path';
import type { ApiErrorBody, ChannelName, Input, JobInfo, Output, Result } from '../../shared/contract';
import { createDispatcher } from '../ipc/dispatch';
import { handlers } from '../ipc/handlers';
import { AppContext } from '../services/app/context';
import { ChromiumPrintEngine } from '../services/print/chromium';
import { APP_VERSION } from '../version';
import { usageError, type CliEnv, type CliOutcome } from './types';

/** A CLI run is one more caller of the same contract, with the same checks as a window. */
export interface CliClientOptions {
  /** `--out FILE`: the answer to every save dialog of this run. */
  saveTo?: string;
  /** `--out DIR`: the answer to every folder dialog of this run. */
  folder?: string;
  /** `--force`: replacing an existing `--out` file is allowed. */
  force?: boolean;
  /** Where job progress goes; by default stderr when it is a terminal. */
  progress?: (text: string) => void;
}

/** One progress line, rewritten in place (\r) while the job runs and ended with a newline when it stops. */
export function progressLine(j: JobInfo): string {
  const pct = j.total > 0 ? Math.floor((j.done / j.total) * 100) : 0;
  const count = j.total > 1 ? ` ${String(j.done)}/${String(j.total)}` : '';
  const eta = j.etaSeconds !== null && j.etaSeconds > 0 ? `，预计还需 ${String(j.etaSeconds)} 秒` : '';
  if (j.state === 'running') return `\r${j.title}：${j.phase}${count}（${String(pct)}%${eta}）\u001b[K`;
  const end = j.state === 'done' ? '完成' : (j.message ?? (j.state === 'cancelled' ? '已取消' : '失败'));
  return `\r${j.title}：${end}\u001b[K\n`;
}

export class CliClient {
  readonly app: AppContext;
  private readonly dispatch;
  private readonly caller = { key: 'cli' };
  private readonly printing = new ChromiumPrintEngine();

  constructor(dataDir: string, opts: CliClientOptions = {}) {
    const saveTo = opts.saveTo ? { path: resolve(opts.saveTo), overwrite: opts.force === true } : null;
    this.app = new AppContext({
      dataDir: resolve(dataDir),
      version: APP_VERSION,
      // The browser starts only when a command prints.
      printing: this.printing,
      dialogs: {
        chooseFolder: () => Promise.resolve(opts.folder ? resolve(opts.folder) : null),
        chooseSaveFile: () => Promise.resolve(saveTo),
      },
    });
    // A terminal sees the same progress as the window's bar, on stderr so --json stays one object on stdout.
    const progress =
      opts.progress ??
      (process.stderr.isTTY || process.env.WELFARE_DESK_PROGRESS === '1'
        ? (t: string) => process.stderr.write(t)
        : null);
    if (progress) this.app.onEvent((e) => (e.type === 'job' ? progress(progressLine(e)) : undefined));
    this.dispatch = createDispatcher(this.app, handlers, {
      logError: (channel, e) =>
        process.stderr.write(`[${channel}] ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`),
    });
  }

  async call<C extends ChannelName>(channel: C, input: Input<C>): Promise<Result<Output<C>>> {
    // The dispatcher validated the input against the contract, so the value is the channel's output.
    return (await this.dispatch(this.caller, channel, input)) as Result<Output<C>>;
  }

  close(): void {
    this.app.close();
  }

  /** Stops the browser if a command printed, so the process can exit. */
  closePrinting(): Promise<void> {
    return this.printing.close();
  }
}

export const PASSWORD_ENV = 'WELFARE_DESK_PASSWORD';
export const NEW_PASSWORD_ENV = 'WELFARE_DESK_NEW_PASSWORD';
export const RECOVERY_ENV = 'WELFARE_DESK_RECOVERY';

export function requireData(env: CliEnv): string | CliOutcome {
  const data = env.values.data;
  if (typeof data !== 'string' || data.length === 0) return usageError('缺少 --data 数据目录');
  return data;
}

export function requireEnv(env: CliEnv, name: string, what: string): string | CliOutcome {
  const value = env.env[name];
  if (!value) return usageError(`请在环境变量 ${name} 中提供${what}（不接受命令行参数，以免留在历史记录中）`);
  return value;
}

/** An envelope refusal as CLI output; `details` (e.g. the field code CERT_MISMATCH) stay with it. */
export function failed(result: { ok: false; error: ApiErrorBody }): CliOutcome {
  const { details, ...error } = result.error;
  return details === undefined ? { ok: false, error } : { ok: false, error, details };
}

export const signInOptions = { data: { type: 'string' }, user: { type: 'string' } } as const;
/** `--out FILE` and `--force` (replace an existing file) for every command that writes one. */
export const outOptions = { out: { type: 'string' }, force: { type: 'boolean' } } as const;

/**
 * Opens a client for `--data` and signs in as `--user` with WELFARE_DESK_PASSWORD.
 * Runs `body` and always closes the database.
 */
export async function withSignedIn(
  env: CliEnv,
  body: (client: CliClient) => Promise<CliOutcome>,
  opts: CliClientOptions = {},
): Promise<CliOutcome> {
  const data = requireData(env);
  if (typeof data !== 'string') return data;
  const user = env.values.user;
  if (typeof user !== 'string' || !user) return usageError('缺少 --user 用户名');
  const password = requireEnv(env, PASSWORD_ENV, '密码');
  if (typeof password !== 'string') return password;
  const client = new CliClient(data, { force: env.values.force === true, ...opts });
  try {
    const login = await client.call('session.login', { username: user, password });
    if (!login.ok) return failed(login);
    const outcome = await body(client);
    if (client.app.session('cli')) await client.call('session.logout', {});
    return outcome;
  } finally {
    client.close();
    await client.closePrinting();
  }
}
