import {
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  hkdfSync,
  sign as edSign,
} from 'node:crypto';
import { verify as edVerify, type KeyObject } from 'node:crypto';
import { AppError } from '../../errors';
import { gcmOpen, gcmSeal, readKeyring, type Keyring, type SigningEntry } from '../../db/keyring';
import type { AppContext } from '../app/context';
import { saveKeyring } from '../auth/keys';

/**
 * The county's Ed25519 signing key. It signs what leaves the office (certificates,
 * notices, packages for the city) so a copy elsewhere can check where it came from.
 * The private key lives in the keyring sealed under a key derived from the database
 * key: whoever can open the database can sign, nobody else, and a rekey reseals it.
 */
const INFO = Buffer.from('welfare-desk/signing/v1');

function wrapKey(dbKey: Buffer, publicKeyDer: Buffer): Buffer {
  return Buffer.from(hkdfSync('sha256', dbKey, publicKeyDer, INFO, 32));
}

function aad(publicKeyDer: Buffer): Buffer {
  return Buffer.concat([INFO, publicKeyDer]);
}

/** A new key pair sealed under `dbKey`. */
export function createSigningEntry(dbKey: Buffer, createdAt: string): SigningEntry {
  const pair = generateKeyPairSync('ed25519');
  const publicKey = pair.publicKey.export({ type: 'spki', format: 'der' });
  const pkcs8 = pair.privateKey.export({ type: 'pkcs8', format: 'der' });
  const k = wrapKey(dbKey, publicKey);
  try {
    return {
      algorithm: 'ed25519',
      publicKey: publicKey.toString('base64'),
      privateKey: gcmSeal(k, pkcs8, aad(publicKey)),
      createdAt,
    };
  } finally {
    k.fill(0);
    pkcs8.fill(0);
  }
}

/** The private key object; it stays in memory and is never exported outside this module and its test. */
export function openEntry(entry: SigningEntry, dbKey: Buffer): KeyObject {
  const publicKey = Buffer.from(entry.publicKey, 'base64');
  const k = wrapKey(dbKey, publicKey);
  try {
    const pkcs8 = gcmOpen(k, entry.privateKey, aad(publicKey));
    if (!pkcs8) throw new AppError('KEYFILE_INVALID', '签名密钥无法解开：密钥文件与数据库不匹配');
    try {
      return createPrivateKey({ key: pkcs8, format: 'der', type: 'pkcs8' });
    } finally {
      pkcs8.fill(0);
    }
  } finally {
    k.fill(0);
  }
}

/** The same key pair sealed under the new database key (rekey). */
export function resealSigningEntry(entry: SigningEntry, oldKey: Buffer, newKey: Buffer): SigningEntry {
  const privateKey = openEntry(entry, oldKey);
  const publicKey = Buffer.from(entry.publicKey, 'base64');
  const pkcs8 = privateKey.export({ type: 'pkcs8', format: 'der' });
  const k = wrapKey(newKey, publicKey);
  try {
    return { ...entry, privateKey: gcmSeal(k, pkcs8, aad(publicKey)) };
  } finally {
    k.fill(0);
    pkcs8.fill(0);
  }
}

/** The raw 32 bytes of an Ed25519 public key from its SPKI DER (the last 32 bytes). */
export function rawPublicKey(spkiDer: Buffer): Buffer {
  return Buffer.from(spkiDer.subarray(spkiDer.length - 32));
}

const ED25519_SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');

export function spkiFromRaw(raw: Buffer): Buffer {
  if (raw.length !== 32) throw new AppError('INVALID_INPUT', '公钥长度不正确');
  return Buffer.concat([ED25519_SPKI_PREFIX, raw]);
}

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

function base32(bytes: Buffer): string {
  let bits = 0;
  let value = 0;
  let out = '';
  for (const b of bytes) {
    value = ((value << 8) | b) & 0xffff;
    bits += 8;
    while (bits >= 5) {
      out += ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  return out;
}

/** SHA-256 of the raw key, 120 bits as six groups of four: read aloud on the phone to compare. */
export function fingerprint(publicKey: Buffer): string {
  const raw = publicKey.length === 32 ? publicKey : rawPublicKey(publicKey);
  const code = base32(createHash('sha256').update(raw).digest().subarray(0, 15));
  return code.match(/.{4}/g)?.join('-') ?? code;
}

/** A short id of the key that fits in a QR payload: the first 4 bytes of the raw key's SHA-256. */
export function keyId(publicKey: Buffer): Buffer {
  const raw = publicKey.length === 32 ? publicKey : rawPublicKey(publicKey);
  return createHash('sha256').update(raw).digest().subarray(0, 4);
}

export interface SigningPublicKey {
  /** SPKI DER. */
  der: Buffer;
  raw: Buffer;
  fingerprint: string;
  createdAt: string;
}

/** The county's public key, or null when it has none yet (an old ring before its first admin sign-in). */
export function signingPublicKey(ctx: AppContext): SigningPublicKey | null {
  const entry = readKeyring(ctx.paths.keyFile).signing;
  if (!entry) return null;
  const der = Buffer.from(entry.publicKey, 'base64');
  return { der, raw: rawPublicKey(der), fingerprint: fingerprint(der), createdAt: entry.createdAt };
}

/** Signs with the county's key; needs the database open (its key unseals the signing key). */
export function sign(ctx: AppContext, bytes: Uint8Array): Buffer {
  const dbKey = ctx.currentKey();
  if (!dbKey) throw new AppError('NOT_SIGNED_IN');
  const entry = readKeyring(ctx.paths.keyFile).signing;
  if (!entry) throw new AppError('SIGNING_KEY_MISSING');
  return edSign(null, bytes, openEntry(entry, dbKey));
}

/** True only for a valid Ed25519 signature of `bytes` by `publicKey` (SPKI DER or the raw 32 bytes). */
export function verify(publicKey: Buffer, bytes: Uint8Array, signature: Uint8Array): boolean {
  try {
    const der = publicKey.length === 32 ? spkiFromRaw(publicKey) : publicKey;
    return edVerify(null, bytes, createPublicKey({ key: der, format: 'der', type: 'spki' }), signature);
  } catch {
    return false;
  }
}

/**
 * Gives a ring written before signing keys existed its key pair, at the first
 * sign-in of an administrator or head. Returns true when it created one. The ring is
 * read again just before writing, so a second process that got there first wins.
 */
export function ensureSigningKey(ctx: AppContext, username: string, channel: string): boolean {
  const store = ctx.currentStore();
  const dbKey = ctx.currentKey();
  if (!store || !dbKey) throw new AppError('NOT_SIGNED_IN');
  if (readKeyring(ctx.paths.keyFile).signing) return false;
  const entry = createSigningEntry(dbKey, ctx.clock().toISOString());
  let created = false;
  store.write({ username, channel }, (w) => {
    const ring: Keyring = readKeyring(ctx.paths.keyFile);
    if (ring.signing) return;
    w.audit({
      action: 'key.signingCreated',
      entity: 'keyring',
      after: { fingerprint: fingerprint(Buffer.from(entry.publicKey, 'base64')) },
    });
    saveKeyring(ctx, { ...ring, signing: entry });
    created = true;
  });
  return created;
}
