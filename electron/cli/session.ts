import { resolve } from 'node:path';
import type { ChannelName, Input, Output, Result } from '../../shared/contract';
import { createDispatcher } from '../ipc/dispatch';
import { handlers } from '../ipc/handlers';
import { AppContext } from '../services/app/context';
import { APP_VERSION } from '../version';
import { usageError, type CliEnv, type CliOutcome } from './types';

/** A CLI run is one more caller of the same contract, with the same checks as a window. */
export class CliClient {
  readonly app: AppContext;
  private readonly dispatch;
  private readonly caller = { key: 'cli' };

  constructor(dataDir: string) {
    this.app = new AppContext({ dataDir: resolve(dataDir), version: APP_VERSION });
    this.dispatch = createDispatcher(this.app, handlers, {
      logError: (channel, e) => process.stderr.write(`[${channel}] ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`),
    });
  }

  async call<C extends ChannelName>(channel: C, input: Input<C>): Promise<Result<Output<C>>> {
    // The dispatcher validated the input against the contract, so the value is the channel's output.
    return (await this.dispatch(this.caller, channel, input)) as Result<Output<C>>;
  }

  close(): void {
    this.app.close();
  }
}

export function requireData(env: CliEnv): string | CliOutcome {
  const data = env.values.data;
  if (typeof data !== 'string' || data.length === 0) return usageError('缺少 --data 数据目录');
  return data;
}

export function requirePassphrase(env: CliEnv): string | CliOutcome {
  const p = env.env.WELFARE_DESK_PASSPHRASE;
  if (!p) return usageError('请在环境变量 WELFARE_DESK_PASSPHRASE 中提供口令（不接受命令行参数，以免口令留在历史记录中）');
  return p;
}

export function failed(result: { ok: false; error: { code: string; message: string } }): CliOutcome {
  return { ok: false, error: { code: result.error.code as 'INTERNAL', message: result.error.message } };
}
