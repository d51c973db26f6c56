import { z } from 'zod';
import { channel } from './channel';
import { access } from './roles';

/**
 * A file sent to main in pieces: the wizard never holds a 200 MB file as one
 * base64 string (the window would need several times its size), and main keeps
 * the bytes for the signed-in session until they are discarded, replaced by a
 * newer upload, the user signs out, or 30 minutes pass without use.
 */
export const UPLOAD_CHUNK_BYTES = 4 * 1024 * 1024;
/** Base64 of one chunk: 4 characters per 3 bytes. */
const MAX_CHUNK_BASE64 = Math.ceil(UPLOAD_CHUNK_BYTES / 3) * 4;
/** The service enforces the configured import limit; this only bounds what zod accepts (200 MB). */
const MAX_UPLOAD_BYTES = 200 * 1024 * 1024;

const staff = access.roles('clerk', 'reviewer', 'head');

export const uploadIdSchema = z.string().regex(/^up-[0-9a-f]{32}$/, '上传编号不正确');

export const uploadChannels = {
  'upload.begin': channel({
    title: '开始上传文件',
    // The roster import is the one reader of uploads: its roles, and no one else's bytes held in memory.
    access: staff,
    input: z
      .object({
        fileName: z.string().trim().min(1).max(255),
        size: z.number().int().min(0).max(MAX_UPLOAD_BYTES),
      })
      .strict(),
    output: z.object({ uploadId: z.string(), chunkBytes: z.number().int() }),
  }),
  'upload.chunk': channel({
    title: '上传文件分块',
    access: staff,
    input: z
      .object({
        uploadId: uploadIdSchema,
        offset: z.number().int().min(0).max(MAX_UPLOAD_BYTES),
        contentBase64: z
          .string()
          .max(MAX_CHUNK_BASE64)
          // A plain character class: a grouped pattern overflows the stack on a 5 MB chunk.
          .regex(/^[A-Za-z0-9+/]*={0,2}$/, '不是有效的 base64 内容')
          .refine((s) => s.length % 4 === 0, '不是有效的 base64 内容'),
      })
      .strict(),
    output: z.object({ received: z.number().int() }),
  }),
  'upload.discard': channel({
    title: '丢弃上传的文件',
    access: staff,
    input: z.object({ uploadId: uploadIdSchema }).strict(),
    output: z.object({ discarded: z.boolean() }),
  }),
} as const;
