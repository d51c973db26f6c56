import { createPrivateKey, createPublicKey, generateKeyPairSync, sign } from 'node:crypto';
import { AppError } from '../../errors';
import type { ReadableStore, Store, WritableStore } from '../../db/store';
import type { Actor } from '../../db/audit';
import { readMeta, writeMeta } from '../app/meta';
import { age, fingerprint, type PackageSigner } from './format';

/**
 * The county's Ed25519 pair and a city's age identity live in the encrypted
 * database (table package_keys): sealed by the database key, rotated by rekey,
 * never in a plain file. Created on first use, so an upgraded database gets its
 * pair the first time a head or administrator needs it.
 */

export type Level = 'county' | 'city';

export function levelOf(store: ReadableStore): Level {
  return readMeta(store).level === 'city' ? 'city' : 'county';
}

export function requireLevel(store: ReadableStore, level: Level): void {
  if (levelOf(store) !== level) throw new AppError(level === 'city' ? 'LEVEL_CITY_ONLY' : 'LEVEL_COUNTY_ONLY');
}

function keyRow(store: ReadableStore, kind: 'signing' | 'city-identity') {
  return store.first(store.kysely.selectFrom('package_keys').selectAll().where('kind', '=', kind));
}

export function ensureSigningKey(store: Store, actor: Actor): PackageSigner {
  let row = keyRow(store, 'signing');
  if (!row) {
    const pair = generateKeyPairSync('ed25519');
    const publicKey = pair.publicKey.export({ format: 'der', type: 'spki' }).toString('base64');
    const secretKey = pair.privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64');
    const createdAt = new Date().toISOString();
    store.write(actor, (w) => {
      w.run(
        w.kysely
          .insertInto('package_keys')
          .values({ kind: 'signing', public_key: publicKey, secret_key: secretKey, created_at: createdAt }),
      );
      w.audit({
        action: 'keys.signingCreated',
        entity: 'keys',
        entityId: 'signing',
        after: { fingerprint: fingerprint(publicKey) },
      });
    });
    row = keyRow(store, 'signing');
  }
  if (!row) throw new AppError('INTERNAL');
  const privateKey = createPrivateKey({ key: Buffer.from(row.secret_key, 'base64'), format: 'der', type: 'pkcs8' });
  return { publicKey: row.public_key, sign: (data) => sign(null, data, privateKey) };
}

export function signingPublicKey(store: ReadableStore): string | null {
  return keyRow(store, 'signing')?.public_key ?? null;
}

export function cityOwnRecipient(store: ReadableStore): string | null {
  return keyRow(store, 'city-identity')?.public_key ?? null;
}

/** At init: a county gets its signing pair, a city its age identity. */
export async function createLevelKeys(store: Store, actor: Actor): Promise<void> {
  if (levelOf(store) === 'city') await ensureCityIdentity(store, actor);
  else ensureSigningKey(store, actor);
}

/** A city's age identity (AGE-SECRET-KEY-1…) and its recipient (age1…). */
export async function ensureCityIdentity(store: Store, actor: Actor): Promise<{ identity: string; recipient: string }> {
  const row = keyRow(store, 'city-identity');
  if (row) return { identity: row.secret_key, recipient: row.public_key };
  const { generateX25519Identity, identityToRecipient } = await age();
  const identity = await generateX25519Identity();
  const recipient = await identityToRecipient(identity);
  store.write(actor, (w) => {
    w.run(
      w.kysely.insertInto('package_keys').values({
        kind: 'city-identity',
        public_key: recipient,
        secret_key: identity,
        created_at: new Date().toISOString(),
      }),
    );
    w.audit({ action: 'keys.cityIdentityCreated', entity: 'keys', entityId: 'city-identity', after: { recipient } });
  });
  return { identity, recipient };
}

const RECIPIENT = /^age1[02-9ac-hj-np-z]{58}$/;

/** A recipient from a file the city gives: the first age1… line, comments allowed. */
export function parseRecipient(text: string): string {
  const found = text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .find((l) => l.startsWith('age1'));
  const r = (found ?? text.trim()).toLowerCase();
  if (!RECIPIENT.test(r)) throw new AppError('PACKAGE_RECIPIENT_INVALID');
  return r;
}

export function cityRecipient(store: ReadableStore): string | null {
  return readMeta(store).city_recipient ?? null;
}

/** Changing where packages go is the head's decision and leaves a trace of both fingerprints. */
export function setCityRecipient(store: Store, actor: Actor, recipient: string): { fingerprint: string } {
  requireLevel(store, 'county');
  const before = cityRecipient(store);
  store.write(actor, (w: WritableStore) => {
    writeMeta(w, { city_recipient: recipient });
    w.audit({
      action: 'keys.setRecipient',
      entity: 'keys',
      entityId: 'city-recipient',
      before: before ? { recipient: before, fingerprint: fingerprint(before) } : null,
      after: { recipient, fingerprint: fingerprint(recipient) },
    });
  });
  return { fingerprint: fingerprint(recipient) };
}

export function publicKeyValid(spkiBase64: string): boolean {
  try {
    return (
      createPublicKey({ key: Buffer.from(spkiBase64, 'base64'), format: 'der', type: 'spki' }).asymmetricKeyType ===
      'ed25519'
    );
  } catch {
    return false;
  }
}
