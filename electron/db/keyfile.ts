import { createCipheriv, createDecipheriv, randomBytes, scryptSync } from 'node:crypto';
import { existsSync, readFileSync, renameSync, writeFileSync, fsyncSync, openSync, closeSync } from 'node:fs';
import { z } from 'zod';
import { AppError } from '../errors';

/**
 * The database key never touches the disk in the clear: a random 256-bit key is
 * wrapped with AES-256-GCM under a key derived from the passphrase with scrypt.
 * The GCM tag tells a wrong passphrase apart from a damaged database.
 */
export const SCRYPT = { N: 2 ** 17, r: 8, p: 1 } as const;
const AAD = Buffer.from('welfare-desk/keyfile/v1');

const b64 = z.string().regex(/^[A-Za-z0-9+/]+=*$/);
const keyFileSchema = z.object({
  format: z.literal('welfare-desk-keyfile'),
  version: z.literal(1),
  kdf: z.object({ name: z.literal('scrypt'), N: z.number().int(), r: z.number().int(), p: z.number().int(), salt: b64 }),
  cipher: z.literal('aes-256-gcm'),
  iv: b64,
  tag: b64,
  wrappedKey: b64,
  /** Hex of the database file's first 16 bytes (its SQLCipher salt), to tell "not our database" from "damaged". */
  dbSalt: z.string().regex(/^[0-9a-f]{32}$/).nullable(),
  createdAt: z.string(),
});
export type KeyFile = z.infer<typeof keyFileSchema>;

function deriveKek(passphrase: string, salt: Buffer, kdf: { N: number; r: number; p: number }): Buffer {
  // maxmem must exceed 128 * N * r bytes or scrypt refuses N = 2^17.
  return scryptSync(passphrase.normalize('NFC'), salt, 32, { ...kdf, maxmem: 256 * 1024 * 1024 });
}

export function wrapKey(key: Buffer, passphrase: string, dbSalt: string | null): KeyFile {
  const salt = randomBytes(16);
  const iv = randomBytes(12);
  const kek = deriveKek(passphrase, salt, SCRYPT);
  const cipher = createCipheriv('aes-256-gcm', kek, iv);
  cipher.setAAD(AAD);
  const wrapped = Buffer.concat([cipher.update(key), cipher.final()]);
  kek.fill(0);
  return {
    format: 'welfare-desk-keyfile',
    version: 1,
    kdf: { name: 'scrypt', ...SCRYPT, salt: salt.toString('base64') },
    cipher: 'aes-256-gcm',
    iv: iv.toString('base64'),
    tag: cipher.getAuthTag().toString('base64'),
    wrappedKey: wrapped.toString('base64'),
    dbSalt,
    createdAt: new Date().toISOString(),
  };
}

export function unwrapKey(file: KeyFile, passphrase: string): Buffer {
  const { N, r, p } = file.kdf;
  // Refuse absurd parameters from a tampered file instead of burning memory on them.
  if (N < 2 ** 14 || N > 2 ** 20 || r < 1 || r > 16 || p < 1 || p > 4) throw new AppError('KEYFILE_INVALID');
  const kek = deriveKek(passphrase, Buffer.from(file.kdf.salt, 'base64'), { N, r, p });
  try {
    const decipher = createDecipheriv('aes-256-gcm', kek, Buffer.from(file.iv, 'base64'));
    decipher.setAAD(AAD);
    decipher.setAuthTag(Buffer.from(file.tag, 'base64'));
    const key = Buffer.concat([decipher.update(Buffer.from(file.wrappedKey, 'base64')), decipher.final()]);
    if (key.length !== 32) throw new AppError('KEYFILE_INVALID');
    return key;
  } catch (e) {
    if (e instanceof AppError) throw e;
    throw new AppError('WRONG_PASSPHRASE');
  } finally {
    kek.fill(0);
  }
}

export function readKeyFile(path: string): KeyFile {
  if (!existsSync(path)) throw new AppError('KEYFILE_MISSING');
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    throw new AppError('KEYFILE_INVALID');
  }
  const parsed = keyFileSchema.safeParse(json);
  if (!parsed.success) throw new AppError('KEYFILE_INVALID');
  return parsed.data;
}

/** Write-then-rename with fsync, so a crash leaves the old or the new file, never half of one. */
export function writeKeyFile(path: string, file: KeyFile): void {
  const tmp = `${path}.tmp`;
  writeFileSync(tmp, `${JSON.stringify(file, null, 2)}\n`, { mode: 0o600 });
  const fd = openSync(tmp, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, path);
}
