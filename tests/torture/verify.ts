import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { anchorProblem, checkAnchor, readAnchor } from '../../electron/db/anchor';
import { AppContext } from '../../electron/services/app/context';
import { openWithKey } from '../../electron/services/auth/keys';
import { checkFolder } from '../../electron/services/backup/manifest';
import { isPartialName } from '../../electron/services/files/output';
import { openPackage } from '../../electron/services/package/format';

export interface Findings {
  problems: string[];
  /** Temporary files a kill left beside a target (`.name.xxxx.partial`): never under a final name. */
  partials: number;
}

const LEFTOVER = /\.restoring$|\.tmp$|\.before-restore$|\.next$|\.partial$|^welfare\.restore\.json$/;
const TEMP = /\.(tmp|partial)$|\.partial[\\/]?|~\w+\.tmp$|^\..*\.tmp/;

async function wholePdf(path: string): Promise<string | null> {
  const b = readFileSync(path);
  if (b.subarray(0, 5).toString() !== '%PDF-' || !b.subarray(-32).toString('latin1').includes('%%EOF'))
    return 'no %PDF- … %%EOF';
  try {
    const doc = await PDFDocument.load(b, { throwOnInvalidObject: true });
    return doc.getPageCount() > 0 ? null : 'no pages';
  } catch (e) {
    return `pdf-lib: ${String(e).slice(0, 120)}`;
  }
}

interface Recorded {
  file_name: string;
  sha256: string;
}

/** Everything a kill must not break; `problems` empty is the point. */
export async function verify(dir: string, out: string, key: Buffer, cityIdentity: string): Promise<Findings> {
  const problems: string[] = [];
  let recorded: Recorded[] = [];
  const ctx = new AppContext({ dataDir: dir, version: 'torture' });
  try {
    // Opened as a sign-in opens it: an interrupted restore is settled here.
    openWithKey(ctx, key);
    const store = ctx.currentStore();
    if (!store) return { problems: ['not open'], partials: 0 };
    const db = store.raw;
    const integrity = db.pragma('integrity_check', { simple: true });
    if (integrity !== 'ok') problems.push(`integrity: ${String(integrity)}`);
    const anchor = anchorProblem(checkAnchor(db, key, readAnchor(ctx.paths.anchor)));
    if (anchor) problems.push(`anchor: ${anchor}`);
    const half = db
      .prepare(
        `SELECT b.id, b.line_count, b.total_fen, count(l.id) AS n, coalesce(sum(l.amount_fen), 0) AS fen
           FROM payout_batches b LEFT JOIN payout_lines l ON l.batch_id = b.id
          GROUP BY b.id HAVING n <> b.line_count OR fen <> b.total_fen`,
      )
      .all();
    if (half.length > 0) problems.push(`half batch: ${JSON.stringify(half)}`);
    recorded = db.prepare('SELECT file_name, sha256 FROM package_exports').all() as Recorded[];
  } catch (e) {
    problems.push(`open: ${String(e)}`);
  } finally {
    ctx.close();
  }
  // What the open promises to have removed: a restore's and a rekey's leftovers, unfinished backup folders.
  for (const name of readdirSync(dir))
    if (LEFTOVER.test(name)) problems.push(`left in the data directory after open: ${name}`);
  for (const g of ['daily', 'monthly', 'manual', 'safety']) {
    const parent = join(dir, 'backups', g);
    for (const name of existsSync(parent) ? readdirSync(parent) : [])
      if (name.endsWith('.partial') || name.endsWith('.old'))
        problems.push(`unfinished backup after open: ${g}/${name}`);
  }
  let partials = 0;
  for (const name of existsSync(out) ? readdirSync(out) : []) {
    if (isPartialName(name)) partials++;
    else if (name.endsWith('.pdf')) {
      const bad = await wholePdf(join(out, name));
      if (bad) problems.push(`pdf not whole: ${name}: ${bad}`);
    }
  }
  // Every package under its final name opens with the city's identity (age layer, signature, part hashes).
  const packages = new Map<string, string[]>();
  const pkgRoot = join(out, 'pkg');
  for (const name of existsSync(pkgRoot) ? readdirSync(pkgRoot) : []) {
    if (isPartialName(name)) {
      partials++;
      continue;
    }
    const bytes = readFileSync(join(pkgRoot, name));
    try {
      await openPackage(bytes, cityIdentity);
    } catch (e) {
      problems.push(`package not whole: ${name}: ${String(e).slice(0, 160)}`);
    }
    const sha = createHash('sha256').update(bytes).digest('hex');
    packages.set(name, [...(packages.get(name) ?? []), sha]);
  }
  // An export the database records was renamed into place before its record was committed.
  for (const r of recorded) {
    if (!(packages.get(r.file_name) ?? []).includes(r.sha256))
      problems.push(`package recorded but not on disk: ${r.file_name}`);
  }
  for (const parent of [
    join(out, 'backups'),
    ...['daily', 'monthly', 'manual', 'safety'].map((g) => join(dir, 'backups', g)),
  ]) {
    if (!existsSync(parent)) continue;
    for (const name of readdirSync(parent)) {
      const folder = join(parent, name);
      if (TEMP.test(name) || name.endsWith('.old') || !statSync(folder).isDirectory()) continue;
      // Raw safety copies are evidence, not backups: they carry no manifest by design.
      if (name.endsWith('-raw')) continue;
      try {
        checkFolder(folder);
      } catch (e) {
        problems.push(`backup not whole: ${folder}: ${String(e)}`);
      }
    }
  }
  return { problems, partials };
}

/**
 * The checks must be able to fail: before the kills, broken files are planted
 * under final names in a scratch copy and each must be reported.
 */
export async function selfCheck(dir: string, out: string, key: Buffer, cityIdentity: string): Promise<void> {
  const doc = await PDFDocument.create();
  for (let i = 0; i < 3; i++) doc.addPage().drawText(`page ${String(i + 1)}`);
  const pdf = Buffer.from(await doc.save());
  mkdirSync(join(out, 'pkg'), { recursive: true });
  writeFileSync(join(out, 'cut.pdf'), pdf.subarray(0, pdf.length >> 1));
  // Head and tail intact, the middle gone: only a parser notices.
  writeFileSync(join(out, 'hollow.pdf'), Buffer.concat([pdf.subarray(0, 400), pdf.subarray(-200)]));
  writeFileSync(join(out, 'pkg', 'cut.wdpkg'), Buffer.from('WDPKG'));
  const { problems } = await verify(dir, out, key, cityIdentity);
  for (const name of ['cut.pdf', 'hollow.pdf', 'cut.wdpkg'])
    if (!problems.some((p) => p.includes(name)))
      throw new Error(`self-check: ${name} not reported (${problems.join('; ')})`);
}
