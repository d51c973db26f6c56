import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import type { DivisionTree } from '../../../shared/contract';
import { AppError } from '../../errors';
import { DIVISIONS_FILE, type DivisionIndex } from './divisions-build';

/** Where the extract is: beside the app (packaged), or in `resources/` above the code (dev, tests, CLI). */
function divisionsPath(): string {
  const candidates: string[] = [];
  if (process.env.WELFARE_DESK_DIVISIONS) candidates.push(process.env.WELFARE_DESK_DIVISIONS);
  const resourcesPath = (process as { resourcesPath?: string }).resourcesPath;
  if (resourcesPath) candidates.push(join(resourcesPath, DIVISIONS_FILE));
  for (let dir = __dirname, i = 0; i < 6; i++, dir = dirname(dir)) {
    candidates.push(join(dir, 'resources', DIVISIONS_FILE));
    candidates.push(join(dir, DIVISIONS_FILE));
  }
  const found = candidates.find((p) => existsSync(p));
  if (!found) throw new AppError('INVALID_INPUT', '全国区划数据缺失：请重新安装程序（开发环境请先运行 npm run build）');
  return found;
}

let zipBytes: Uint8Array | undefined;
let tree: DivisionTree | undefined;

function entry(name: string): string | undefined {
  zipBytes ??= readFileSync(divisionsPath());
  const files = unzipSync(zipBytes, { filter: (f) => f.name === name });
  const bytes = files[name];
  return bytes ? strFromU8(bytes) : undefined;
}

/** Provinces → cities → counties of the statistical division codes (2023). */
export function divisionTree(): DivisionTree {
  if (tree) return tree;
  const index = JSON.parse(entry('index.json') ?? '[]') as DivisionIndex;
  tree = index.map(([code, name, cities]) => ({
    code,
    name,
    cities: cities.map(([cityCode, cityName, counties]) => ({
      code: cityCode,
      name: cityName,
      counties: counties.map(([countyCode, countyName]) => ({ code: countyCode, name: countyName })),
    })),
  }));
  return tree;
}

export function findCounty(code: string): { code: string; name: string; city: string; province: string } | undefined {
  for (const p of divisionTree())
    for (const c of p.cities)
      for (const k of c.counties) if (k.code === code) return { ...k, city: c.name, province: p.name };
  return undefined;
}

export interface CountyRegion {
  code: string;
  name: string;
  level: 'township' | 'village';
  parentCode: string | null;
}

/** The county's townships (12-digit codes ending 000) and villages, townships first within each. */
export function countyRegions(countyCode: string): CountyRegion[] {
  const text = entry(`${countyCode}.txt`);
  if (text === undefined) return [];
  const out: CountyRegion[] = [];
  let township = '';
  for (const line of text.split('\n')) {
    const tab = line.indexOf('\t');
    if (tab < 0) continue;
    const code = line.slice(0, tab);
    const name = line.slice(tab + 1).slice(0, 60);
    if (code.length === 9) {
      township = code;
      out.push({ code: `${code}000`, name, level: 'township', parentCode: null });
    } else out.push({ code: `${township}${code}`, name, level: 'village', parentCode: `${township}000` });
  }
  return out;
}
