/**
 * Inputs of the printed documents (发放花名册, 发放通知单, 发放汇总表).
 * Money is integer fen; every string is printed as given (HTML-escaped), so the
 * caller decides whether ID numbers and accounts are masked.
 */
export interface PrintLine {
  /**
   * The caller's order of the line. The templates sort lines by township, then
   * village (both by pinyin, `zhCompare`), then by this number, and print 序号
   * as the position 1..n in that sorted order: the printed 序号 is not this value.
   */
  seq: number;
  township: string;
  village: string;
  name: string;
  /** Already masked or not by the caller; printed as given. */
  idNumber: string;
  /** 类别/等级 or tier text, in Chinese. */
  category: string;
  account: string;
  bankName: string;
  /** 'YYYY-MM' entitlement month. */
  month: string;
  /** Chinese kind label: 正常发放 / 补发 / 补发差额 / 重发. */
  kind: string;
  standardFen: number;
  amountFen: number;
  note: string;
}

export interface BatchDoc {
  /** e.g. '示范县民政局' */
  county: string;
  /** e.g. '重度残疾人护理补贴' */
  programLabel: string;
  /** e.g. '2026年11月' */
  periodLabel: string;
  /** e.g. 'FF-2026-11-care-001' */
  batchNo: string;
  /** Chinese state label of the batch. */
  status: string;
  lines: PrintLine[];
  /** The batch total as stored; every template throws unless it equals the sum of the lines. */
  totalFen: number;
  /** Names, may be '' (a blank to sign on is printed then). */
  preparedBy: string;
  reviewedBy: string;
  approvedBy: string;
  /** 'YYYY-MM-DD' */
  printedOn: string;
  /** The audit hash-chain head (hex), printed in small type in the footer. */
  auditHead: string;
}

export type DocumentKind = 'roster' | 'slips' | 'summary';

export interface RenderedDocument {
  html: string;
  landscape: boolean;
  /**
   * A long document, paginated by its template: its pages, and the document
   * around a run of them. Page numbers, subtotals and the last page's totals are
   * already in the pages, so runs can be rendered apart and joined.
   */
  paged?: { pages: string[]; shell: (body: string) => string };
}
