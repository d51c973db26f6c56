import type { ParseArgsConfig } from 'node:util';
import type { ApiErrorBody } from '../../shared/contract';

export type CliValues = Record<string, string | boolean | undefined>;

export interface CliEnv {
  readonly values: CliValues;
  readonly positionals: readonly string[];
  readonly env: NodeJS.ProcessEnv;
}

export type CliOutcome =
  | { ok: true; value: Record<string, unknown>; text: string }
  | {
      ok: false;
      error: ApiErrorBody | { code: 'USAGE' | 'AUDIT_BROKEN'; message: string };
      usage?: boolean;
      details?: unknown;
    };

export interface Command {
  readonly name: string;
  readonly summary: string;
  readonly usage: string;
  readonly options: NonNullable<ParseArgsConfig['options']>;
  run(env: CliEnv): Promise<CliOutcome>;
}

export function usageError(message: string): CliOutcome {
  return { ok: false, usage: true, error: { code: 'USAGE', message } };
}
