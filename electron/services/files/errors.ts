import { basename } from 'node:path';
import { AppError, isAppError } from '../../errors';

/**
 * What the operating system said, in words a clerk can act on. A full stick, a
 * folder that vanished with a pulled USB cable, a file Excel still holds open:
 * each has its own code, never INTERNAL with a stack trace.
 */
export function fileError(e: unknown, path: string): AppError {
  if (isAppError(e)) return e;
  const code = typeof e === 'object' && e !== null && 'code' in e ? String((e as { code: unknown }).code) : '';
  const name = basename(path);
  switch (code) {
    case 'ENOSPC':
    case 'EDQUOT':
    case 'EFBIG':
      return new AppError('DISK_FULL', `磁盘已满，无法写入“${name}”：请清理空间或换一个位置，未留下不完整的文件`);
    case 'ENOENT':
    case 'ENOTDIR':
      return new AppError('DIR_MISSING', `目录不存在，无法写入“${name}”：U 盘是否已拔出？请重新选择保存位置`);
    case 'EACCES':
    case 'EPERM':
    case 'EROFS':
    case 'EISDIR':
      return new AppError('NO_PERMISSION', `没有写入权限，无法写入“${name}”：请换一个位置保存`);
    case 'EBUSY':
    case 'ETXTBSY':
      return new AppError('FILE_IN_USE', `文件被其他程序占用：请关闭打开“${name}”的程序（如 Excel、WPS）后再试`);
    case 'EIO':
    case 'ENXIO':
    case 'ENODEV':
    case 'ESTALE':
    case 'ENOMEDIUM':
      return new AppError('DEVICE_ERROR', `写入“${name}”时设备出错：U 盘或移动硬盘是否已拔出？未留下不完整的文件`);
    case 'ENAMETOOLONG':
      return new AppError('NO_PERMISSION', `文件名或路径太长，无法写入“${name}”`);
    default:
      return new AppError('DEVICE_ERROR', `无法写入“${name}”（${code || '未知错误'}）`);
  }
}
