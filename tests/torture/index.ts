/**
 * `npm run torture`: SIGKILLs spread over payout generation, import commit,
 * backup, restore, PDF printing (real headless Chromium) and package export,
 * each at a random moment of a child doing that work in a loop. After every
 * kill the data directory is opened as a sign-in would (an interrupted restore
 * settled) and must hold: integrity_check ok, the audit anchor agreeing with the
 * database, no batch whose lines disagree with its totals, no file under a final
 * name that is not whole (PDFs parsed by pdf-lib, packages opened with the
 * city's identity, backups checked against their manifests), and no process of
 * the killed child (Chromium included) left running.
 *
 *   npm run torture -- [--kills 1000] [--parallel 2] [--seed N] [--reset 20] [--ops print,package]
 */
import { spawn } from 'node:child_process';
import { cpSync, mkdirSync, rmSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { build } from 'esbuild';
import { ensureDivisions } from '../../electron/services/regions/divisions-build';
import { tempDir } from '../support/tmp';
import { TORTURE_OPS, type TortureOp } from './child';
import { killAll, settle, sweep } from './procs';
import { prepareTemplate, type Template } from './template';
import { selfCheck, verify } from './verify';

const { values } = parseArgs({
  options: {
    kills: { type: 'string' },
    parallel: { type: 'string' },
    lanes: { type: 'string' },
    seed: { type: 'string' },
    reset: { type: 'string' },
    ops: { type: 'string' },
  },
});
const KILLS = Number(values.kills ?? 1000);
// `--lanes` is the older name of `--parallel`.
const PARALLEL = Number(values.parallel ?? values.lanes ?? 2);
const SEED = Number(values.seed ?? Math.floor(Math.random() * 2 ** 31));
/** Kills between fresh copies of the template: state carries over kills, yet stays small. */
const RESET = Number(values.reset ?? 20);
const OPS: readonly TortureOp[] = values.ops
  ? values.ops.split(',').map((o) => {
      if (!(TORTURE_OPS as readonly string[]).includes(o)) throw new Error(`unknown op ${o}`);
      return o as TortureOp;
    })
  : TORTURE_OPS;

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

interface Lane {
  dir: string;
  out: string;
  tmp: string;
}

/** How long one round of each op takes, learnt from the children's `cycle` lines. */
const cycleMs: Record<TortureOp, number[]> = {
  payout: [],
  import: [],
  backup: [],
  restore: [],
  print: [],
  package: [],
};

/** Spawns of an op killed before any round of it finished: until one does, the window doubles. */
const blind: Record<TortureOp, number> = { payout: 0, import: 0, backup: 0, restore: 0, print: 0, package: 0 };

function killWindow(op: TortureOp): number {
  const seen = cycleMs[op];
  if (seen.length === 0) return Math.min(30_000, 700 * 2 ** blind[op]);
  const sorted = [...seen].sort((a, b) => a - b);
  // A little past the median round, so some kills land in a second round too.
  return Math.max(30, Math.round((sorted[Math.floor(sorted.length / 2)] ?? 700) * 1.3));
}

interface Killed {
  survivors: number;
  left: number[];
  readyMs: number;
}

/** Children running now: an interrupted run takes them down (they are in groups of their own, so Ctrl-C does not). */
const live = new Map<number, string>();
const killLive = () => {
  for (const [pid, marker] of live) {
    try {
      process.kill(-pid, 'SIGKILL');
    } catch {
      // Gone already.
    }
    sweep(marker);
  }
};
process.on('exit', killLive);
for (const sig of ['SIGINT', 'SIGTERM'] as const)
  process.on(sig, () => {
    killLive();
    process.exit(130);
  });

/** Where a kill's time goes, per op: spawn to ready, ready to kill, the checks after. */
const timing: Record<string, { ready: number; wait: number; verify: number }> = {};

async function killOnce(
  bundle: string,
  t: Template,
  lane: Lane,
  op: TortureOp,
  n: number,
  random: () => number,
): Promise<Killed> {
  const marker = `${String(SEED)}-${String(n)}`;
  const child = spawn(process.execPath, [bundle], {
    // Its own process group, so the kill takes whatever it started that stayed in the group.
    detached: true,
    env: {
      ...process.env,
      WD_T_DIR: lane.dir,
      WD_T_OUT: lane.out,
      WD_T_KEY: t.key.toString('hex'),
      WD_T_OP: op,
      WD_T_N: String(n),
      WD_T_BACKUP: join(lane.dir, t.backup),
      WD_T_MARK: marker,
      // Playwright's Chromium profile goes here, and is removed with the lane's leftovers.
      TMPDIR: lane.tmp,
      WELFARE_DESK_DIVISIONS: t.divisions,
      // A thousand starts of a 10 MB bundle: V8's code cache saves a third of each.
      NODE_COMPILE_CACHE: join(bundle, '..', 'v8-cache'),
      // The bundle lives in a temp folder; the native module is found beside the sources.
      NODE_PATH: join(import.meta.dirname, '../../node_modules'),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const t0 = Date.now();
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
  let ready = false;
  live.set(child.pid ?? 0, marker);
  const readyOrExit = new Promise<void>((resolveReady, reject) => {
    let buffered = '';
    child.stdout.on('data', (d: Buffer) => {
      buffered += d.toString();
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      for (const line of lines) {
        if (line === 'ready') {
          ready = true;
          resolveReady();
        }
        const m = /^cycle (\d+)$/.exec(line);
        if (m) cycleMs[op] = [...cycleMs[op].slice(-49), Number(m[1])];
      }
    });
    void exited.then((code) => reject(new Error(`child ${op} exited ${String(code)} before ready: ${stderr}`)));
  });
  try {
    // A child that hangs before ready (Chromium that never starts) is a failure, not a stuck run.
    await Promise.race([
      readyOrExit,
      new Promise((_, reject) => setTimeout(() => reject(new Error(`child ${op} not ready after 60 s`)), 60_000)),
    ]);
  } catch (e) {
    await killAll(child.pid ?? 0, marker, exited);
    await settle(marker);
    live.delete(child.pid ?? 0);
    throw e;
  }
  const readyMs = Date.now() - t0;
  const wait = Math.floor(random() * killWindow(op));
  await new Promise((r) => setTimeout(r, wait));
  const tm = (timing[op] ??= { ready: 0, wait: 0, verify: 0 });
  tm.ready += readyMs;
  tm.wait += wait;
  if (cycleMs[op].length === 0) blind[op]++;
  const survivors = await killAll(child.pid ?? 0, marker, exited);
  const code = await exited;
  const left = await settle(marker);
  live.delete(child.pid ?? 0);
  rmSync(lane.tmp, { recursive: true, force: true });
  mkdirSync(lane.tmp, { recursive: true });
  if (code !== null || !ready)
    throw new Error(`child ${op} ended by itself (${String(code)}): ${stderr.slice(0, 2000)}`);
  return { survivors, left, readyMs };
}

function resetLane(t: Template, lane: Lane): void {
  for (const d of [lane.dir, lane.out, lane.tmp]) rmSync(d, { recursive: true, force: true });
  cpSync(t.dir, lane.dir, { recursive: true });
  mkdirSync(lane.out, { recursive: true });
  mkdirSync(lane.tmp, { recursive: true });
}

async function main(): Promise<void> {
  const started = Date.now();
  console.log(
    `torture: seed ${String(SEED)}, ${String(KILLS)} kills over ${OPS.join(', ')}; ${String(PARALLEL)} in parallel (rerun with --seed ${String(SEED)})`,
  );
  const tmp = tempDir('wd-torture-');
  const bundle = join(tmp.dir, 'child.cjs');
  await build({
    entryPoints: [join(import.meta.dirname, 'child.ts')],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    outfile: bundle,
    external: ['better-sqlite3-multiple-ciphers', 'playwright-core'],
    nodePaths: [join(import.meta.dirname, '../../node_modules')],
    logLevel: 'error',
    // The engine imports playwright-core lazily; as require() it is found through NODE_PATH like the native module.
    supported: { 'dynamic-import': false },
  });
  const divisions = ensureDivisions(resolve(import.meta.dirname, '../..'));
  const template = await prepareTemplate(join(tmp.dir, 'template'), divisions);
  const scratch: Lane = {
    dir: join(tmp.dir, 'check', 'data'),
    out: join(tmp.dir, 'check', 'out'),
    tmp: join(tmp.dir, 'check', 'tmp'),
  };
  resetLane(template, scratch);
  await selfCheck(scratch.dir, scratch.out, template.key, template.cityIdentity);
  console.log(
    `  template ready and the checks seen to fail on planted broken files in ${String(Math.round((Date.now() - started) / 1000))} s`,
  );
  const lanes: Lane[] = Array.from({ length: PARALLEL }, (_, i) => ({
    dir: join(tmp.dir, `lane${String(i)}`, 'data'),
    out: join(tmp.dir, `lane${String(i)}`, 'out'),
    tmp: join(tmp.dir, `lane${String(i)}`, 'tmp'),
  }));
  const counts = Object.fromEntries(OPS.map((o) => [o, 0])) as Record<TortureOp, number>;
  const failures: string[] = [];
  const fail = (s: string) => {
    failures.push(s);
    console.log(`  FAIL ${s}`);
  };
  let done = 0;
  let partials = 0;
  let survivors = 0;
  await Promise.all(
    lanes.map(async (lane, li) => {
      const random = rng(SEED + li);
      let lastPartials = 0;
      for (let k = 0, n = li; n < KILLS; k++, n += PARALLEL) {
        if (k % RESET === 0) {
          partials += lastPartials;
          lastPartials = 0;
          resetLane(template, lane);
        }
        // Every lane walks through every op in turn, so each kill's leftovers meet every other op.
        const op = OPS[(k + li) % OPS.length] ?? 'payout';
        let killed: Killed;
        try {
          killed = await killOnce(bundle, template, lane, op, n, random);
        } catch (e) {
          fail(`spawn ${String(n)} (${op}): ${String(e).slice(0, 400)}`);
          if (failures.length > 20) throw e;
          continue;
        }
        counts[op]++;
        survivors += killed.survivors;
        const v0 = Date.now();
        const found = await verify(lane.dir, lane.out, template.key, template.cityIdentity);
        (timing[op] ??= { ready: 0, wait: 0, verify: 0 }).verify += Date.now() - v0;
        if (killed.left.length > 0) found.problems.push(`processes left running: ${killed.left.join(' ')}`);
        if (found.problems.length > 0) fail(`kill ${String(n)} (${op}): ${found.problems.join('; ')}`);
        lastPartials = found.partials;
        done++;
        if (n + PARALLEL >= KILLS) partials += lastPartials;
        if (done % 50 === 0)
          console.log(
            `  ${String(done)} kills, ${String(failures.length)} failures, ${String(Math.round((Date.now() - started) / 1000))} s`,
          );
      }
    }),
  );
  const seconds = Math.round((Date.now() - started) / 1000);
  const perOp = Object.entries(counts)
    .map(([k, v]) => {
      const tm = timing[k] ?? { ready: 0, wait: 0, verify: 0 };
      const avg = (x: number) => String(Math.round(x / Math.max(1, v)));
      return `${k} ${String(v)} (round ~${String(killWindow(k as TortureOp))} ms; avg ready ${avg(tm.ready)}, kill after ${avg(tm.wait)}, check ${avg(tm.verify)} ms)`;
    })
    .join(', ');
  console.log(`torture: seed ${String(SEED)}: ${String(done)} SIGKILLs (${perOp}) in ${String(seconds)} s`);
  console.log(
    `  Chromium and other processes outside the child's group killed after it: ${String(survivors)}; ` +
      `.partial files left beside targets at lane resets: ${String(partials)}; ${String(failures.length)} failures`,
  );
  if (failures.length === 0) rmSync(tmp.dir, { recursive: true, force: true });
  else console.log(`  data kept in ${relative(process.cwd(), tmp.dir) || tmp.dir}`);
  process.exit(failures.length === 0 ? 0 : 1);
}

void main();
