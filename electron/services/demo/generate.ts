import { parseIsoDate } from '../../../shared/domain/dates';
import type { Program } from '../../../shared/domain/programs';
import { AppError } from '../../errors';
import type { Actor } from '../../db/audit';
import type { Store } from '../../db/store';
import { readMeta } from '../app/meta';
import { seedHistory, type DemoHistory } from './history';
import { DemoWriter } from './insert';
import { Mint } from './people';
import { child, disabledPerson, elder, elderAge, type DemoContext, type DisabilityRole } from './populations';
import { plantProblems, problemLabels, type ProblemKind } from './problems';
import { Rng } from './random';
import { existingRegions, generateRegions } from './regions';

export interface DemoOptions {
  /** 1 ≈ a county of 30 000 certificate holders, 240 children in care and 12 000 elders aged 80+. */
  scale: number;
  seed: number;
  /** The demo's today (YYYY-MM-DD): ages, tiers and application dates are relative to it. */
  today: string;
  /** Six digits: the address code of every ID number and the prefix of every region code. */
  countyCode: string;
  /** Months of locked, returned payout batches before today's month (0 or absent: none). */
  historyMonths?: number;
}

export interface DemoCounts {
  persons: number;
  certificates: number;
  enrolments: Record<Program, number>;
  events: number;
  townships: number;
  villages: number;
  /** True when the county's own villages were used instead of generated ones. */
  regionsReused: boolean;
  problems: Array<{ kind: ProblemKind; label: string; personId: number; enrolmentId: number }>;
  /** The payout history written, when asked for. */
  history: DemoHistory | null;
}

/** Shares at scale 1 (see DemoOptions.scale). */
const BASE = {
  care: 10_000,
  both: 4_000,
  living: 5_000,
  certificateOnly: 11_000,
  children: 240,
  elders: 12_000,
} as const;

function shuffle<T>(rng: Rng, items: T[]): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = rng.int(0, i);
    [items[i], items[j]] = [items[j] as T, items[i] as T];
  }
  return items;
}

/** `[item, count]` pairs as one shuffled list, so kinds are interleaved in the order of entry. */
function deck<T>(rng: Rng, parts: ReadonlyArray<readonly [T, number]>): T[] {
  const out: T[] = [];
  for (const [item, count] of parts) for (let i = 0; i < count; i++) out.push(item);
  return shuffle(rng, out);
}

function checkOptions(opts: DemoOptions): void {
  if (!(Number.isFinite(opts.scale) && opts.scale > 0 && opts.scale <= 10))
    throw new AppError('INVALID_INPUT', '规模：应为大于 0、不超过 10 的数');
  if (!Number.isSafeInteger(opts.seed)) throw new AppError('INVALID_INPUT', '随机种子：应为整数');
  if (!parseIsoDate(opts.today)) throw new AppError('INVALID_INPUT', `日期：${opts.today} 不是有效日期（YYYY-MM-DD）`);
  if (!/^\d{6}$/.test(opts.countyCode)) throw new AppError('INVALID_INPUT', '县区代码：应为 6 位数字');
  const h = opts.historyMonths ?? 0;
  if (!(Number.isInteger(h) && h >= 0 && h <= 60)) throw new AppError('INVALID_INPUT', '发放历史：应为 0–60 个月');
}

/**
 * Fills an empty person index with a demo county: regions (unless the county
 * configured its own), certificate holders with the two disability subsidies,
 * children in care, elders with the old-age allowance, and the planted problems
 * of problems.ts. Deterministic for a seed and today. One transaction with one
 * summary audit row: per-row audit entries would triple the time and say nothing
 * a reader needs.
 */
