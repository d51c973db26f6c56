import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readKeyFile, SCRYPT, unwrapKey, wrapKey, writeKeyFile } from '../../electron/db/keyfile';
import { AppError } from '../../electron/errors';
import { tempDir } from '../support/tmp';

const code = (fn: () => unknown) => {
  try {
    fn();
    return 'no error';
  } catch (e) {
    return e instanceof AppError ? e.code : String(e);
  }
};

describe('key file', () => {
  let tmp: ReturnType<typeof tempDir>;
  beforeEach(() => (tmp = tempDir()));
  afterEach(() => tmp.cleanup());

  it('wraps with scrypt N=2^17 and unwraps only with the same passphrase', () => {
    expect(SCRYPT).toEqual({ N: 131072, r: 8, p: 1 });
    const key = randomBytes(32);
    const file = wrapKey(key, '口令 passphrase', null);
    expect(file.wrappedKey).not.toContain(key.toString('base64'));
    expect(unwrapKey(file, '口令 passphrase').equals(key)).toBe(true);
    expect(code(() => unwrapKey(file, '口令 passphrasE'))).toBe('WRONG_PASSPHRASE');
  });

  it('detects tampering with the wrapped key', () => {
    const file = wrapKey(randomBytes(32), 'pass-phrase', null);
    const bytes = Buffer.from(file.wrappedKey, 'base64');
    bytes[0] = (bytes[0] ?? 0) ^ 1;
    expect(code(() => unwrapKey({ ...file, wrappedKey: bytes.toString('base64') }, 'pass-phrase'))).toBe('WRONG_PASSPHRASE');
    expect(code(() => unwrapKey({ ...file, kdf: { ...file.kdf, N: 2 ** 30 } }, 'pass-phrase'))).toBe('KEYFILE_INVALID');
  });

  it('reads back what it wrote and rejects missing or malformed files', () => {
    const path = join(tmp.dir, 'k.json');
    expect(code(() => readKeyFile(path))).toBe('KEYFILE_MISSING');
    const file = wrapKey(randomBytes(32), 'pass-phrase', 'ab'.repeat(16));
    writeKeyFile(path, file);
    expect(readKeyFile(path)).toEqual(file);
    writeFileSync(path, '{"format":"welfare-desk-keyfile"}');
    expect(code(() => readKeyFile(path))).toBe('KEYFILE_INVALID');
    writeFileSync(path, 'not json');
    expect(code(() => readKeyFile(path))).toBe('KEYFILE_INVALID');
  });
});
