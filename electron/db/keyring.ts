import {
  createCipheriv,
  createHash,
  createDecipheriv,
  createPrivateKey,
  createPublicKey,
  diffieHellman,
  generateKeyPairSync,
  hkdfSync,
  randomBytes,
  scryptSync,
  type KeyObject,
} from 'node:crypto';
import { closeSync, existsSync, fsyncSync, openSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { z } from 'zod';
import { AppError } from '../errors';
import { canonicalJson } from './audit';
import type { Keying } from './keying';

/**
 * The database key is stored only inside key slots, one per user plus one for the
 * recovery code. Each slot holds an X25519 key pair: the private key is wrapped
 * with AES-256-GCM under scrypt(password); the database key is sealed to the
 * public key (ephemeral X25519 + HKDF-SHA256 + AES-256-GCM). So a password change
 * replaces one slot, and a rekey reseals the new key to every slot without
 * knowing anyone's password.
 */
export const SCRYPT = { N: 2 ** 17, r: 8, p: 1 } as const;
const SCRYPT_MAXMEM = 256 * 1024 * 1024;
const SEAL_INFO = Buffer.from('welfare-desk/seal/v2');

const b64 = z.string().regex(/^[A-Za-z0-9+/]*=*$/);
const gcmBox = z.object({ iv: b64, tag: b64, ct: b64 });
const slotSchema = z.object({
  id: z.string().min(1),
  kind: z.enum(['user', 'recovery']),
  username: z.string().nullable(),
  publicKey: b64,
  privateKey: gcmBox.extend({
    kdf: z.object({ N: z.number().int(), r: z.number().int(), p: z.number().int(), salt: b64 }),
  }),
  dbKey: gcmBox.extend({ epk: b64 }),
  createdAt: z.string(),
  /** SHA-256 over the rest of the slot: tells a damaged slot from a wrong password (GCM alone cannot). */
  digest: z
    .string()
    .regex(/^[0-9a-f]{64}$/)
    .optional(),
});
export type KeySlot = z.infer<typeof slotSchema>;

const profileSchema = z.object({ countyCode: z.string(), countyName: z.string(), officeName: z.string() });
export type Profile = z.infer<typeof profileSchema>;

const keyringSchema = z.object({
  format: z.literal('welfare-desk-keyring'),
  version: z.literal(2),
  /** Not secret: shown on the login screen before anything is decrypted. */
  profile: profileSchema,
  /** Hex of the database file's first 16 bytes (its SQLCipher salt): tells "foreign key" from "damaged file". */
  dbSalt: z
    .string()
    .regex(/^[0-9a-f]{32}$/)
    .nullable(),
  slots: z.array(slotSchema),
  /** How SQLCipher takes the key (electron/db/keying.ts); absent in a ring from before the raw key: `passphrase`. */
  dbKeying: z.enum(['passphrase', 'raw']).optional(),
  /** Failed sign-ins, beside the slots (see electron/services/auth/lockout.ts); parsed there, so damage there fails closed. */
  lockout: z.unknown().optional(),
  /** The county's Ed25519 signing key (electron/services/keys/): absent in a ring written before it existed. */
  signing: z
    .object({
      algorithm: z.literal('ed25519'),
      /** SPKI DER, not secret: anyone may verify with it. */
      publicKey: b64,
      /** PKCS#8 DER under a key derived from the database key; resealed at every rekey. */
      privateKey: gcmBox,
      createdAt: z.string(),
    })
    .optional(),
});
export type SigningEntry = NonNullable<z.infer<typeof keyringSchema>['signing']>;
export type Keyring = z.infer<typeof keyringSchema>;

export function ringKeying(ring: Keyring): Keying {
  return ring.dbKeying ?? 'passphrase';
}

export function gcmSeal(key: Buffer, plain: Buffer, aad: Buffer) {
  const iv = randomBytes(12);
  const c = createCipheriv('aes-256-gcm', key, iv);
  c.setAAD(aad);
  const ct = Buffer.concat([c.update(plain), c.final()]);
  return { iv: iv.toString('base64'), tag: c.getAuthTag().toString('base64'), ct: ct.toString('base64') };
}

/** Returns null when the tag does not verify: wrong secret or tampered data. */
export function gcmOpen(key: Buffer, box: { iv: string; tag: string; ct: string }, aad: Buffer): Buffer | null {
  try {
    const d = createDecipheriv('aes-256-gcm', key, Buffer.from(box.iv, 'base64'));
    d.setAAD(aad);
    d.setAuthTag(Buffer.from(box.tag, 'base64'));
    return Buffer.concat([d.update(Buffer.from(box.ct, 'base64')), d.final()]);
  } catch {
    return null;
  }
}

function slotAad(kind: KeySlot['kind'], username: string | null): Buffer {
  return Buffer.from(`welfare-desk/slot/v2/${kind}/${username ?? ''}`);
}

function deriveKek(secret: string, salt: Buffer, kdf: { N: number; r: number; p: number }): Buffer {
  if (kdf.N < 2 ** 14 || kdf.N > 2 ** 20 || kdf.r < 1 || kdf.r > 16 || kdf.p < 1 || kdf.p > 4)
    throw new AppError('KEYFILE_INVALID');
  return scryptSync(secret.normalize('NFC'), salt, 32, { ...kdf, maxmem: SCRYPT_MAXMEM });
}

function rawPublic(key: KeyObject): Buffer {
  return key.export({ type: 'spki', format: 'der' });
}

function sealTo(publicKeyDer: Buffer, secret: Buffer) {
  const recipient = createPublicKey({ key: publicKeyDer, format: 'der', type: 'spki' });
  const eph = generateKeyPairSync('x25519');
  const epk = rawPublic(eph.publicKey);
  const shared = diffieHellman({ privateKey: eph.privateKey, publicKey: recipient });
  const k = Buffer.from(hkdfSync('sha256', shared, Buffer.concat([epk, publicKeyDer]), SEAL_INFO, 32));
  return { epk: epk.toString('base64'), ...gcmSeal(k, secret, SEAL_INFO) };
}

function openSealed(privateKey: KeyObject, publicKeyDer: Buffer, sealed: KeySlot['dbKey']): Buffer | null {
  const epkDer = Buffer.from(sealed.epk, 'base64');
  const shared = diffieHellman({
    privateKey,
    publicKey: createPublicKey({ key: epkDer, format: 'der', type: 'spki' }),
  });
  const k = Buffer.from(hkdfSync('sha256', shared, Buffer.concat([epkDer, publicKeyDer]), SEAL_INFO, 32));
  return gcmOpen(k, sealed, SEAL_INFO);
}

function slotDigest(slot: KeySlot): string {
  const { digest: _omit, ...rest } = slot;
  return createHash('sha256').update(canonicalJson(rest)).digest('hex');
}

function withDigest(slot: KeySlot): KeySlot {
  return { ...slot, digest: slotDigest(slot) };
}

export function slotId(kind: KeySlot['kind'], username: string | null): string {
  return kind === 'recovery' ? 'recovery' : `user:${username}`;
}

/** A new slot opened by `secret` (a password or the recovery code) and holding `dbKey`. */
export function createSlot(kind: KeySlot['kind'], username: string | null, secret: string, dbKey: Buffer): KeySlot {
  const pair = generateKeyPairSync('x25519');
  const salt = randomBytes(16);
  const kek = deriveKek(secret, salt, SCRYPT);
  const pkcs8 = pair.privateKey.export({ type: 'pkcs8', format: 'der' });
  const publicKey = rawPublic(pair.publicKey);
  try {
    return withDigest({
      id: slotId(kind, username),
      kind,
      username,
      publicKey: publicKey.toString('base64'),
      privateKey: {
        kdf: { ...SCRYPT, salt: salt.toString('base64') },
        ...gcmSeal(kek, pkcs8, slotAad(kind, username)),
      },
      dbKey: sealTo(publicKey, dbKey),
      createdAt: new Date().toISOString(),
    });
  } finally {
    kek.fill(0);
    pkcs8.fill(0);
  }
}

/** The database key, or null when the secret does not open this slot. */
export function openSlot(slot: KeySlot, secret: string): Buffer | null {
  // A slot whose bytes changed is damaged, whatever the password: never counted as a wrong one.
  if (slot.digest !== undefined && slot.digest !== slotDigest(slot)) throw new AppError('KEY_SLOT_DAMAGED');
  let kek: Buffer;
  try {
    kek = deriveKek(secret, Buffer.from(slot.privateKey.kdf.salt, 'base64'), slot.privateKey.kdf);
  } catch {
    throw new AppError('KEY_SLOT_DAMAGED');
  }
  try {
    const pkcs8 = gcmOpen(kek, slot.privateKey, slotAad(slot.kind, slot.username));
    if (!pkcs8) return null;
    let key: Buffer | null;
    try {
      const privateKey = createPrivateKey({ key: pkcs8, format: 'der', type: 'pkcs8' });
      key = openSealed(privateKey, Buffer.from(slot.publicKey, 'base64'), slot.dbKey);
    } catch {
      key = null;
    } finally {
      pkcs8.fill(0);
    }
    // The password opened the private key, so the rest of the slot is what is broken.
    if (!key || key.length !== 32) throw new AppError('KEY_SLOT_DAMAGED');
    return key;
  } finally {
    kek.fill(0);
  }
}

/** The same slot, its database key replaced (rekey): no password needed. */
export function resealSlot(slot: KeySlot, newDbKey: Buffer): KeySlot {
  return withDigest({ ...slot, dbKey: sealTo(Buffer.from(slot.publicKey, 'base64'), newDbKey) });
}

export function readKeyring(path: string): Keyring {
  if (!existsSync(path)) throw new AppError('KEYFILE_MISSING');
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    throw new AppError('KEYFILE_INVALID');
  }
  const parsed = keyringSchema.safeParse(json);
  if (!parsed.success) throw new AppError('KEYFILE_INVALID');
  return parsed.data;
}

/** Write, fsync, rename: a crash leaves the old file or the new one, never half of one. */
export function writeKeyring(path: string, ring: Keyring): void {
  const tmp = `${path}.tmp`;
  writeFileSync(tmp, `${JSON.stringify(ring, null, 2)}\n`, { mode: 0o600 });
  const fd = openSync(tmp, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, path);
}

/** Crockford base32 without I, L, O, U: easy to read aloud and to type from paper. */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** 160 random bits as eight groups of four characters, e.g. `7KQ2-…`. */
export function newRecoveryCode(): string {
  const bytes = randomBytes(20);
  let bits = 0;
  let value = 0;
  let out = '';
  for (const b of bytes) {
    value = (value << 8) | b;
    bits += 8;
    while (bits >= 5) {
      out += ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  return out.match(/.{4}/g)?.join('-') ?? out;
}

/** Accepts the code as people type it: any case, spaces or dashes, O for 0, I or L for 1. */
export function normalizeRecoveryCode(input: string): string {
  const clean = input.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  return clean.match(/.{1,4}/g)?.join('-') ?? clean;
}