export function generateDemo(store: Store, actor: Actor, opts: DemoOptions): DemoCounts {
  checkOptions(opts);
  const rng = new Rng(opts.seed);
  const n = (base: number) => Math.round(base * opts.scale);
  return store.write(actor, (w) => {
    const db = store.raw;
    const existing = (db.prepare('SELECT count(*) AS n FROM persons').get() as { n: number }).n;
    if (existing > 0) {
      throw new AppError(
        'PERSON_EXISTS',
        `数据库中已有 ${existing} 名人员：演示数据只能生成到没有人员的数据库中，请另建一个数据目录`,
        { persons: existing },
      );
    }
    const countyName = readMeta(w).county_name ?? '本县';
    const regions = existingRegions(db) ?? generateRegions(rng, opts.countyCode);
    const writer = new DemoWriter(db, actor.username, opts.today);
    if (!regions.existing) writer.regions(regions);
    // A county that has not set its rates yet gets domain.md's sample standards, so the demo pays something.
    const standardsAdded = writer.sampleStandards(`${opts.today}T00:00:00.000Z`);
    const mint = new Mint(rng, opts.countyCode, opts.today, regions.villages);
    const home = regions.villages.find((v) => v.urban) ?? mint.village();
    const ctx: DemoContext = {
      rng,
      mint,
      today: opts.today,
      institution: { name: `${countyName}儿童福利院`, village: home, ...mint.card() },
    };

    const roles = deck<DisabilityRole>(rng, [
      ['care', n(BASE.care)],
      ['both', n(BASE.both)],
      ['living', n(BASE.living)],
      ['none', n(BASE.certificateOnly)],
    ]);
    for (const role of roles) writer.household(disabledPerson(ctx, role));

    // Orphans are about two fifths of the children, three in ten of them in the children's home.
    const children = n(BASE.children);
    const orphans = Math.round(children * 0.4);
    const orphansInHome = Math.max(1, Math.round(orphans * 0.3));
    const unattended = children - orphans;
    const unattendedInHome = Math.round(unattended * 0.1);
    const kinds = deck<readonly ['orphan' | 'unattended-child', 'institution' | 'dispersed']>(rng, [
      [['orphan', 'institution'], orphansInHome],
      [['orphan', 'dispersed'], Math.max(1, orphans - orphansInHome)],
      [['unattended-child', 'institution'], unattendedInHome],
      [['unattended-child', 'dispersed'], Math.max(1, unattended - unattendedInHome)],
    ]);
    for (const [program, mode] of kinds) writer.household(child(ctx, program, mode));

    // Tiers by age, a few centenarians, and a few born on 29 February (their birthday counts on 28 February).
    const elders = n(BASE.elders);
    const centenarians = Math.max(1, Math.round(elders * 0.003));
    const leapDays = Math.max(2, Math.round(elders * 0.0005));
    const nineties = Math.round(elders * 0.16);
    const todayYear = Number(opts.today.slice(0, 4));
    const leapYears: number[] = [];
    for (let y = todayYear - 95; y <= todayYear - 81; y++) if (y % 4 === 0 && y % 100 !== 0) leapYears.push(y);
    const tiers = deck<'80' | '90' | '100' | 'leap'>(rng, [
      ['80', Math.max(1, elders - centenarians - leapDays - nineties)],
      ['90', nineties],
      ['100', centenarians],
      ['leap', leapDays],
    ]);
    for (const tier of tiers) {
      const birth =
        tier === 'leap'
          ? `${rng.pick(leapYears)}-02-29`
          : mint.birthForAge(
              tier === '80' ? elderAge(rng, 80, 89) : tier === '90' ? elderAge(rng, 90, 99) : elderAge(rng, 100, 106),
            );
      writer.household(elder(ctx, birth));
    }

    const problems = plantProblems(ctx).map((p) => {
      const written = writer.household(p.household);
      return {
        kind: p.kind,
        label: problemLabels[p.kind],
        personId: written.personId,
        enrolmentId: written.enrolmentIds[p.enrolment] ?? 0,
      };
    });
    // Its own draws, so that a county with history has the same people as one without.
    const history = opts.historyMonths
      ? seedHistory(
          w,
          db,
          actor,
          new Rng(opts.seed + 1),
          opts.today,
          new Set(problems.map((p) => p.personId)),
          opts.historyMonths,
        )
      : null;
    const counts: DemoCounts = {
      ...writer.counts,
      history,
      townships: regions.townships.length,
      villages: regions.villages.length,
      regionsReused: regions.existing,
      problems,
    };
    const { problems: _planted, ...summary } = counts;
    w.audit({
      action: 'demo.generate',
      entity: 'demo',
      after: { ...summary, standardsAdded, scale: opts.scale, seed: opts.seed, today: opts.today },
    });
    return counts;
  });
}
