import { generateKeyPairSync, sign, verify, type KeyObject } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { AppContext } from '../../electron/services/app/context';
import { readMeta } from '../../electron/services/app/meta';
import { generateDemo } from '../../electron/services/demo';
import { NO_JOB, type Job } from '../../electron/services/jobs/runner';
import { cityStatus } from '../../electron/services/package/status';
import { exportPackage } from '../../electron/services/package/export';
import { age, sealPackage, type PackageSigner, type PartInput } from '../../electron/services/package/format';
import { importPackage, registerCounty } from '../../electron/services/package/import';
import { countySigner, ensureCityIdentity, setCityRecipient } from '../../electron/services/package/keys';
import { tablesXlsx } from '../../electron/services/package/paper';
import { periodRoster, periodTables } from '../../electron/services/package/tables';
import { initDataDir } from '../../electron/services/auth/service';
import { initialisedDir, newApp, PASSWORD, signIn, ADMIN } from '../support/fixtures';
import { tempDir } from '../support/tmp';
import { median, printTable, type Row } from './stats';

const RUNS = 3;
const COUNTIES = 10;
const TODAY = '2026-07-05';
const PERIOD = { from: '2026-01', to: '2026-06' };

const peakMiB = () => process.resourceUsage().maxRSS / 1024;

/** The floor: the same bytes age-encrypted to the city and Ed25519-signed, nothing else. */
async function sealFloor(bytes: Buffer, recipient: string, key: KeyObject): Promise<number> {
  const { Encrypter } = await age();
  const t = performance.now();
  sign(null, bytes, key);
  const e = new Encrypter();
  e.addRecipient(recipient);
  await e.encrypt(bytes);
  return performance.now() - t;
}

async function openFloor(ct: Uint8Array, bytes: Buffer, identity: string, pub: KeyObject, sig: Buffer) {
  const { Decrypter } = await age();
  const t = performance.now();
  const d = new Decrypter();
  d.addIdentity(identity);
  await d.decrypt(ct);
  verify(null, bytes, pub, sig);
  return performance.now() - t;
}

/** A job that notes when each phase began, to say where an export's time goes. */
function timedJob(): { job: Job; phases: () => Array<[string, number]> } {
  const marks: Array<[string, number]> = [];
  let last = '';
  const job: Job = {
    ...NO_JOB,
    step: (_d, _t, phase) => {
      if (phase && phase !== last) marks.push([(last = phase), performance.now()]);
    },
  };
  const phases = () =>
    marks.map(([name, at], i): [string, number] => [name, (marks[i + 1]?.[1] ?? performance.now()) - at]);
  return { job, phases };
}

/**
 * `npm run bench -- --only package [--scale S]`: a county's period package (tables,
 * xlsx, full roster) sealed and written with read-back, and a city importing and
 * consolidating ten such packages, against the cost of age and Ed25519 alone.
 */
