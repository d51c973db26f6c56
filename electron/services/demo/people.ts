import { birthdayInYear } from '../../../shared/domain/dates';
import { checkCharacter } from '../../../shared/domain/id-number';
import type { Program } from '../../../shared/domain/programs';
import type { CertificatesTable, EnrolmentsTable, PersonsTable } from '../../db/schema';
import { BANKS, drawName, ROADS } from './names';
import { addDays, dayBetween, officeStamp, type Rng } from './random';
import type { DemoVillage } from './regions';

/** A person row before insertion; the writer adds the pinyin keys and the who/when columns. */
export type PersonDraft = Omit<
  PersonsTable,
  'id' | 'name_pinyin' | 'name_initials' | 'created_at' | 'created_by' | 'updated_at' | 'updated_by'
>;
export type CertificateDraft = Omit<CertificatesTable, 'id' | 'person_id'>;
/** Set by the lifecycle (review, approval, 公示), not by the demo's first entry. */
type LifecycleColumns =
  'reviewed_on' | 'reviewed_by' | 'approved_on' | 'approved_by' | 'publicity_from' | 'publicity_to';

export type EnrolmentDraft = Omit<
  EnrolmentsTable,
  'id' | 'person_id' | 'program' | 'certificate_id' | 'entered_by' | 'created_at' | 'updated_at' | LifecycleColumns
> & {
  program: Program;
  /** When the record was entered (created_at, and the time of its 'created' event). */
  stamp: string;
};

/** One person with their certificate (if any) and enrolments, written together. */
export interface Household {
  person: PersonDraft;
  certificate: CertificateDraft | null;
  enrolments: EnrolmentDraft[];
  /** When the person was entered, if no enrolment says so. */
  stamp?: string;
}

export interface Adult {
  name: string;
  idNumber: string;
  phone: string;
}

/** Object.assign with the keys and value types checked against the target. */
export function patch<T extends object>(target: T, values: Partial<T>): void {
  Object.assign(target, values);
}

/** Luhn check digit for `body`, so that body + digit passes `luhnValid`. */
export function luhnDigit(body: string): string {
  let sum = 0;
  for (let i = body.length - 1, double = true; i >= 0; i--, double = !double) {
    let d = Number(body[i]);
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return String((10 - (sum % 10)) % 10);
}

/**
 * Draws the facts every person has: a unique valid ID number, a name, a village,
 * an address, a phone, a bank card. Keeps the ID numbers and card numbers it has
 * issued so none repeats.
 */
export class Mint {
  private readonly ids = new Set<string>();
  private readonly cards = new Set<string>();

  constructor(
    readonly rng: Rng,
    readonly countyCode: string,
    readonly today: string,
    readonly villages: readonly DemoVillage[],
  ) {}

  /** A birth date giving exactly `age` completed years today. */
  birthForAge(age: number): string {
    const latest = birthdayInYear(this.today, -age);
    const earliest = addDays(birthdayInYear(this.today, -(age + 1)), 1);
    return dayBetween(this.rng, earliest, latest);
  }

  /** County address code, birth date, a sequence odd for men and even for women, the check character. */
  idNumber(birth: string, sex: 'M' | 'F'): string {
    const date = birth.replace(/-/g, '');
    for (;;) {
      const seq = this.rng.int(0, 498) * 2 + (sex === 'M' ? 1 : 2);
      const first17 = `${this.countyCode}${date}${String(seq).padStart(3, '0')}`;
      if (!this.ids.has(first17)) {
        this.ids.add(first17);
        return first17 + checkCharacter(first17);
      }
    }
  }

  phone(): string {
    return `1${this.rng.pick(['3', '5', '7', '8', '9'])}${this.rng.digits(9)}`;
  }

  /** A card of a local bank, 16–19 digits, passing the Luhn check. */
  card(): { bank_name: string; bank_account: string } {
    const bank = BANKS.draw(this.rng);
    for (;;) {
      const body = this.rng.pick(bank.bins) + this.rng.digits(bank.length - 7);
      const account = body + luhnDigit(body);
      if (!this.cards.has(account)) {
        this.cards.add(account);
        return { bank_name: bank.name, bank_account: account };
      }
    }
  }

  village(): DemoVillage {
    return this.rng.pick(this.villages);
  }

  address(v: DemoVillage): string {
    const r = this.rng;
    return v.urban
      ? `${v.township}${v.name}${r.pick(ROADS)}${r.int(1, 299)}号${r.int(1, 24)}栋${r.int(1, 4)}单元${r.int(1, 18)}0${r.int(1, 4)}室`
      : `${v.township}${v.name}${r.int(1, 12)}组${r.int(1, 80)}号`;
  }

  stamp(date: string): string {
    return officeStamp(this.rng, date);
  }

  /** A random day in [from, to]. */
  day(from: string, to: string): string {
    return dayBetween(this.rng, from, to);
  }

  /** An adult who is not in the person index (a guardian): name, ID and phone. */
  adult(age: number, sex: 'M' | 'F', surname?: string): Adult {
    const birth = this.birthForAge(age);
    return {
      name: drawName(this.rng, sex, Number(birth.slice(0, 4)), surname).name,
      idNumber: this.idNumber(birth, sex),
      phone: this.phone(),
    };
  }

  /** A person living in `village` (or a random one), with own bank card when `card` is true. */
  person(
    birth: string,
    sex: 'M' | 'F',
    opts: { village?: DemoVillage; card?: boolean; phoneShare?: number } = {},
  ): PersonDraft & { surname: string } {
    const r = this.rng;
    const v = opts.village ?? this.village();
    const name = drawName(r, sex, Number(birth.slice(0, 4)));
    const urbanHukou = v.urban ? r.chance(0.85) : r.chance(0.08);
    const card = opts.card === false ? null : this.card();
    return {
      surname: name.surname,
      id_number: this.idNumber(birth, sex),
      id_number_original: null,
      name: name.name,
      sex,
      birth_date: birth,
      ethnicity: name.ethnicity,
      phone: r.chance(opts.phoneShare ?? 0.95) ? this.phone() : null,
      hukou_type: urbanHukou ? 'urban' : 'rural',
      village_code: v.code,
      address: this.address(v),
      dibao: 'none',
      tekun: 'none',
      injury_care: 0,
      bank_name: card?.bank_name ?? null,
      bank_account: card?.bank_account ?? null,
      account_holder_name: null,
      account_holder_id: null,
      death_date: null,
      moved_out_date: null,
    };
  }
}

/** An enrolment draft with every program fact empty; callers fill what their program records. */
export function enrolmentDraft(program: Program, status: string, appliedOn: string, stamp: string): EnrolmentDraft {
  return {
    program,
    status,
    applied_on: appliedOn,
    child_mode: null,
    guardian_name: null,
    guardian_id_number: null,
    guardian_relation: null,
    guardian_phone: null,
    father_situation: null,
    mother_situation: null,
    situation_evidence: null,
    school_proof_until: null,
    note: null,
    stamp,
  };
}
