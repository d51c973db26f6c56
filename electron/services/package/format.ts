import { createHash, createPublicKey, verify as edVerify } from 'node:crypto';
import type * as AgeTypes from 'age-encryption';
import { AppError } from '../../errors';

/**
 * The `.wdpkg` file: a short plain frame (magic and the ciphertext's length, so a
 * truncated copy is told apart from a changed one), then an age file encrypted to
 * the city's X25519 recipient. Inside: the manifest, its Ed25519 signature and the
 * parts one after another. The manifest names every part's length, SHA-256 and row
 * count; the signature covers the manifest, so it covers every part. The age layer
 * keeps the content secret; the signature proves the county, since anyone may
 * encrypt to a public recipient.
 */

export const PACKAGE_FORMAT = 'welfare-desk-package';
export const PACKAGE_FORMAT_VERSION = 1;
const FRAME_MAGIC = Buffer.from('WDPKG01\n', 'latin1');
const INNER_MAGIC = Buffer.from('WDPKGIN1', 'latin1');
const FRAME_HEADER = FRAME_MAGIC.length + 8;

export type PartName = 'tables.json' | 'tables.xlsx' | 'roster.json';

export interface PartInfo {
  readonly name: PartName;
  readonly bytes: number;
  readonly sha256: string;
  readonly rows: number;
}

export interface Manifest {
  readonly format: typeof PACKAGE_FORMAT;
  readonly formatVersion: number;
  readonly countyCode: string;
  readonly countyName: string;
  readonly periodFrom: string;
  readonly periodTo: string;
  readonly sequence: number;
  readonly schemaVersion: number;
  readonly appVersion: string;
  readonly createdAt: string;
  readonly createdBy: string;
  readonly roster: 'none' | 'masked' | 'full';
  /** The county's Ed25519 public key, SPKI DER in base64. */
  readonly signingKey: string;
  readonly parts: readonly PartInfo[];
}

export interface PartInput {
  readonly name: PartName;
  readonly content: Uint8Array;
  readonly rows: number;
}

/** The county's signing key as the package needs it; the keyring keeps the private half. */
export interface PackageSigner {
  /** SPKI DER, base64. */
  readonly publicKey: string;
  sign(data: Uint8Array): Uint8Array;
}

