import type { RestoreResult } from '../../../shared/contract';
import { AppError, isAppError } from '../../errors';
import type { AppContext } from '../app/context';
import {
  lockedMinutes,
  readLoginState,
  recordFailure,
  recordRefusedWhileLocked,
  writeLoginState,
} from '../auth/lockout';
import { restoreBackup } from './restore';

/** Failed rescue attempts count under their own name: guessing here is guessing at the backup's slots. */
const RESCUE_LOCK = '#rescue';

export interface RescueInput {
  username?: string | undefined;
  password?: string | undefined;
  recoveryCode?: string | undefined;
}

/** The lock record when the keyring still reads; a missing or broken keyring is why we are here. */
function loginState(ctx: AppContext) {
  try {
    return readLoginState(ctx.paths, ctx.clock());
  } catch {
    return null;
  }
}

/**
 * Restores a backup when nobody can sign in. Only with no database open: a signed-in
 * administrator uses 数据备份. Proven by an active administrator's password in the
 * backup's own keyring (checked against the backup's users) or by the recovery code.
 */
export function rescueRestore(ctx: AppContext, folder: string, input: RescueInput, channel: string): RestoreResult {
  if (ctx.currentStore()) throw new AppError('FORBIDDEN', '数据库已打开：请登录后在“数据备份”中恢复');
  const state = loginState(ctx);
  const minutes = state ? lockedMinutes(state, RESCUE_LOCK, ctx.clock()) : 0;
  if (state && minutes > 0) {
    recordRefusedWhileLocked(state, RESCUE_LOCK, ctx.clock());
    writeLoginState(ctx.paths, state);
    throw new AppError('USER_LOCKED', `多次输入错误，恢复功能已锁定，请 ${minutes} 分钟后再试`, { minutes });
  }
  try {
    return restoreBackup(ctx, folder, {
      username: input.recoveryCode ? '#recovery' : (input.username ?? ''),
      password: input.password ?? null,
      recoveryCode: input.recoveryCode ?? null,
      channel,
    });
  } catch (e) {
    if (state && isAppError(e) && (e.code === 'WRONG_PASSWORD' || e.code === 'WRONG_RECOVERY_CODE')) {
      recordFailure(state, RESCUE_LOCK, ctx.clock());
      writeLoginState(ctx.paths, state);
    }
    throw e;
  }
}
