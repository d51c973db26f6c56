import type { ErrorCode } from './errors';

export interface ApiErrorBody {
  code: ErrorCode;
  /** Chinese, ready to show to the user. */
  message: string;
  details?: unknown;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: ApiErrorBody };

export function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}

export function fail(error: ApiErrorBody): Result<never> {
  return { ok: false, error };
}
