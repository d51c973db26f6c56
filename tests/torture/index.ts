/**
 * `npm run torture`: SIGKILLs spread over payout generation, import commit,
 * backup, restore and PDF printing, each at a random moment of a child doing
 * that work in a loop. After every kill the data directory is opened as a
 * sign-in would (an interrupted restore settled) and must hold: integrity_check
 * ok, the audit anchor agreeing with the database, no batch whose lines
 * disagree with its totals, and no file under a final name that is not whole.
 *
 *   npm run torture -- [--kills 1000] [--lanes 2] [--seed N]
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { build } from 'esbuild';
import { anchorProblem, checkAnchor, readAnchor } from '../../electron/db/anchor';
import { openSlot, readKeyring } from '../../electron/db/keyring';
import { AppContext } from '../../electron/services/app/context';
import { openWithKey } from '../../electron/services/auth/keys';
import { checkFolder } from '../../electron/services/backup/manifest';
import { backupIfDue } from '../../electron/services/backup/service';
import { ADMIN } from '../support/fixtures';
import { PayoutCounty } from '../support/payout-county';
import { tempDir } from '../support/tmp';
import { TORTURE_OPS, type TortureOp } from './child';

const { values } = parseArgs({
  options: { kills: { type: 'string' }, lanes: { type: 'string' }, seed: { type: 'string' } },
});
const KILLS = Number(values.kills ?? 1000);
const LANES = Number(values.lanes ?? 2);
const SEED = Number(values.seed ?? Math.floor(Math.random() * 2 ** 31));

/** mulberry32: the same seed gives the same kill moments. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

async function prepare(dir: string): Promise<{ key: Buffer; backup: string }> {
  const c = new PayoutCounty(dir);
  await c.setup([
    ['elderly', '80-89', '2000-01', 5000],
    ['elderly', '90-99', '2000-01', 10000],
  ]);
  for (let i = 0; i < 40; i++) {
    const p = await c.person(
      `4201021940031${String(100 + i).padStart(4, '0')}`,
      `老人${'甲乙丙丁戊己庚辛壬癸'[i % 10] ?? ''}${'子丑寅卯辰巳午未申酉'[Math.floor(i / 10) % 10] ?? ''}`,
      `62170000100000${String(10000 + i)}`,
    );
    await c.enrol(p, 'elderly', '2025-12-01', '2026-01-02');
  }
  await c.at('2026-01-20');
  await c.pay('elderly', '2026-01');
  const daily = backupIfDue(c.t.app, 'daily')?.daily ?? '';
  c.close();
  const slot = readKeyring(join(dir, 'welfare.keys.json')).slots.find((s) => s.username === ADMIN.username);
  const key = slot ? openSlot(slot, ADMIN.password) : null;
  if (!key) throw new Error('admin slot');
  return { key, backup: join(dir, 'backups', daily) };
}

function wholePdf(path: string): boolean {
  const b = readFileSync(path);
  return b.subarray(0, 5).toString() === '%PDF-' && b.subarray(-32).toString('latin1').includes('%%EOF');
}

const TEMP = /\.(tmp|partial)$|\.partial[\\/]?|~\w+\.tmp$|^\..*\.tmp/;

/** Everything a kill must not break; returns the problems found (none is the point). */
function verify(dir: string, out: string, key: Buffer): string[] {
  const problems: string[] = [];
  const ctx = new AppContext({ dataDir: dir, version: 'torture' });
  try {
    openWithKey(ctx, key);
    const store = ctx.currentStore();
    if (!store) return ['not open'];
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
  } catch (e) {
    problems.push(`open: ${String(e)}`);
  } finally {
    ctx.close();
  }
  for (const name of existsSync(out) ? readdirSync(out) : []) {
    const path = join(out, name);
    if (name.endsWith('.pdf') && !wholePdf(path)) problems.push(`not whole: ${name}`);
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
  return problems;
}

interface Lane {
  dir: string;
  out: string;
  key: Buffer;
  backup: string;
}

async function killOnce(bundle: string, lane: Lane, op: TortureOp, n: number, delayMs: number): Promise<void> {
  const child = spawn(process.execPath, [bundle], {
    env: {
      ...process.env,
      WD_T_DIR: lane.dir,
      WD_T_OUT: lane.out,
      WD_T_KEY: lane.key.toString('hex'),
      WD_T_OP: op,
      WD_T_N: String(n),
      WD_T_BACKUP: lane.backup,
      // The bundle lives in a temp folder; the native module is found beside the sources.
      NODE_PATH: join(import.meta.dirname, '../../node_modules'),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (d: Buffer) => (d.toString().includes('ready') ? resolve() : undefined));
    void exited.then((code) => reject(new Error(`child ${op} exited ${String(code)} before ready: ${stderr}`)));
  });
  await new Promise((r) => setTimeout(r, delayMs));
  child.kill('SIGKILL');
  const code = await exited;
  if (code !== null) throw new Error(`child ${op} ended by itself (${String(code)}): ${stderr.slice(0, 2000)}`);
}

async function main(): Promise<void> {
  const started = Date.now();
  console.log(
    `torture: seed ${String(SEED)}, ${String(KILLS)} kills, ${String(LANES)} lanes (rerun with --seed ${String(SEED)})`,
  );
  const tmp = tempDir('wd-torture-');
  const bundle = join(tmp.dir, 'child.cjs');
  await build({
    entryPoints: [join(import.meta.dirname, 'child.ts')],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    outfile: bundle,
    external: ['better-sqlite3-multiple-ciphers'],
    nodePaths: [join(import.meta.dirname, '../../node_modules')],
    logLevel: 'error',
  });
  const lanes: Lane[] = [];
  for (let i = 0; i < LANES; i++) {
    const dir = join(tmp.dir, `lane${String(i)}`, 'data');
    const out = join(tmp.dir, `lane${String(i)}`, 'out');
    mkdirSync(out, { recursive: true });
    lanes.push({ dir, out, ...(await prepare(dir)) });
  }
  const counts: Record<TortureOp, number> = { payout: 0, import: 0, backup: 0, restore: 0, print: 0 };
  const failures: string[] = [];
  let done = 0;
  await Promise.all(
    lanes.map(async (lane, li) => {
      const random = rng(SEED + li);
      for (let n = li; n < KILLS; n += LANES) {
        const op = TORTURE_OPS[n % TORTURE_OPS.length] ?? 'payout';
        try {
          await killOnce(bundle, lane, op, n, Math.floor(random() * 700));
        } catch (e) {
          failures.push(`spawn ${String(n)} (${op}): ${String(e).slice(0, 400)}`);
          console.log(`  FAIL ${failures.at(-1) ?? ''}`);
          if (failures.length > 20) throw e;
          continue;
        }
        counts[op]++;
        const problems = verify(lane.dir, lane.out, lane.key);
        if (problems.length > 0) {
          failures.push(`kill ${String(n)} (${op}): ${problems.join('; ')}`);
          console.log(`  FAIL ${failures.at(-1) ?? ''}`);
        }
        done++;
        if (done % 50 === 0) console.log(`  ${String(done)} kills, ${String(failures.length)} failures`);
      }
    }),
  );
  const seconds = Math.round((Date.now() - started) / 1000);
  console.log(
    `torture: seed ${String(SEED)}: ${String(done)} SIGKILLs (${Object.entries(counts)
      .map(([k, v]) => `${k} ${String(v)}`)
      .join(', ')}) in ${String(seconds)} s; ${String(failures.length)} failures`,
  );
  if (failures.length === 0) rmSync(tmp.dir, { recursive: true, force: true });
  else console.log(`  data kept in ${tmp.dir}`);
  process.exit(failures.length === 0 ? 0 : 1);
}

void main();
