import { renderRoster } from './templates/roster';
import { renderSlips } from './templates/slips';
import { renderSummary } from './templates/summary';
import type { BatchDoc, DocumentKind, RenderedDocument } from './types';

export type { DocumentKind, RenderedDocument } from './types';

type Rendered = string | { html: string; pages: string[]; shell: (body: string) => string };

const TEMPLATES: Record<DocumentKind, { render: (doc: BatchDoc) => Rendered; landscape: boolean }> = {
  roster: { render: renderRoster, landscape: true },
  slips: { render: renderSlips, landscape: false },
  summary: { render: renderSummary, landscape: true },
};

/**
 * A batch as a complete, static HTML document, ready for any PrintEngine.
 * Throws when the batch's stored total differs from the sum of its lines.
 */
export function renderDocument(kind: DocumentKind, doc: BatchDoc): RenderedDocument {
  const t = TEMPLATES[kind];
  const r = t.render(doc);
  if (typeof r === 'string') return { html: r, landscape: t.landscape };
  return { html: r.html, landscape: t.landscape, paged: { pages: r.pages, shell: r.shell } };
}

/** Chinese titles, e.g. for a save dialog's default file name. */
export const DOCUMENT_TITLES: Record<DocumentKind, string> = {
  roster: '发放花名册',
  slips: '发放通知单',
  summary: '发放汇总表',
};
