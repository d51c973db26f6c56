import { execFileSync } from 'node:child_process';
import { generateKeyPairSync, sign as edSign } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeCode, verifyCode } from '../../electron/services/documents/code';
import { ChromiumPrintEngine } from '../../electron/services/print/chromium';
import { signingPublicKey } from '../../electron/services/keys/signing';
import { runCliInProcess } from '../support/cli';
import { docCounty, pdfText, pngOfPage } from '../support/doc-county';
import { PASSWORD } from '../support/fixtures';
import { tempDir } from '../support/tmp';

const engine = new ChromiumPrintEngine();
const env = { WELFARE_DESK_PASSWORD: PASSWORD };

/** The first word box whose text is `word`: its left and top in points. */
function box(pdf: string, word: string): { x: number; y: number } {
  const html = execFileSync('pdftotext', ['-bbox', pdf, '-'], { encoding: 'utf8' });
  const m = new RegExp(`<word xMin="([\\d.]+)" yMin="([\\d.]+)"[^>]*>${word}</word>`).exec(html);
  if (!m) throw new Error(`${word} not in ${pdf}`);
  return { x: Number(m[1]), y: Number(m[2]) };
}

describe('documents from the CLI, calibration and verification', () => {
  let tmp: ReturnType<typeof tempDir>;
  let out: string;
  let dir: string;
  let persons: Awaited<ReturnType<typeof docCounty>>['persons'];
  let countyKey: Buffer;
  beforeAll(async () => {
    tmp = tempDir();
    dir = tmp.dir;
    out = mkdtempSync(join(tmpdir(), 'wd-docs-cli-'));
    const county = await docCounty(dir, engine);
    persons = county.persons;
    const c = county.c;
    await c.ok('li', 'document.saveCalibration', { template: 'certificate', printer: 'P1', dxMm: 3, dyMm: 3 });
    countyKey = signingPublicKey(c.t.app)?.raw ?? Buffer.alloc(0);
    c.close();
  }, 120_000);
  afterAll(async () => {
    await engine.close();
    tmp.cleanup();
  });

  it('print document certificate; a +3 mm calibration moves every field by 3 mm and no label', async () => {
    const plain = join(out, 'plain.pdf');
    const shifted = join(out, 'shifted.pdf');
    const args = ['--data', dir, '--user', 'li', '--program', 'elderly', '--id', String(persons.zhang), '--json'];
    const a = await runCliInProcess(['print', 'document', 'certificate', ...args, '--out', plain], env);
    expect(a.code, a.stderr + a.stdout).toBe(0);
    expect(JSON.parse(a.stdout)).toMatchObject({ ok: true, numbers: ['民高证〔2026〕0001号'] });
    const b = await runCliInProcess(
      ['print', 'document', 'certificate', ...args, '--printer', 'P1', '--out', shifted],
      env,
    );
    expect(b.code, b.stderr).toBe(0);
    expect(pdfText(shifted)).toContain('补打');
    const MM = 72 / 25.4;
    for (const word of ['张三', '1940年3月15日', '民高证〔2026〕0001号']) {
      const p = box(plain, word);
      const s = box(shifted, word);
      expect(s.x - p.x, word).toBeCloseTo(3 * MM, 0);
      expect(s.y - p.y, word).toBeCloseTo(3 * MM, 0);
    }
    const label = '出生日期';
    expect(box(shifted, label)).toEqual(box(plain, label));
  }, 120_000);

  it('verify --image: the certificate page as PNG is genuine (exit 0); a code from another county is refused', async () => {
    const pdf = join(out, 'plain.pdf');
    const png = join(out, 'cert.png');
    writeFileSync(png, pngOfPage(pdf, 1, 200));
    const v = await runCliInProcess(['verify', '--image', png, '--data', dir, '--json'], {});
    expect(v.code, v.stdout).toBe(0);
    const body = JSON.parse(v.stdout) as { verdict: string; code: string; fields: { name: string; number: string } };
    expect(body).toMatchObject({
      ok: true,
      verdict: 'genuine',
      fields: { name: '张三', number: '民高证〔2026〕0001号' },
    });
    expect(body.code.startsWith('WD1|420102|')).toBe(true);

    const tampered = body.code.replace('|张三|', '|张四|');
    const t = await runCliInProcess(['verify', '--code', tampered, '--data', dir, '--json'], {});
    expect(t.code).toBe(1);
    expect(JSON.parse(t.stdout)).toMatchObject({ ok: false, details: { verdict: 'altered', code: tampered } });

    // Another county's key: its own id is unknown here; passing ours off as its id fails the signature.
    const other = generateKeyPairSync('ed25519');
    const otherRaw = Buffer.from(other.publicKey.export({ format: 'jwk' }).x ?? '', 'base64url');
    const fields = {
      countyCode: '420103',
      kind: 'certificate' as const,
      number: '民高证〔2026〕0009号',
      program: 'elderly' as const,
      name: '张三',
      idNumber: '4201**********0018',
      amountFen: 5000,
      validFrom: '2025-11',
    };
    const foreign = makeCode(fields, otherRaw, (bytes) => edSign(null, bytes, other.privateKey));
    const f = await runCliInProcess(['verify', '--code', foreign, '--data', dir, '--json'], {});
    expect(f.code).toBe(1);
    expect(JSON.parse(f.stdout)).toMatchObject({ details: { verdict: 'unknown-county' } });
    const forged = makeCode({ ...fields, countyCode: '420102' }, countyKey, (bytes) =>
      edSign(null, bytes, other.privateKey),
    );
    expect(verifyCode(forged, [{ countyCode: '420102', publicKey: countyKey }])).toMatchObject({ verdict: 'altered' });
    expect(verifyCode(foreign, [{ countyCode: '420103', publicKey: otherRaw }]).verdict).toBe('genuine');
  }, 60_000);

  it('print documents decision-notice for a township, ordered by village; and the approval form', async () => {
    const file = join(out, 'batch.pdf');
    const r = await runCliInProcess(
      [
        'print',
        'documents',
        'decision-notice',
        '--data',
        dir,
        '--user',
        'wang',
        '--program',
        'elderly',
        '--township',
        '420102001000',
        '--approved-from',
        '2025-12-01',
        '--out',
        file,
        '--json',
      ],
      env,
    );
    expect(r.code, r.stderr + r.stdout).toBe(0);
    const body = JSON.parse(r.stdout) as { documents: number; numbers: string[]; pages: number };
    // 花桥街道: 张三, 王建国 approved and 刘年轻 refused (all in 花桥社区); 李秀英 lives in the other township.
    expect(body.documents).toBe(3);
    expect(body.pages).toBe(3);
    expect(new Set(body.numbers).size).toBe(3);
    const text = pdfText(file);
    expect(text).not.toContain('李秀英');
    expect(text.match(/审批结果通知书/g)).toHaveLength(3);
    expect(text).toContain('不予批准');

    const d = await runCliInProcess(
      [
        'print',
        'document',
        'approval-form',
        '--data',
        dir,
        '--user',
        'li',
        '--program',
        'elderly',
        '--id',
        String(persons.zhang),
        '--out',
        join(out, 'form.pdf'),
      ],
      env,
    );
    expect(d.code, d.stderr).toBe(0);
    expect(readFileSync(join(out, 'form.pdf')).subarray(0, 4).toString()).toBe('%PDF');
  }, 120_000);
});
