import type Database from 'better-sqlite3-multiple-ciphers';
import { addDays } from './random';
import { overdueReviewYear } from '../../../shared/domain/lifecycle';
import { sampleStandards } from '../../../shared/domain/entitlement';
import type { Program } from '../../../shared/domain/programs';
import { nameKeys } from '../persons/pinyin';
import type { Household } from './people';
import type { DemoRegions } from './regions';

export interface WrittenHousehold {
  personId: number;
  enrolmentIds: number[];
}

/**
 * Raw prepared statements for the bulk insert. Kysely compiles each query anew,
 * which costs more than the insert itself at 100 000+ rows; these are prepared
 * once and run inside the caller's `Store.write` transaction.
 */
export class DemoWriter {
  readonly counts = {
    persons: 0,
    certificates: 0,
    events: 0,
    enrolments: {
      'disability-living': 0,
      'disability-care': 0,
      orphan: 0,
      'unattended-child': 0,
      elderly: 0,
    } satisfies Record<Program, number>,
  };
  private readonly keys = new Map<string, { pinyin: string; initials: string }>();
  private readonly insertRegion;
  private readonly insertPerson;
  private readonly insertCertificate;
  private readonly insertEnrolment;
  private readonly insertEvent;
  private readonly insertReview;
  private readonly reviewYear: number;

  constructor(
    private readonly db: Database.Database,
    private readonly username: string,
    private readonly today: string,
  ) {
    this.reviewYear = overdueReviewYear(today, 12);
    this.insertRegion = db.prepare('INSERT INTO regions (code, name, level, parent_code, sort) VALUES (?, ?, ?, ?, ?)');
    this.insertPerson = db.prepare(
      `INSERT INTO persons (id_number, id_number_original, name, name_pinyin, name_initials, sex, birth_date, ethnicity, phone, hukou_type,
         village_code, address, dibao, tekun, injury_care, bank_name, bank_account, account_holder_name, account_holder_id, death_date,
         moved_out_date, created_at, created_by, updated_at, updated_by)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.insertCertificate = db.prepare(
      'INSERT INTO disability_certificates (person_id, number, category, grade, issued_on, expires_on) VALUES (?, ?, ?, ?, ?, ?)',
    );
    this.insertEnrolment = db.prepare(
      `INSERT INTO enrolments (person_id, program, status, applied_on, certificate_id, child_mode, guardian_name, guardian_id_number,
         guardian_relation, guardian_phone, father_situation, mother_situation, situation_evidence, school_proof_until, note, entered_by,
         created_at, updated_at, reviewed_on, reviewed_by, approved_on, approved_by)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.insertReview = db.prepare(
      `INSERT INTO enrolment_events (enrolment_id, at, kind, from_status, to_status, effective_month, reason, username, changes_json)
       VALUES (?, ?, 'annualReview', 'active', 'active', ?, '演示数据', ?, json_object('date', ?))`,
    );
    this.insertEvent = db.prepare(
      `INSERT INTO enrolment_events (enrolment_id, at, kind, from_status, to_status, effective_month, reason, username, changes_json)
       VALUES (?, ?, 'created', NULL, ?, NULL, '演示数据', ?, NULL)`,
    );
  }

  /** Inserts the sample standards when the county has none; returns how many rows were added. */
  sampleStandards(at: string): number {
    if ((this.db.prepare('SELECT count(*) AS n FROM standards').get() as { n: number }).n > 0) return 0;
    const insert = this.db.prepare(
      'INSERT INTO standards (program, category, from_month, amount_fen, created_at, created_by) VALUES (?, ?, ?, ?, ?, ?)',
    );
    for (const r of sampleStandards) insert.run(r.program, r.category, r.fromMonth, r.amountFen, at, this.username);
    return sampleStandards.length;
  }

  regions(r: DemoRegions): void {
    r.townships.forEach((t, i) => this.insertRegion.run(t.code, t.name, 'township', null, i + 1));
    r.villages.forEach((v, i) => this.insertRegion.run(v.code, v.name, 'village', `${v.code.slice(0, 9)}000`, i + 1));
  }

  /** pinyin-pro costs tens of microseconds a call; names repeat a lot, so each is converted once. */
  private nameKeys(name: string): { pinyin: string; initials: string } {
    let k = this.keys.get(name);
    if (!k) {
      k = nameKeys(name);
      this.keys.set(name, k);
    }
    return k;
  }

  household(h: Household): WrittenHousehold {
    const p = h.person;
    const stamp =
      h.enrolments.reduce<string | undefined>(
        (min, e) => (min === undefined || e.stamp < min ? e.stamp : min),
        undefined,
      ) ?? h.stamp;
    if (!stamp) throw new RangeError('a household needs a time of entry');
    const k = this.nameKeys(p.name);
    const u = this.username;
    const personId = Number(
      this.insertPerson.run(
        p.id_number,
        p.id_number_original,
        p.name,
        k.pinyin,
        k.initials,
        p.sex,
        p.birth_date,
        p.ethnicity,
        p.phone,
        p.hukou_type,
        p.village_code,
        p.address,
        p.dibao,
        p.tekun,
        p.injury_care,
        p.bank_name,
        p.bank_account,
        p.account_holder_name,
        p.account_holder_id,
        p.death_date,
        p.moved_out_date,
        stamp,
        u,
        stamp,
        u,
      ).lastInsertRowid,
    );
    this.counts.persons++;
    let certificateId: number | null = null;
    if (h.certificate) {
      const c = h.certificate;
      certificateId = Number(
        this.insertCertificate.run(personId, c.number, c.category, c.grade, c.issued_on, c.expires_on).lastInsertRowid,
      );
      this.counts.certificates++;
    }
    const enrolmentIds = h.enrolments.map((e) => {
      const isDisability = e.program === 'disability-living' || e.program === 'disability-care';
      // Records already paying were reviewed by the township a week after applying and approved by the county a fortnight later.
      const decided = e.status !== 'applied' && e.status !== 'reviewed' && e.status !== 'rejected';
      const reviewedOn = decided ? addDays(e.applied_on, 7) : null;
      const approvedOn = decided ? addDays(e.applied_on, 21) : null;
      const id = Number(
        this.insertEnrolment.run(
          personId,
          e.program,
          e.status,
          e.applied_on,
          isDisability ? certificateId : null,
          e.child_mode,
          e.guardian_name,
          e.guardian_id_number,
          e.guardian_relation,
          e.guardian_phone,
          e.father_situation,
          e.mother_situation,
          e.situation_evidence,
          e.school_proof_until,
          e.note,
          u,
          e.stamp,
          e.stamp,
          reviewedOn,
          reviewedOn ? u : null,
          approvedOn,
          approvedOn ? u : null,
        ).lastInsertRowid,
      );
      this.insertEvent.run(id, e.stamp, e.status, u);
      // Last year's annual review, done in November; about one in 150 was missed (a 待办预警 to find).
      if (e.status === 'active' && approvedOn && approvedOn < `${String(this.reviewYear)}-01-01` && id % 150 !== 0) {
        const on = `${String(this.reviewYear)}-11-20`;
        this.insertReview.run(id, `${on}T09:00:00.000Z`, on.slice(0, 7), u, on);
        this.counts.events++;
      }
      this.counts.enrolments[e.program]++;
      this.counts.events++;
      return id;
    });
    return { personId, enrolmentIds };
  }
}
