import type { Enrolment, Person } from '../../../shared/contract';
import type { DocumentSettings } from '../../../shared/contract/documents';
import type { Month } from '../../../shared/domain/dates';
import type { Program } from '../../../shared/domain/programs';

/**
 * What the person documents (审批表, notices, 待遇证) print: read from the database
 * by electron/services/documents/facts.ts, rendered by templates/*.ts. Plain data.
 */
export interface Office {
  name: string;
  countyCode: string;
  countyName: string;
  settings: DocumentSettings;
}

export type EventRow = Enrolment['events'][number] & { id: number; effectiveMonth: string | null; date: string };

/** Everything a document of one person and program prints, read once. */
export interface DocFacts {
  office: Office;
  person: Person;
  maskedId: string;
  enrolment: Enrolment;
  program: Program;
  programLabel: string;
  events: EventRow[];
  /** username → display name, for the signatories. */
  names: Map<string, string>;
  reviewedBy: { name: string; on: string } | null;
  approvedBy: { name: string; on: string } | null;
  /** The first month paid and its amount (tier), from the entitlement engine. */
  startMonth: Month | null;
  amountFen: number;
  category: string;
  printedOn: string;
}

/** What a numbered document prints besides the facts. */
export interface Issue {
  /** Null in a preview: the number is given at printing. */
  number: string | null;
  reprint: boolean;
  /** The signed verification code, printed as QR and text. */
  code: string | null;
}

/** 套打: millimetres added to every field's position, and whether only the fields print. */
export interface Placement {
  dxMm: number;
  dyMm: number;
  preprinted: boolean;
}
