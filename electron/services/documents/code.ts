import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import type { VerifyResult } from '../../../shared/contract/documents';
import { verdictLabels } from '../../../shared/contract/documents';
import { programs, type Program } from '../../../shared/domain/programs';
import { fingerprint, keyId, verify } from '../keys/signing';

/**
 * The verification code a certificate or notice carries as its QR code and prints
 * as text under it: the facts a verifier compares with the paper, and an Ed25519
 * signature over exactly those bytes.
 *   WD1|<county code>|<key id, 8 hex>|<kind>|<number>|<program>|<name>|<masked ID>|<amount fen>|<valid from>|<signature, base64url>
 * Ten fields and the signature fit a version-12 QR at level M with room to spare.
 */
const PREFIX = 'WD1';
const kindLetters = { 'decision-notice': 'N', 'stop-notice': 'S', 'change-notice': 'C', certificate: 'Z' } as const;
const programLetters: Record<Program, string> = {
  'disability-living': 'L',
  'disability-care': 'H',
  orphan: 'O',
  'unattended-child': 'U',
  elderly: 'E',
};

export interface CodeFields {
  countyCode: string;
  kind: keyof typeof kindLetters;
  number: string;
  program: Program;
  name: string;
  /** Masked: the code is printed where anyone can read it. */
  idNumber: string;
  amountFen: number;
  /** 'YYYY-MM' */
  validFrom: string;
}

function clean(s: string): string {
  return s.replace(/[|\s]/g, '');
}

export function signedText(f: CodeFields, publicKey: Buffer): string {
  return [
    PREFIX,
    clean(f.countyCode),
    keyId(publicKey).toString('hex'),
    kindLetters[f.kind],
    clean(f.number),
    programLetters[f.program],
    clean(f.name),
    clean(f.idNumber),
    String(f.amountFen),
    clean(f.validFrom),
  ].join('|');
}

export function makeCode(f: CodeFields, publicKey: Buffer, sign: (bytes: Buffer) => Buffer): string {
  const text = signedText(f, publicKey);
  return `${text}|${sign(Buffer.from(text, 'utf8')).toString('base64url')}`;
}

export interface KnownKey {
  countyCode: string;
  /** Raw 32 bytes or SPKI DER. */
  publicKey: Buffer;
}

const kindByLetter = Object.fromEntries(Object.entries(kindLetters).map(([k, v]) => [v, k]));
const programByLetter = Object.fromEntries(programs.map((p) => [programLetters[p], p]));

function result(verdict: VerifyResult['verdict'], code: string, extra: Partial<VerifyResult> = {}): VerifyResult {
  return { verdict, message: verdictLabels[verdict], code, fields: null, signer: null, ...extra };
}

/** Checks a code against the keys this copy knows: its own county's and any it was given. */
export function verifyCode(input: string, keys: readonly KnownKey[]): VerifyResult {
  const code = input.normalize('NFC').replace(/\s+/g, '');
  const parts = code.split('|');
  if (parts.length !== 11 || parts[0] !== PREFIX) return result('invalid', code);
  const [, countyCode, kid, kindL, number, programL, name, idNumber, amount, validFrom, sig] = parts as [
    string,
    string,
    string,
    string,
    string,
    string,
    string,
    string,
    string,
    string,
    string,
  ];
  const kind = kindByLetter[kindL];
  const program = programByLetter[programL];
  const fields =
    kind && program && /^-?\d+$/.test(amount)
      ? { countyCode, number, kind, program, name, idNumber, amountFen: Number(amount), validFrom }
      : null;
  if (!fields || !/^[0-9a-f]{8}$/.test(kid) || !/^[A-Za-z0-9_-]{86}$/.test(sig))
    return result('altered', code, { fields, message: `${verdictLabels.altered}：核验码的格式被破坏` });
  const key = keys.find((k) => keyId(k.publicKey).toString('hex') === kid);
  if (!key)
    return result('unknown-county', code, {
      fields,
      message: `${verdictLabels['unknown-county']}：签发机关代码 ${countyCode}`,
    });
  const signer = fingerprint(key.publicKey);
  const text = parts.slice(0, 10).join('|');
  if (!verify(key.publicKey, Buffer.from(text, 'utf8'), Buffer.from(sig, 'base64url')))
    return result('altered', code, {
      fields,
      signer,
      message: `${verdictLabels.altered}：签名与内容不一致，证件信息可能被篡改`,
    });
  if (key.countyCode !== countyCode)
    return result('altered', code, {
      fields,
      signer,
      message: `${verdictLabels.altered}：签名属于 ${key.countyCode}，而证件写的是 ${countyCode}`,
    });
  return result('genuine', code, { fields, signer, message: `${verdictLabels.genuine}：由 ${countyCode} 签发` });
}

/** The QR's text from a PNG image, or null when none is found. */
export function readQrFromPng(png: Buffer): string | null {
  let img: { width: number; height: number; data: Buffer };
  try {
    img = PNG.sync.read(png);
  } catch {
    return null;
  }
  const found = jsQR(
    new Uint8ClampedArray(img.data.buffer, img.data.byteOffset, img.data.length),
    img.width,
    img.height,
  );
  if (!found) return null;
  return found.binaryData.length ? Buffer.from(found.binaryData).toString('utf8') : found.data || null;
}
