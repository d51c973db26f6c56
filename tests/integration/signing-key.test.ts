import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readKeyring, writeKeyring } from '../../electron/db/keyring';
import {
  fingerprint,
  openEntry,
  rawPublicKey,
  sign,
  signingPublicKey,
  verify,
} from '../../electron/services/keys/signing';
import { ADMIN, initialisedDir, invoke, newApp, PASSWORD, signIn } from '../support/fixtures';
import { tempDir } from '../support/tmp';

const MESSAGE = Buffer.from('云民高证〔2026〕0001号|张三');

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? filesUnder(p) : [p];
  });
}

describe('the county signing key', () => {
  let tmp: ReturnType<typeof tempDir>;
  beforeEach(() => {
    tmp = tempDir();
    initialisedDir(tmp.dir, { users: [{ username: 'li', displayName: '李经办', roles: ['clerk'] }] });
  });
  afterEach(() => tmp.cleanup());

  it('is created at init, signs after a reopen, and is never on disk in plain form', async () => {
    const t = newApp(tmp.dir);
    const pub = signingPublicKey(t.app);
    expect(pub).not.toBeNull();
    if (!pub) return;
    expect(pub.fingerprint).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){5}$/);
    expect(fingerprint(pub.raw)).toBe(pub.fingerprint);
    // No key before sign-in: the database key unseals it.
    expect(() => sign(t.app, MESSAGE)).toThrow(/请先登录|NOT_SIGNED_IN/);
    await signIn(t, 'w');
    const sig = sign(t.app, MESSAGE);
    expect(verify(pub.der, MESSAGE, sig)).toBe(true);
    expect(verify(pub.raw, MESSAGE, sig)).toBe(true);
    expect(verify(pub.raw, Buffer.from('云民高证〔2026〕0001号|张四'), sig)).toBe(false);
    t.app.close();

    const again = newApp(tmp.dir);
    await signIn(again, 'clerk', 'li', PASSWORD);
    expect(signingPublicKey(again.app)?.fingerprint).toBe(pub.fingerprint);
    expect(verify(pub.raw, MESSAGE, sign(again.app, MESSAGE))).toBe(true);
    again.app.close();
  });

  it('the private key bytes appear in no file of the data directory', async () => {
    const t = newApp(tmp.dir);
    await signIn(t, 'w');
    const entry = readKeyring(t.paths.keyFile).signing;
    const dbKey = t.app.currentKey();
    if (!entry || !dbKey) throw new Error('the key and the database should be there');
    const jwk = openEntry(entry, dbKey).export({ format: 'jwk' });
    const seed = Buffer.from(jwk.d ?? '', 'base64url');
    expect(seed.length).toBe(32);
    const pkcs8 = openEntry(entry, dbKey).export({ format: 'der', type: 'pkcs8' });
    t.app.close();
    for (const file of filesUnder(tmp.dir)) {
      const bytes = readFileSync(file);
      expect(bytes.includes(seed), file).toBe(false);
      expect(bytes.includes(pkcs8), file).toBe(false);
      expect(bytes.toString('utf8').includes(seed.toString('base64')), file).toBe(false);
      expect(bytes.toString('utf8').includes(seed.toString('hex')), file).toBe(false);
    }
  });

  it('survives a rekey: same public key, resealed private key, still signs', async () => {
    const t = newApp(tmp.dir);
    await signIn(t, 'w');
    const before = readKeyring(t.paths.keyFile).signing;
    const r = await invoke(t, 'w', 'key.rekey', { password: ADMIN.password });
    if (!r.ok) throw new Error(r.error.message);
    const after = readKeyring(t.paths.keyFile).signing;
    expect(after?.publicKey).toBe(before?.publicKey);
    expect(after?.privateKey.ct).not.toBe(before?.privateKey.ct);
    const pub = signingPublicKey(t.app);
    if (!pub) throw new Error('the key should be there');
    expect(verify(pub.raw, MESSAGE, sign(t.app, MESSAGE))).toBe(true);
    t.app.close();
    const again = newApp(tmp.dir);
    await signIn(again, 'w');
    expect(verify(pub.raw, MESSAGE, sign(again.app, MESSAGE))).toBe(true);
    again.app.close();
  });

  it('an older ring without one gets it at the first sign-in of an administrator, not of a clerk', async () => {
    const ring = readKeyring(join(tmp.dir, 'welfare.keys.json'));
    const { signing: _dropped, ...old } = ring;
    expect(_dropped).toBeDefined();
    const t = newApp(tmp.dir);
    writeKeyring(t.paths.keyFile, old);
    expect(signingPublicKey(t.app)).toBeNull();
    await signIn(t, 'clerk', 'li', PASSWORD);
    expect(signingPublicKey(t.app)).toBeNull();
    expect(() => sign(t.app, MESSAGE)).toThrow();
    await signIn(t, 'w');
    const pub = signingPublicKey(t.app);
    expect(pub).not.toBeNull();
    if (!pub) return;
    expect(rawPublicKey(pub.der)).toEqual(pub.raw);
    expect(verify(pub.raw, MESSAGE, sign(t.app, MESSAGE))).toBe(true);
    const log = await invoke(t, 'w', 'audit.list', { entity: 'keyring' });
    expect(log.ok && log.value.rows.map((row) => [row.action, row.username])).toEqual([
      ['key.signingCreated', ADMIN.username],
    ]);
    // A second administrator sign-in keeps the same key.
    await signIn(t, 'w2');
    expect(signingPublicKey(t.app)?.fingerprint).toBe(pub.fingerprint);
    t.app.close();
  });
});
