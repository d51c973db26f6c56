import { createHash, randomBytes } from 'node:crypto';
import { constants, existsSync } from 'node:fs';
import { open, readFile, rename, rm, statfs, type FileHandle } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { AppError } from '../../errors';
import type { DataPaths } from '../../db/paths';
import { fileError } from './errors';
import { assertOutsideDataDir } from './guard';

/**
 * The one way a user's file is written (exports, bank files, PDFs, reports,
 * packages, import reports): checked against the data directory, written to a
 * temporary name beside the target, fsynced, renamed over it and the folder
 * fsynced. On any error or cancel the temporary file is removed, so nothing is
 * ever left under the final name that is not whole.
 */

/** Where to write and whether replacing an existing file was confirmed (the save dialog, or `--force`). */
export interface SaveTarget {
  readonly path: string;
  readonly overwrite: boolean;
}

export interface WrittenFile {
  readonly path: string;
  readonly fileName: string;
  readonly bytes: number;
  readonly sha256: string;
}

export interface OutputSink {
  write(chunk: Uint8Array | string): Promise<void>;
}

export interface OutputOptions {
  /** Called between chunks; throws CANCELLED to abandon the file. */
  readonly checkCancelled?: () => void;
  /** Refuse before writing when the target's volume has less free space than this. */
  readonly expectedBytes?: number;
  /** Read the file back after the rename and compare its SHA-256 (USB sticks). */
  readonly verify?: boolean;
}

const PARTIAL = /\.partial$/;

export function partialName(target: string): string {
  return join(dirname(target), `.${basename(target)}.${randomBytes(4).toString('hex')}.partial`);
}

export function isPartialName(name: string): boolean {
  return name.startsWith('.') && PARTIAL.test(name);
}

async function fsyncDir(dir: string): Promise<void> {
  // Windows cannot open a directory for fsync; NTFS journals the rename itself.
  if (process.platform === 'win32') return;
  const h = await open(dir, constants.O_RDONLY).catch(() => null);
  if (!h) return;
  try {
    await h.sync();
  } catch {
    // Some file systems (vfat on a stick under some kernels) refuse fsync on a folder; the file itself is synced.
  } finally {
    await h.close();
  }
}

async function checkFreeSpace(dir: string, needed: number): Promise<void> {
  const s = await statfs(dir).catch(() => null);
  if (s && s.bavail * s.bsize < needed) {
    throw new AppError(
      'DISK_FULL',
      `目标磁盘剩余空间不足：需要约 ${(needed / 1048576).toFixed(1)} MB，只剩 ${((s.bavail * s.bsize) / 1048576).toFixed(1)} MB`,
    );
  }
}

export async function writeOutput(
  paths: Pick<DataPaths, 'dir' | 'db' | 'wal' | 'shm' | 'keyFile' | 'logins'>,
  target: SaveTarget,
  produce: (sink: OutputSink) => Promise<void>,
  opts: OutputOptions = {},
): Promise<WrittenFile> {
  const path = resolve(target.path);
  assertOutsideDataDir(path, paths.dir, [paths.db, paths.wal, paths.shm, paths.keyFile, paths.logins]);
  if (!target.overwrite && existsSync(path)) throw new AppError('FILE_EXISTS', `文件“${basename(path)}”已存在`);
  const dir = dirname(path);
  if (opts.expectedBytes) await checkFreeSpace(dir, opts.expectedBytes).catch(rethrow(dir));
  const tmp = partialName(path);
  const hash = createHash('sha256');
  let bytes = 0;
  let handle: FileHandle | null = null;
  try {
    handle = await open(tmp, 'wx', 0o600);
    const h = handle;
    await produce({
      async write(chunk) {
        opts.checkCancelled?.();
        const buf = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
        hash.update(buf);
        bytes += buf.length;
        let off = 0;
        while (off < buf.length) off += (await h.write(buf, off, buf.length - off)).bytesWritten;
      },
    });
    opts.checkCancelled?.();
    await h.sync();
    await h.close();
    handle = null;
    await rename(tmp, path);
  } catch (e) {
    await handle?.close().catch(() => undefined);
    await rm(tmp, { force: true }).catch(() => undefined);
    throw fileError(e, path);
  }
  await fsyncDir(dir);
  const sha256 = hash.digest('hex');
  if (opts.verify) {
    const back = await readFile(path).catch((e: unknown) => {
      throw fileError(e, path);
    });
    if (createHash('sha256').update(back).digest('hex') !== sha256) {
      await rm(path, { force: true }).catch(() => undefined);
      throw new AppError('DEVICE_ERROR', '写入后读回校验不一致：存储设备可能已损坏或被拔出，文件已删除');
    }
  }
  return { path, fileName: basename(path), bytes, sha256 };
}

function rethrow(path: string) {
  return (e: unknown): never => {
    throw fileError(e, path);
  };
}

/** A whole buffer (or text) written the safe way, in 1 MiB chunks so cancel and a full disk are noticed early. */
export function writeOutputFile(
  paths: Parameters<typeof writeOutput>[0],
  target: SaveTarget,
  content: Uint8Array | string,
  opts: OutputOptions = {},
): Promise<WrittenFile> {
  const buf = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
  return writeOutput(
    paths,
    target,
    async (sink) => {
      for (let i = 0; i < buf.length; i += 1 << 20)
        await sink.write(buf.subarray(i, Math.min(buf.length, i + (1 << 20))));
    },
    { expectedBytes: buf.length, ...opts },
  );
}