export async function benchPackage(scale: number): Promise<void> {
  const tmp = tempDir();
  try {
    const countyDir = join(tmp.dir, 'county');
    const out = join(tmp.dir, 'stick');
    mkdirSync(out);
    initialisedDir(countyDir, { users: [{ username: 'wang', displayName: '王负责', roles: ['head'] }] });
    const cityDir = join(tmp.dir, 'city');
    const cityCtx = new AppContext({ dataDir: cityDir, version: 'bench' });
    initDataDir(cityCtx, {
      countyCode: '420900',
      countyName: '孝感市',
      officeName: '孝感市民政局',
      level: 'city',
      admin: { ...ADMIN },
    });
    cityCtx.close();
    const city = newApp(cityDir);
    await signIn(city, 'a');
    const cityStore = city.app.currentStore();
    if (!cityStore) throw new Error('no city store');
    const cityActor = { username: ADMIN.username, channel: 'bench' };
    const { identity, recipient } = await ensureCityIdentity(cityStore, cityActor);

    const t = newApp(countyDir, { clock: () => new Date(`${TODAY}T02:00:00Z`) });
    await signIn(t, 'wang', 'wang', PASSWORD);
    const store = t.app.currentStore();
    if (!store) throw new Error('no store');
    const actor = { username: 'wang', channel: 'bench' };
    const built = performance.now();
    const demo = generateDemo(
      store,
      { username: 'wang', channel: 'demo.generate' },
      { scale, seed: 20261203, today: TODAY, countyCode: '420902', historyMonths: 12 },
    );
    const buildS = (performance.now() - built) / 1000;
    setCityRecipient(store, actor, recipient);
    const afterDemo = peakMiB();

    // The bytes a package carries, made once outside the clock for the floors.
    const tables = periodTables(store, PERIOD, TODAY);
    const roster = periodRoster(store, PERIOD, 'full');
    const parts: PartInput[] = [
      { name: 'tables.json', content: Buffer.from(JSON.stringify(tables)), rows: 0 },
      { name: 'tables.xlsx', content: await tablesXlsx('bench', tables), rows: 0 },
      { name: 'roster.json', content: Buffer.from(JSON.stringify(roster)), rows: roster.length },
    ];
    const payload = Buffer.concat(parts.map((p) => p.content));
    process.stdout.write(
      `\npackage bench: demo scale ${String(scale)} (built in ${buildS.toFixed(0)} s), ${String(demo.persons)} persons, ` +
        `roster ${String(roster.length)} rows, package payload ${(payload.length / 1048576).toFixed(1)} MiB\n`,
    );
    const pair = generateKeyPairSync('ed25519');
    const floorSeal: number[] = [];
    for (let i = 0; i < RUNS; i++) floorSeal.push(await sealFloor(payload, recipient, pair.privateKey));

    const signer = countySigner(t.app);
    const exportMs: number[] = [];
    const phaseMs = new Map<string, number[]>();
    for (let i = 0; i < RUNS; i++) {
      const timed = timedJob();
      const s = performance.now();
      await exportPackage(
        store,
        t.app.paths,
        actor,
        { period: PERIOD, roster: 'full', folder: out, appVersion: 'bench', now: new Date().toISOString() },
        signer,
        timed.job,
      );
      exportMs.push(performance.now() - s);
      for (const [name, ms] of timed.phases()) phaseMs.set(name, [...(phaseMs.get(name) ?? []), ms]);
    }
    process.stdout.write(
      `export phases (median ms): ${[...phaseMs].map(([n, ms]) => `${n} ${median(ms).toFixed(0)}`).join(', ')}\n`,
    );
    const afterExport = peakMiB();
    const meta = readMeta(store);

    // Ten counties: the same figures under ten codes and ten keys, one fresh sequence per run.
    const keys = Array.from({ length: COUNTIES }, (_, i) => {
      const k = generateKeyPairSync('ed25519');
      const s: PackageSigner = {
        publicKey: k.publicKey.export({ format: 'der', type: 'spki' }).toString('base64'),
        sign: (d) => sign(null, d, k.privateKey),
      };
      registerCounty(cityStore, cityActor, {
        code: `4209${String(10 + i)}`,
        name: `县${String(i + 1)}`,
        signingKey: s.publicKey,
        now: new Date().toISOString(),
      });
      return s;
    });
    const importMs: number[] = [];
    const consolidateMs: number[] = [];
    const floorOpen: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      const files: Uint8Array[] = [];
      for (const [i, s] of keys.entries()) {
        const head = {
          countyCode: `4209${String(10 + i)}`,
          countyName: `县${String(i + 1)}`,
          periodFrom: PERIOD.from,
          periodTo: PERIOD.to,
          sequence: run + 1,
          schemaVersion: 13,
          appVersion: 'bench',
          createdAt: new Date().toISOString(),
          createdBy: meta.county_name ?? 'wang',
          roster: 'full' as const,
        };
        files.push((await sealPackage(head, parts, s, recipient)).file);
      }
      let floor = 0;
      const sig = sign(null, payload, pair.privateKey);
      const { Encrypter } = await age();
      const e = new Encrypter();
      e.addRecipient(recipient);
      const ct = await e.encrypt(payload);
      for (let i = 0; i < files.length; i++) floor += await openFloor(ct, payload, identity, pair.publicKey, sig);
      floorOpen.push(floor);
      const s = performance.now();
      for (const f of files) await importPackage(cityStore, cityActor, f, { now: new Date().toISOString() }, NO_JOB);
      importMs.push(performance.now() - s);
      const c = performance.now();
      const st = cityStatus(cityStore, PERIOD);
      consolidateMs.push(performance.now() - c);
      if (st.counties.filter((x) => x.reported).length !== COUNTIES) throw new Error('not all counties reported');
    }
    const afterImport = peakMiB();
    const rows: Row[] = [
      {
        measure: 'package export (full roster, written + read back)',
        medianMs: median(exportMs),
        floorMs: median(floorSeal),
        target: '≤ 2×',
        ok: median(exportMs) <= 2 * median(floorSeal),
        note: `peak RSS ${afterExport.toFixed(0)} MiB (after the demo: ${afterDemo.toFixed(0)})`,
      },
      {
        measure: `package import × ${String(COUNTIES)}`,
        medianMs: median(importMs),
        floorMs: median(floorOpen),
        target: '≤ 2×',
        ok: median(importMs) <= 2 * median(floorOpen),
        note: `peak RSS ${afterImport.toFixed(0)} MiB`,
      },
      {
        measure: `consolidation of ${String(COUNTIES)} (package.status)`,
        medianMs: median(consolidateMs),
        floorMs: null,
        target: '',
        ok: null,
      },
      {
        measure: `import × ${String(COUNTIES)} + consolidation`,
        medianMs: median(importMs.map((m, i) => m + (consolidateMs[i] ?? 0))),
        floorMs: median(floorOpen),
        target: '≤ 2×',
        ok: median(importMs.map((m, i) => m + (consolidateMs[i] ?? 0))) <= 2 * median(floorOpen),
      },
    ];
    printTable(
      `package (median of ${String(RUNS)}; floor: age-encrypt + Ed25519-sign, or age-decrypt + verify, of the same bytes)`,
      rows,
    );
    t.app.close();
    city.app.close();
  } finally {
    tmp.cleanup();
  }
}
