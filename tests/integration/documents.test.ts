import { copyFileSync, readFileSync } from 'node:fs';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ChromiumPrintEngine } from '../../electron/services/print/chromium';
import { docCounty, pdfText, qrTexts } from '../support/doc-county';
import { invoke } from '../support/fixtures';
import type { PayoutCounty } from '../support/payout-county';
import { tempDir } from '../support/tmp';

const engine = new ChromiumPrintEngine();

describe('documents of a person', () => {
  let tmp: ReturnType<typeof tempDir>;
  let c: PayoutCounty;
  let persons: Awaited<ReturnType<typeof docCounty>>['persons'];
  beforeAll(async () => {
    tmp = tempDir();
    ({ c, persons } = await docCounty(tmp.dir, engine));
  }, 120_000);
  afterAll(async () => {
    c.close();
    await engine.close();
    tmp.cleanup();
  });

  const save = async (who: string, input: Parameters<PayoutCounty['ok']>[2] & object, name: string) => {
    const r = await c.ok(who, 'document.savePdf', input as never);
    const file = `${tmp.dir}-${name}.pdf`;
    copyFileSync(c.saveTo, file);
    return { r, file };
  };

  it('the approval form names the person, the amount, and the two different people of the approval', async () => {
    const { file } = await save('li', { kind: 'approval-form', personId: persons.zhang, program: 'elderly' }, 'af');
    const text = pdfText(file);
    expect(text).toContain('高龄津贴申请审批表');
    expect(text).toContain('张三');
    expect(text).toContain('420102194003150015'.slice(0, 17));
    expect(text).toMatch(/初审人：\s*李经办/);
    expect(text).toMatch(/审批人：\s*赵审核/);
    expect(text).toContain('50.00 元/月');
    expect(text).toContain('2025年11月');
    expect(text).toContain('6228480000000000001');
  });

  it('notices: approval with amount and start month, refusal with its reason, stop; numbers never reused', async () => {
    const a = await save('wang', { kind: 'decision-notice', personId: persons.zhang, program: 'elderly' }, 'dn');
    const text = pdfText(a.file);
    expect(text).toContain('高龄津贴审批结果通知书');
    expect(text).toContain('予以批准');
    // The county's policy counts from the month of application.
    expect(text).toMatch(/自 2025年11月 起享受高龄津贴（80–89 岁），每月 50\.00/);
    expect(text).toContain('六十日内');
    expect(a.r.numbers).toEqual(['民高通〔2026〕0001号']);
    expect(text).toContain('民高通〔2026〕0001号');
    expect(text).not.toContain('补打');

    const refused = await save('wang', { kind: 'decision-notice', personId: persons.young, program: 'elderly' }, 'rj');
    const rt = pdfText(refused.file);
    expect(rt).toContain('不予批准');
    expect(rt).toContain('户籍不在本县');
    expect(refused.r.numbers).toEqual(['民高通〔2026〕0002号']);

    const stop = await save('wang', { kind: 'stop-notice', personId: persons.wang, program: 'elderly' }, 'st');
    const st = pdfText(stop.file);
    expect(st).toContain('停发通知书');
    expect(st).toContain('迁出本县');
    expect(st).toContain('2026年2月');

    const again = await save('wang', { kind: 'decision-notice', personId: persons.zhang, program: 'elderly' }, 'dn2');
    expect(again.r.numbers).toEqual(['民高通〔2026〕0001号']);
    expect(pdfText(again.file)).toContain('补打');
    const log = await c.ok('wang', 'audit.list', { entity: 'document' });
    expect(log.rows.map((r) => r.action)).toContain('document.reprint');
    const list = await c.ok('li', 'document.list', { personId: persons.zhang });
    expect(list.find((d) => d.kind === 'decision-notice')).toMatchObject({
      number: '民高通〔2026〕0001号',
      reprints: 1,
    });
  });

  it("a certificate's QR, rendered with pdftoppm and read with jsQR, verifies as genuine; one changed character does not", async () => {
    const { r, file } = await save('li', { kind: 'certificate', personId: persons.li, program: 'elderly' }, 'cert');
    const text = pdfText(file);
    expect(text).toContain('高龄津贴领取证');
    expect(text).toContain('李秀英');
    expect(text).toContain('4201**********0021'.slice(0, 4));
    expect(text).toContain('100.00 元/月');
    expect(text).toContain('民高证〔2026〕0001号');
    expect(r.numbers).toEqual(['民高证〔2026〕0001号']);
    const [code] = qrTexts(file);
    expect(code).toBeDefined();
    if (!code) return;
    expect(code).toContain('李秀英');
    const ok = await c.ok('li', 'document.verify', { code });
    expect(ok).toMatchObject({
      verdict: 'genuine',
      fields: { name: '李秀英', amountFen: 10000, number: '民高证〔2026〕0001号' },
    });
    const altered = await c.ok('li', 'document.verify', { code: code.replace('|10000|', '|90000|') });
    expect(altered.verdict).toBe('altered');
    expect(altered.message).toContain('篡改');
    const renamed = await c.ok('li', 'document.verify', { code: code.replace('李秀英', '李秀荚') });
    expect(renamed.verdict).toBe('altered');
    expect((await c.ok('li', 'document.verify', { code: 'hello' })).verdict).toBe('invalid');
  });

  it('a Word file of the approval form and of a notice carries the same text, the notice its number', async () => {
    await c.ok('li', 'document.saveDocx', { kind: 'approval-form', personId: persons.zhang, program: 'elderly' });
    const form = strFromU8(unzipSync(readFileSync(c.saveTo))['word/document.xml'] ?? new Uint8Array());
    expect(form).toContain('申请审批表');
    expect(form).toContain('张三');
    expect(form).toContain('李经办');
    expect(form).toContain('赵审核');
    const n = await c.ok('wang', 'document.saveDocx', {
      kind: 'stop-notice',
      personId: persons.wang,
      program: 'elderly',
    });
    expect(n.number).toMatch(/^民高通〔2026〕\d{4}号$/);
    const files = unzipSync(readFileSync(c.saveTo));
    const notice = strFromU8(files['word/document.xml'] ?? new Uint8Array());
    expect(notice).toContain('停发通知书');
    expect(notice).toContain(n.number ?? '?');
    expect(Object.keys(files).some((f) => f.startsWith('word/media/'))).toBe(true);
  });

  it('a change notice names the change, its month and the amount; the review sheet lists the township due', async () => {
    await c.ok('li', 'enrolment.transition', {
      id: (await c.ok('li', 'document.list', { personId: persons.zhang }))[0]?.enrolmentId ?? 0,
      action: 'change',
      date: '2026-01-02',
      reason: '户籍地址变更',
    });
    const ch = await save('wang', { kind: 'change-notice', personId: persons.zhang, program: 'elderly' }, 'ch');
    const text = pdfText(ch.file);
    expect(text).toContain('高龄津贴变更通知书');
    expect(text).toContain('户籍地址变更');
    expect(text.replace(/\s+/g, '')).toContain('自2026年1月起变更为80–89岁，每月50.00元');
    expect(ch.r.numbers).toHaveLength(1);

    const sheet = await save('li', { kind: 'review-sheet', program: 'elderly', township: '420102001000' }, 'rv');
    const rv = pdfText(sheet.file);
    expect(rv).toContain('高龄津贴2026年度复核表');
    expect(rv).toContain('花桥街道');
    // 张三 is active and approved in 2025; 王建国 was stopped, 刘年轻 refused, 李秀英 lives elsewhere.
    expect(rv).toContain('张三');
    expect(rv).not.toContain('王建国');
    expect(rv).not.toContain('刘年轻');
    expect(rv).not.toContain('李秀英');
    expect(rv).toContain('应复核 1 人');
  });

  it('a batch cancelled while it lays out records nothing, and its reserved number is never used again', async () => {
    const jobId = 'documents-cancel-test';
    const off = c.t.app.onEvent((e) => {
      if (e.type === 'job' && e.jobId === jobId && e.phase === '排版') c.t.app.jobs.cancel(jobId);
    });
    const input = { kind: 'certificate', program: 'elderly', township: '420102001000' } as const;
    const r = await invoke(c.t, 'li', 'document.batchPdf', { ...input, jobId });
    off();
    expect(r.ok ? 'ok' : r.error.code).toBe('CANCELLED');
    expect(
      (await c.ok('li', 'document.list', { personId: persons.zhang })).find((d) => d.kind === 'certificate'),
    ).toMatchObject({
      number: null,
    });
    const done = await c.ok('li', 'document.batchPdf', input);
    // 李秀英 has 0001; 0002 went to the cancelled run and stays unused.
    expect(done.numbers).toEqual(['民高证〔2026〕0003号']);
    expect(pdfText(c.saveTo)).toContain('张三');
  });
});
