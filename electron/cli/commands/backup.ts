import { join, resolve } from 'node:path';
import dayjs from 'dayjs';
import type { ErrorCode } from '../../../shared/contract';
import { isAppError } from '../../errors';
import { restoreBackup } from '../../services/backup/restore';
import { createManualBackup } from '../../services/backup/service';
import { CliClient, failed, PASSWORD_ENV, requireData, requireEnv, signInOptions, withSignedIn } from '../session';
import { usageError, type CliOutcome, type Command } from '../types';

function fromError(e: unknown): CliOutcome {
  if (isAppError(e)) return { ok: false, error: e.toBody() };
  throw e;
}

/**
 * These commands call the service with a folder from the command line (the
 * channels take folders only from a dialog), so the role check the dispatcher
 * would make is made here, and a refusal is audited the same way.
 */
function refuseNonAdmin(client: CliClient, channel: string): CliOutcome | null {
  const session = client.app.session('cli');
  const store = client.app.currentStore();
  if (session?.user.roles.includes('admin')) return null;
  if (session && store) {
    store.write({ username: session.user.username, channel }, (w) =>
      w.audit({
        action: 'access.denied',
        entity: 'channel',
        entityId: channel,
        after: { code: 'FORBIDDEN', roles: session.user.roles },
      }),
    );
  }
  return { ok: false, error: { code: 'FORBIDDEN', message: '您的角色无权执行此操作' } };
}

const local = (iso: string) => dayjs(iso).format('YYYY-MM-DD HH:mm:ss');

export const backupCommand: Command = {
  name: 'backup',
  summary: '备份数据库（管理员）：默认写入 数据目录/backups/manual，或用 --out 指定保存位置',
  usage: 'backup --data DIR --user ADMIN [--out DIR]   （密码取自 WELFARE_DESK_PASSWORD）',
  options: { ...signInOptions, out: { type: 'string' } },
  run: (env) =>
    withSignedIn(env, async (client) => {
      const refused = refuseNonAdmin(client, 'backup.create');
      if (refused) return refused;
      const out = env.values.out;
      const chosen = typeof out === 'string' && out.length > 0;
      const parent = chosen ? resolve(out) : join(client.app.paths.backups, 'manual');
      try {
        const r = createManualBackup(
          client.app,
          { username: String(env.values.user), channel: 'backup.create' },
          parent,
          { chosenByUser: chosen },
        );
        const rows = Object.values(r.rowCounts).reduce((a, b) => a + b, 0);
        return {
          ok: true,
          value: { backup: r },
          text: `已备份到 ${r.path}（${local(r.createdAt)}，共 ${rows} 行，${r.bytes} 字节）`,
        };
      } catch (e) {
        return fromError(e);
      }
    }),
};

/** Sign-in failures that a restore is the cure for: the database or keyring is gone or broken, or the folder is new. */
const OFFLINE_RESTORE: ReadonlySet<string> = new Set<ErrorCode>([
  'DB_CORRUPT',
  'DB_MISSING',
  'DB_WRONG_KEY',
  'KEYFILE_MISSING',
  'KEYFILE_INVALID',
  'NOT_INITIALIZED',
]);

export const restoreCommand: Command = {
  name: 'restore',
  summary: '从备份恢复数据库（管理员）；恢复前的数据库另存为安全副本，所有用户需重新登录',
  usage:
    'restore --data DIR --user ADMIN --from BACKUP_FOLDER   （密码取自 WELFARE_DESK_PASSWORD；备份使用旧密钥时，也用它打开备份中的密钥槽）\n      数据库损坏、丢失或数据目录为空时，凭该用户在备份中的管理员密码恢复',
  options: { ...signInOptions, from: { type: 'string' } },
  async run(env) {
    const from = env.values.from;
    if (typeof from !== 'string' || from.length === 0) return usageError('缺少 --from 备份文件夹');
    const folder = resolve(from);
    const username = String(env.values.user ?? '');
    const restore = (client: CliClient, password: string): CliOutcome => {
      try {
        const r = restoreBackup(client.app, folder, { username, password, channel: 'backup.restore' });
        const safety = r.safetyId ? `恢复前的数据库已另存为 ${r.safetyId}。` : '';
        return {
          ok: true,
          value: { restore: r },
          text: `已从备份 ${r.restoredFrom}（${local(r.createdAt)}）恢复。${safety}所有用户需重新登录，密码以备份时为准。`,
        };
      } catch (e) {
        return fromError(e);
      }
    };
    const outcome = await withSignedIn(
      env,
      async (client) => refuseNonAdmin(client, 'backup.restore') ?? restore(client, String(env.env[PASSWORD_ENV])),
    );
    if (outcome.ok || !OFFLINE_RESTORE.has(outcome.error.code)) return outcome;
    // The database cannot be signed into: the backup's own keyring and admin list decide.
    const data = requireData(env);
    if (typeof data !== 'string') return data;
    const password = requireEnv(env, PASSWORD_ENV, '密码');
    if (typeof password !== 'string') return password;
    const client = new CliClient(data);
    try {
      return restore(client, password);
    } finally {
      client.close();
    }
  },
};

export const rekeyCommand: Command = {
  name: 'rekey',
  summary: '更换数据库密钥（管理员）：所有密钥槽改封新密钥，密码不变；旧备份仍用旧密钥和当时的密码',
  usage: 'rekey --data DIR --user ADMIN   （密码取自 WELFARE_DESK_PASSWORD）',
  options: signInOptions,
  run: (env) =>
    withSignedIn(env, async (client) => {
      const r = await client.call('key.rekey', { password: String(env.env[PASSWORD_ENV]) });
      if (!r.ok) return failed(r);
      return {
        ok: true,
        value: { rekey: r.value },
        text: `已更换数据库密钥（${local(r.value.rekeyedAt)}），${r.value.slots} 个密钥槽已改封新密钥，各用户密码不变。`,
      };
    }),
};
