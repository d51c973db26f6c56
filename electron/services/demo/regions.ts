import type Database from 'better-sqlite3-multiple-ciphers';
import { TOWNSHIP_WORDS, VILLAGE_WORDS } from './names';
import type { Rng } from './random';

export interface DemoVillage {
  code: string;
  name: string;
  township: string;
  /** A 社区 in a 街道 or town seat: urban hukou and street addresses. */
  urban: boolean;
}

export interface DemoRegions {
  townships: Array<{ code: string; name: string }>;
  villages: DemoVillage[];
  /** True when the county's own regions were used instead of generated ones. */
  existing: boolean;
}

function shuffled<T>(rng: Rng, items: readonly T[]): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = rng.int(0, i);
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

const pad3 = (n: number) => String(n).padStart(3, '0');

/**
 * 10–20 townships, the first few 街道 (all 社区), then 镇 (a few 社区 at the town
 * seat, then 村) and 乡 (only 村), each with 8–25 villages. Codes follow the
 * statistical convention: 社区 (居委会) from 001, 村 (村委会) from 201.
 */
export function generateRegions(rng: Rng, countyCode: string): DemoRegions {
  const count = rng.int(10, 20);
  const words = shuffled(rng, TOWNSHIP_WORDS).slice(0, count);
  const streets = Math.max(2, Math.round(count * 0.3));
  const townships: DemoRegions['townships'] = [];
  const villages: DemoVillage[] = [];
  words.forEach((word, i) => {
    const kind = i < streets ? '街道' : i < count - 2 ? '镇' : '乡';
    const code = `${countyCode}${pad3(i + 1)}`;
    const township = { code: `${code}000`, name: word + kind };
    townships.push(township);
    const n = rng.int(8, 25);
    const communities = kind === '街道' ? n : kind === '镇' ? rng.int(1, 3) : 0;
    shuffled(rng, VILLAGE_WORDS)
      .slice(0, n)
      .forEach((v, j) => {
        const urban = j < communities;
        villages.push({
          code: `${code}${pad3(urban ? j + 1 : 200 + j - communities + 1)}`,
          name: v + (urban ? '社区' : '村'),
          township: township.name,
          urban,
        });
      });
  });
  return { townships, villages, existing: false };
}

/** The county's own villages when an office configured them before asking for demo data. */
export function existingRegions(db: Database.Database): DemoRegions | null {
  const rows = db
    .prepare(
      `SELECT v.code, v.name, t.name AS township FROM regions v JOIN regions t ON t.code = v.parent_code
       WHERE v.level = 'village' ORDER BY v.code`,
    )
    .all() as Array<{ code: string; name: string; township: string }>;
  if (rows.length === 0) return null;
  const townships = db
    .prepare(`SELECT code, name FROM regions WHERE level = 'township' ORDER BY code`)
    .all() as DemoRegions['townships'];
  return {
    townships,
    villages: rows.map((r) => ({ ...r, urban: /社区$|居委会$/.test(r.name) || /街道$/.test(r.township) })),
    existing: true,
  };
}
