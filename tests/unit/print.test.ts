import { describe, expect, it } from 'vitest';
import { renderDocument } from '../../electron/services/print/documents';
import { capitals, esc } from '../../electron/services/print/templates/common';
import { makeSampleDoc } from '../support/make-doc';

describe('print templates', () => {
  it('refuse a batch whose stored total differs from the sum of its lines', () => {
    const doc = makeSampleDoc({ lines: 12 });
    for (const kind of ['roster', 'slips', 'summary'] as const) {
      expect(() => renderDocument(kind, doc)).not.toThrow();
      expect(() => renderDocument(kind, { ...doc, totalFen: doc.totalFen + 1 })).toThrow(/批次合计与明细之和不符/);
      expect(() => renderDocument(kind, { ...doc, totalFen: doc.totalFen - 1 })).toThrow(/批次合计与明细之和不符/);
    }
  });

  it('refuse amounts that are not whole fen', () => {
    const doc = makeSampleDoc({ lines: 3 });
    const lines = doc.lines.map((l, i) => (i === 0 ? { ...l, amountFen: l.amountFen + 0.5 } : l));
    expect(() => renderDocument('roster', { ...doc, lines, totalFen: doc.totalFen + 0.5 })).toThrow(RangeError);
  });

  it('escape every string: HTML in names, notes and headers is text', () => {
    const doc = makeSampleDoc({ lines: 5, hostileName: true });
    const evil = '<script>alert(1)</script>';
    const hostile = {
      ...doc,
      county: `${evil}县`,
      batchNo: 'FF"><img src=x>',
      lines: doc.lines.map((l, i) => (i === 1 ? { ...l, note: evil, village: '<i>村</i>' } : l)),
    };
    for (const kind of ['roster', 'slips', 'summary'] as const) {
      const { html } = renderDocument(kind, hostile);
      expect(html).not.toMatch(/<script|<img|<b>|<i>/i);
      expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;县');
      expect(html).toContain('FF&quot;&gt;&lt;img src=x&gt;');
      if (kind !== 'summary') expect(html).toContain('&lt;b&gt;王&amp;&quot;五&#39;&lt;/b&gt;');
    }
    expect(esc(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
  });

  it('write amounts in capitals from integer fen', () => {
    expect(capitals(157600)).toBe('壹仟伍佰柒拾陆元整');
    expect(capitals(157605)).toBe('壹仟伍佰柒拾陆元零伍分');
    expect(capitals(157650)).toBe('壹仟伍佰柒拾陆元伍角');
    expect(capitals(1)).toBe('壹分');
    expect(capitals(0)).toBe('零元整');
    expect(capitals(1000000010)).toBe('壹仟万元壹角');
    expect(() => capitals(1.5)).toThrow(RangeError);
  });

  it('state orientation and are complete static documents', () => {
    const doc = makeSampleDoc({ lines: 4 });
    expect(renderDocument('roster', doc).landscape).toBe(true);
    expect(renderDocument('summary', doc).landscape).toBe(true);
    expect(renderDocument('slips', doc).landscape).toBe(false);
    for (const kind of ['roster', 'slips', 'summary'] as const) {
      const { html, landscape } = renderDocument(kind, doc);
      expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
      expect(html).toContain(`size: A4 ${landscape ? 'landscape' : 'portrait'}`);
      expect(html).toContain("'Noto Sans CJK SC', 'Microsoft YaHei', 'SimSun', sans-serif");
      expect(html).not.toMatch(/<script|<link|src=|url\(/i);
    }
  });
});
