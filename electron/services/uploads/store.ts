import { randomBytes } from 'node:crypto';
import { AppError } from '../../errors';

/** An upload unused this long is dropped: the clerk has walked away from the wizard. */
export const UPLOAD_IDLE_MS = 30 * 60_000;

const MB = 1024 * 1024;
const mb = (n: number) => `${+(n / MB).toFixed(n < 10 * MB ? 2 : 1)} MB`;

interface Upload {
  readonly id: string;
  readonly callerKey: string;
  /** The session that began it: a later sign-in on the same window never sees it. */
  readonly owner: object;
  readonly fileName: string;
  readonly size: number;
  parts: Buffer[];
  received: number;
  /** Joined once, at its first use, so preview → commit → report share one copy. */
  content: Buffer | null;
  lastUsed: number;
}

export interface ResolvedUpload {
  fileName: string;
  content: Buffer;
}

/**
 * Files sent in chunks, held in main's memory per session. A session's uploads
 * together never exceed the import size limit: beginning a new one drops that
 * session's older ones first (the wizard picks one file at a time).
 */
export class UploadStore {
  private readonly uploads = new Map<string, Upload>();

  constructor(private readonly now: () => number) {}

  begin(callerKey: string, owner: object, fileName: string, size: number, maxBytes: number): string {
    this.sweep();
    if (size > maxBytes)
      throw new AppError(
        'FILE_TOO_LARGE',
        `文件大小：${fileName} 为 ${mb(size)}，超过了设置的上限 ${mb(maxBytes)}（系统设置 → 导入文件大小上限）`,
      );
    const mine = [...this.uploads.values()].filter((u) => u.owner === owner).sort((a, b) => a.lastUsed - b.lastUsed);
    let total = mine.reduce((sum, u) => sum + u.size, 0);
    for (const old of mine) {
      if (total + size <= maxBytes) break;
      this.uploads.delete(old.id);
      total -= old.size;
    }
    const id = `up-${randomBytes(16).toString('hex')}`;
    this.uploads.set(id, {
      id,
      callerKey,
      owner,
      fileName,
      size,
      parts: [],
      received: 0,
      content: size === 0 ? Buffer.alloc(0) : null,
      lastUsed: this.now(),
    });
    return id;
  }

  /** Appends one chunk; it must start exactly where the last one ended and stay within the declared size. */
  chunk(owner: object, id: string, offset: number, bytes: Buffer): number {
    const u = this.find(owner, id);
    if (u.content) throw new AppError('INVALID_INPUT', `上传编号：${u.fileName} 已经传完，不能再追加内容`);
    if (offset !== u.received)
      throw new AppError(
        'INVALID_INPUT',
        `起始位置：应为 ${u.received}（已收到的字节数），收到的是 ${offset}；分块须按顺序发送、不能重叠`,
      );
    if (u.received + bytes.length > u.size)
      throw new AppError(
        'FILE_TOO_LARGE',
        `文件内容：超出了开始上传时声明的文件大小 ${u.size} 字节（已收到 ${u.received}，本块 ${bytes.length}）`,
      );
    u.parts.push(bytes);
    u.received += bytes.length;
    u.lastUsed = this.now();
    if (u.received === u.size) {
      u.content = Buffer.concat(u.parts, u.size);
      u.parts = [];
    }
    return u.received;
  }

  /** The whole file of a finished upload; it stays until discarded, replaced or expired. */
  resolve(owner: object, id: string): ResolvedUpload {
    const u = this.find(owner, id);
    if (!u.content)
      throw new AppError(
        'INVALID_INPUT',
        `上传编号：${u.fileName} 还没有传完（已收到 ${u.received} / ${u.size} 字节），请重新选择文件`,
      );
    u.lastUsed = this.now();
    return { fileName: u.fileName, content: u.content };
  }

  discard(owner: object, id: string): boolean {
    const u = this.uploads.get(id);
    if (!u || u.owner !== owner) return false;
    return this.uploads.delete(id);
  }

  /** Sign-out (or a new sign-in on the same window): that window's uploads leave memory. */
  dropCaller(callerKey: string): void {
    for (const u of this.uploads.values()) if (u.callerKey === callerKey) this.uploads.delete(u.id);
  }

  clear(): void {
    this.uploads.clear();
  }

  /** Bytes held, for tests and the support log. */
  heldBytes(): number {
    let n = 0;
    for (const u of this.uploads.values()) n += u.content ? u.content.length : u.received;
    return n;
  }

  private sweep(): void {
    const cutoff = this.now() - UPLOAD_IDLE_MS;
    for (const u of this.uploads.values()) if (u.lastUsed < cutoff) this.uploads.delete(u.id);
  }

  private find(owner: object, id: string): Upload {
    this.sweep();
    const u = this.uploads.get(id);
    // Another session's upload is reported exactly like an expired one.
    if (!u || u.owner !== owner)
      throw new AppError(
        'INVALID_INPUT',
        '上传编号：找不到该上传（可能已超过 30 分钟未使用或已退出登录），请重新选择文件',
      );
    return u;
  }
}
