import { addMonths, ageOn, daysInMonth, type Month } from '../dates';
import { elderTier, type Program } from '../programs';
import type { PersonFact } from './facts';
import type { ReportPeriod } from './period';
import { exitReasons, spanRole, onRegisterAt, type ExitReason, type RegisterSpan } from './register';

/** The people behind a count: which of them, and which movement in the period. */
export interface DrillSpec {
  programs?: Program[];
  sub?: string;
  town?: string;
  cat?: number;
  grade?: number;
  age?: string;
  measure: 'opening' | 'added' | 'closing' | 'removed' | `removed:${ExitReason}`;
}

export const monthEnd = (m: Month) => `${m}-${String(daysInMonth(Number(m.slice(0, 4)), Number(m.slice(5, 7))))}`;

export const childAgeBands = [
  { key: '0-5', label: '0–5 岁', min: 0 },
  { key: '6-11', label: '6–11 岁', min: 6 },
  { key: '12-17', label: '12–17 岁', min: 12 },
  { key: '18+', label: '18 岁及以上', min: 18 },
] as const;

export function childAgeBand(birthDate: string, on: string): string {
  const age = ageOn(birthDate, on);
  let band: string = childAgeBands[0].key;
  for (const b of childAgeBands) if (age >= b.min) band = b.key;
  return band;
}

/** The sub-kind a person counts under at `on`: care grade, child mode, elder tier, or the program itself. */
export function subKindOf(f: PersonFact, on: string): string {
  switch (f.program) {
    case 'disability-living':
      return 'all';
    case 'disability-care':
      return f.certGrade === 1 || f.certGrade === 2 ? `grade-${String(f.certGrade)}` : 'grade-3-4-im';
    case 'orphan':
    case 'unattended-child':
      return f.childMode ?? 'dispersed';
    case 'elderly':
      return elderTier(f.birthDate, on) ?? '80-89';
  }
}

export function encodeDrill(d: DrillSpec): string {
  const parts: string[] = [`m=${d.measure}`];
  if (d.programs) parts.push(`p=${d.programs.join(',')}`);
  if (d.sub !== undefined) parts.push(`s=${d.sub}`);
  if (d.town !== undefined) parts.push(`t=${encodeURIComponent(d.town)}`);
  if (d.cat !== undefined) parts.push(`c=${String(d.cat)}`);
  if (d.grade !== undefined) parts.push(`g=${String(d.grade)}`);
  if (d.age !== undefined) parts.push(`a=${d.age}`);
  return parts.join('&');
}

const MEASURES = new Set<string>(['opening', 'added', 'closing', 'removed', ...exitReasons.map((r) => `removed:${r}`)]);

/** Null when the text is not a drill key this module wrote. */
export function decodeDrill(text: string, known: readonly Program[]): DrillSpec | null {
  const map = new Map<string, string>();
  for (const part of text.split('&')) {
    const i = part.indexOf('=');
    if (i <= 0) return null;
    map.set(part.slice(0, i), part.slice(i + 1));
  }
  const m = map.get('m');
  if (!m || !MEASURES.has(m)) return null;
  const d: DrillSpec = { measure: m as DrillSpec['measure'] };
  const p = map.get('p');
  if (p !== undefined) {
    const list = p.split(',');
    if (!list.every((x) => (known as readonly string[]).includes(x))) return null;
    d.programs = list as Program[];
  }
  const s = map.get('s');
  if (s !== undefined) d.sub = s;
  const t = map.get('t');
  if (t !== undefined) d.town = decodeURIComponent(t);
  const c = map.get('c');
  if (c !== undefined) d.cat = Number(c);
  const g = map.get('g');
  if (g !== undefined) d.grade = Number(g);
  const a = map.get('a');
  if (a !== undefined) d.age = a;
  return d;
}

/** Whether the person's facts fit the drill's dimensions (the period's end fixes tiers and ages). */
export function personFits(f: PersonFact, d: DrillSpec, p: ReportPeriod): boolean {
  const on = monthEnd(p.to);
  if (d.programs && !d.programs.includes(f.program)) return false;
  if (d.town !== undefined && f.township !== d.town) return false;
  if (d.cat !== undefined && f.certCategory !== d.cat) return false;
  if (d.grade !== undefined && f.certGrade !== d.grade) return false;
  if (d.sub !== undefined && dimsAt(f, on).sub !== d.sub) return false;
  if (d.age !== undefined && dimsAt(f, on).age !== d.age) return false;
  return true;
}

// A form asks the same person's tier and age band for every cell: computed once per period end.
const dims = new WeakMap<PersonFact, { on: string; sub: string; age: string }>();
function dimsAt(f: PersonFact, on: string): { sub: string; age: string } {
  const hit = dims.get(f);
  if (hit?.on === on) return hit;
  const v = { on, sub: subKindOf(f, on), age: childAgeBand(f.birthDate, on) };
  dims.set(f, v);
  return v;
}

/** Whether the measure counts a span in the period. */
function counts(s: RegisterSpan, d: DrillSpec, p: ReportPeriod): boolean {
  if (d.measure === 'opening') return onRegisterAt(s, addMonths(p.from, -1));
  if (d.measure === 'closing') return onRegisterAt(s, p.to);
  const role = spanRole(s, p.from, p.to);
  if (d.measure === 'added') return role.added;
  if (d.measure === 'removed') return role.removed !== null;
  return role.removed === d.measure.slice('removed:'.length);
}

/** The spans of a fitting person that the measure counts in the period. */
export function spansCounted(spans: readonly RegisterSpan[], d: DrillSpec, p: ReportPeriod): RegisterSpan[] {
  return spans.filter((s) => counts(s, d, p));
}
