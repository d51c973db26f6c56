import { AppError } from '../../errors';
import type { HandlerMap } from '../../ipc/types';
import { actorOf, requireSession, requireStore } from '../../ipc/types';
import { rekeyDatabase } from '../auth/rekey';
import type { AppContext } from '../app/context';
import { rescueRestore } from './rescue';
import { restoreBackup } from './restore';
import { createManualBackup, listBackups, resolveBackupId } from './service';

/** The renderer never names a path: folders come from the main process's own dialog. */
async function chooseFolder(app: AppContext, title: string): Promise<string> {
  const folder = await app.dialogs?.chooseFolder(title);
  if (!folder) throw new AppError('CANCELLED');
  return folder;
}

export const backupHandlers = {
  'backup.list': (_input, cx) => {
    requireStore(cx);
    return listBackups(cx.app);
  },
  'backup.create': async (_input, cx) => {
    requireStore(cx);
    const folder = await chooseFolder(cx.app, '选择备份保存位置');
    return createManualBackup(cx.app, actorOf(cx), folder, { chosenByUser: true, job: cx.job });
  },
  'backup.restore': async (input, cx) => {
    const session = requireSession(cx);
    requireStore(cx);
    const folder =
      input.id !== undefined ? resolveBackupId(cx.app, input.id) : await chooseFolder(cx.app, '选择要恢复的备份文件夹');
    return restoreBackup(
      cx.app,
      folder,
      { username: session.user.username, password: input.password ?? null, channel: cx.channel },
      cx.job,
    );
  },
  'key.rekey': (input, cx) => {
    requireStore(cx);
    return rekeyDatabase(cx.app, requireSession(cx), input.password, cx.channel);
  },
  'backup.rescueList': (_input, cx) => {
    if (cx.app.currentStore()) throw new AppError('FORBIDDEN', '数据库已打开：请登录后在“数据备份”中恢复');
    return listBackups(cx.app);
  },
  'backup.rescue': async (input, cx) => {
    if (cx.app.currentStore()) throw new AppError('FORBIDDEN', '数据库已打开：请登录后在“数据备份”中恢复');
    const folder =
      input.id !== undefined ? resolveBackupId(cx.app, input.id) : await chooseFolder(cx.app, '选择要恢复的备份文件夹');
    return rescueRestore(cx.app, folder, input, cx.channel);
  },
} satisfies HandlerMap<
  'backup.list' | 'backup.create' | 'backup.restore' | 'key.rekey' | 'backup.rescueList' | 'backup.rescue'
>;
