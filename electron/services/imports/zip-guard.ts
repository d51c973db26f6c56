import { inflateRawSync } from 'node:zlib';

export interface ZipLimits {
  /** Total uncompressed bytes of all entries. */
  maxUncompressedBytes: number;
  /** Uncompressed / compressed, per entry. Real sheets compress about 5–20×. */
  maxRatio: number;
  maxEntries: number;
}

export type ZipVerdict =
  { ok: true } | { ok: false; reason: 'not-zip' | 'too-large' | 'ratio' | 'entries'; detail: string };

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

/**
 * Checks an xlsx (a zip) BEFORE any library inflates it: first the sizes every
 * entry declares in the central directory (APPNOTE 4.3.12), then each deflated
 * entry is inflated once with zlib's `maxOutputLength`, so an entry that lies
 * about its size is stopped at the limit instead of filling memory. The spreadsheet
 * libraries only see archives that passed.
 */
export function checkZip(buf: Buffer, limits: ZipLimits): ZipVerdict {
  // The end-of-central-directory record sits in the last 22 + 65535 bytes.
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 0xffff); i--) {
    if (buf.readUInt32LE(i) === EOCD) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return { ok: false, reason: 'not-zip', detail: 'no end of central directory' };
  const entries = buf.readUInt16LE(eocd + 10);
  const cdOffset = buf.readUInt32LE(eocd + 16);
  if (entries === 0xffff || cdOffset === 0xffffffff) return { ok: false, reason: 'too-large', detail: 'zip64' };
  if (entries > limits.maxEntries) return { ok: false, reason: 'entries', detail: `${entries} entries` };
  let total = 0;
  let p = cdOffset;
  const toInflate: Array<{ local: number; compressed: number; declared: number; method: number }> = [];
  for (let n = 0; n < entries; n++) {
    if (p + 46 > buf.length || buf.readUInt32LE(p) !== CENTRAL)
      return { ok: false, reason: 'not-zip', detail: 'bad central directory' };
    const method = buf.readUInt16LE(p + 10);
    const compressed = buf.readUInt32LE(p + 20);
    const declared = buf.readUInt32LE(p + 24);
    const local = buf.readUInt32LE(p + 42);
    total += declared;
    if (declared === 0xffffffff || total > limits.maxUncompressedBytes)
      return { ok: false, reason: 'too-large', detail: `declared ${total} bytes` };
    if (declared > 1_000_000 && declared / Math.max(compressed, 1) > limits.maxRatio)
      return { ok: false, reason: 'ratio', detail: `${declared}/${compressed}` };
    toInflate.push({ local, compressed, declared, method });
    p += 46 + buf.readUInt16LE(p + 28) + buf.readUInt16LE(p + 30) + buf.readUInt16LE(p + 32);
  }
  for (const e of toInflate) {
    if (e.method !== 8) continue;
    if (e.local + 30 > buf.length || buf.readUInt32LE(e.local) !== LOCAL)
      return { ok: false, reason: 'not-zip', detail: 'bad local header' };
    const start = e.local + 30 + buf.readUInt16LE(e.local + 26) + buf.readUInt16LE(e.local + 28);
    try {
      // One byte over the declared size proves a lie without inflating the rest.
      inflateRawSync(buf.subarray(start, start + e.compressed), { maxOutputLength: Math.max(e.declared, 1) + 1 });
    } catch (err) {
      if (err instanceof RangeError || (err as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE')
        return { ok: false, reason: 'too-large', detail: 'entry larger than declared' };
      return { ok: false, reason: 'not-zip', detail: 'corrupt entry' };
    }
  }
  return { ok: true };
}