export function sha256Hex(data: Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

/** Short groups to read aloud over the phone: the SHA-256 of a key, 8 groups of 4. */
export function fingerprint(key: string): string {
  const hex = sha256Hex(Buffer.from(key, 'utf8')).toUpperCase().slice(0, 32);
  return hex.match(/.{4}/g)?.join(' ') ?? hex;
}

function u32(n: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(n);
  return b;
}

type AgeModule = typeof AgeTypes;
let ageModule: Promise<AgeModule> | null = null;
/** age-encryption is ESM only; a dynamic import loads it under tsx, vitest and the bundled worker alike. */
export function age(): Promise<AgeModule> {
  ageModule ??= import('age-encryption');
  return ageModule;
}

export async function sealPackage(
  head: Omit<Manifest, 'format' | 'formatVersion' | 'parts' | 'signingKey'>,
  parts: readonly PartInput[],
  signer: PackageSigner,
  recipient: string,
): Promise<{ file: Uint8Array; manifest: Manifest }> {
  const manifest: Manifest = {
    format: PACKAGE_FORMAT,
    formatVersion: PACKAGE_FORMAT_VERSION,
    ...head,
    signingKey: signer.publicKey,
    parts: parts.map((p) => ({ name: p.name, bytes: p.content.length, sha256: sha256Hex(p.content), rows: p.rows })),
  };
  const manifestBytes = Buffer.from(JSON.stringify(manifest), 'utf8');
  const signature = Buffer.from(signer.sign(manifestBytes));
  const inner = Buffer.concat([
    INNER_MAGIC,
    u32(manifestBytes.length),
    manifestBytes,
    u32(signature.length),
    signature,
    ...parts.map((p) => p.content),
  ]);
  const { Encrypter } = await age();
  const e = new Encrypter();
  try {
    e.addRecipient(recipient);
  } catch {
    throw new AppError('PACKAGE_RECIPIENT_INVALID');
  }
  const ct = await e.encrypt(inner);
  inner.fill(0);
  const len = Buffer.alloc(8);
  len.writeBigUInt64BE(BigInt(ct.length));
  return { file: Buffer.concat([FRAME_MAGIC, len, ct]), manifest };
}

export interface OpenedPackage {
  readonly manifest: Manifest;
  readonly parts: ReadonlyMap<PartName, Uint8Array>;
}

/** Decrypts and checks frame, age layer, signature and every part hash. Which county it is, is the caller's. */
export async function openPackage(file: Uint8Array, identity: string): Promise<OpenedPackage> {
  const buf = Buffer.from(file.buffer, file.byteOffset, file.length);
  if (buf.length < FRAME_HEADER || !buf.subarray(0, FRAME_MAGIC.length).equals(FRAME_MAGIC)) {
    throw new AppError(
      buf.length < FRAME_HEADER && FRAME_MAGIC.subarray(0, buf.length).equals(buf)
        ? 'PACKAGE_TRUNCATED'
        : 'PACKAGE_NOT_PACKAGE',
    );
  }
  const declared = Number(buf.readBigUInt64BE(FRAME_MAGIC.length));
  const ct = buf.subarray(FRAME_HEADER);
  if (ct.length < declared) throw new AppError('PACKAGE_TRUNCATED');
  if (ct.length > declared) throw new AppError('PACKAGE_CORRUPT');
  const { Decrypter } = await age();
  const d = new Decrypter();
  d.addIdentity(identity);
  let inner: Buffer;
  try {
    inner = Buffer.from(await d.decrypt(ct));
  } catch (e) {
    const msg = e instanceof Error ? e.message : '';
    if (/no identity matched/.test(msg)) throw new AppError('PACKAGE_WRONG_RECIPIENT');
    throw new AppError('PACKAGE_CORRUPT');
  }
  if (inner.length < INNER_MAGIC.length + 8 || !inner.subarray(0, INNER_MAGIC.length).equals(INNER_MAGIC))
    throw new AppError('PACKAGE_CORRUPT');
  let off = INNER_MAGIC.length;
  const mLen = inner.readUInt32BE(off);
  off += 4;
  const manifestBytes = inner.subarray(off, off + mLen);
  off += mLen;
  if (off + 4 > inner.length) throw new AppError('PACKAGE_CORRUPT');
  const sLen = inner.readUInt32BE(off);
  off += 4;
  const signature = inner.subarray(off, off + sLen);
  off += sLen;
  let manifest: Manifest;
  try {
    manifest = JSON.parse(manifestBytes.toString('utf8')) as Manifest;
  } catch {
    throw new AppError('PACKAGE_CORRUPT');
  }
  if (manifest.format !== PACKAGE_FORMAT || typeof manifest.signingKey !== 'string' || !Array.isArray(manifest.parts))
    throw new AppError('PACKAGE_CORRUPT');
  if (manifest.formatVersion > PACKAGE_FORMAT_VERSION) throw new AppError('PACKAGE_SCHEMA_NEWER');
  let ok: boolean;
  try {
    const key = createPublicKey({ key: Buffer.from(manifest.signingKey, 'base64'), format: 'der', type: 'spki' });
    ok = edVerify(null, manifestBytes, key, signature);
  } catch {
    ok = false;
  }
  if (!ok) throw new AppError('PACKAGE_BAD_SIGNATURE');
  const parts = new Map<PartName, Uint8Array>();
  for (const p of manifest.parts) {
    const content = inner.subarray(off, off + p.bytes);
    off += p.bytes;
    if (content.length !== p.bytes || sha256Hex(content) !== p.sha256)
      throw new AppError('PACKAGE_HASH_MISMATCH', `数据包中的“${p.name}”与清单中的校验值不一致`);
    parts.set(p.name, content);
  }
  if (off !== inner.length) throw new AppError('PACKAGE_HASH_MISMATCH');
  return { manifest, parts };
}
