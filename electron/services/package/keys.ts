import { createPublicKey } from 'node:crypto';
import { AppError } from '../../errors';
import type { ReadableStore, Store, WritableStore } from '../../db/store';
import type { Actor } from '../../db/audit';
import { readMeta, writeMeta } from '../app/meta';
import { age, fingerprint, type PackageSigner } from './format';
import type { AppContext } from '../app/context';
import { sign as keyringSign, signingPublicKey as keyringPublicKey } from '../keys/signing';

/**
 * A city's age identity lives in the encrypted database (table package_keys),
 * sealed by the database key, never in a plain file. The county's Ed25519 pair is
 * the one signing key of the office, kept in the keyring (electron/services/keys/).
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

/** The county's signing key from the keyring (electron/services/keys/), as the package uses it. */
export function countySigner(ctx: AppContext): PackageSigner {
  const key = keyringPublicKey(ctx);
  if (!key) throw new AppError('SIGNING_KEY_MISSING');
  return { publicKey: key.der.toString('base64'), sign: (data) => keyringSign(ctx, data) };
}

export function signingPublicKey(ctx: AppContext): string | null {
  return keyringPublicKey(ctx)?.der.toString('base64') ?? null;
}

export function cityOwnRecipient(store: ReadableStore): string | null {
  return keyRow(store, 'city-identity')?.public_key ?? null;
}

/** At init a city gets its age identity; every office's signing pair is made with its keyring (keys/signing.ts). */
export async function createLevelKeys(store: Store, actor: Actor): Promise<void> {
  if (levelOf(store) === 'city') await ensureCityIdentity(store, actor);
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
