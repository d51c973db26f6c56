import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { buildBankFile, type BankLine, type StoredTemplate } from '../../electron/services/payouts/bank-file';
import { isAppError } from '../../electron/errors';

const line = (id: number, name: string, amountFen: number): BankLine => ({
  id,
  name,
  idNumber: '110105194012310016',
  account: '6217000010000000001',
  holder: null,
  bankName: '农商银行',
  amountFen,
  month: '2026-11',
  kind: 'regular',
  township: '花桥街道',
  village: '花桥社区',
  note: '',
});

const txt: StoredTemplate = {
  id: 9,
  name: '定长',
  format: 'txt',
  encoding: 'gbk',
  headerRow: true,
  columns: [
    { field: 'reference', header: '流水号', width: 11 },
    { field: 'name', header: '户名', width: 12 },
    { field: 'amountYuan', header: '金额', width: 10 },
  ],
  fileNamePattern: '代发',
};

async function refusal(build: () => Promise<unknown>): Promise<string> {
  try {
    await build();
    return '';
  } catch (e) {
    if (isAppError(e)) return e.message;
    throw e;
  }
}

describe('bank files', () => {
  it('writes fixed-width GBK lines of one byte length, amounts without separators, right-aligned', async () => {
    const file = await buildBankFile(txt, [line(1, '张三', 123456), line(2, '买买提·艾力', 5000)]);
    const rows = iconv.decode(file, 'gbk').split('\r\n').filter(Boolean);
    expect(rows.map((r) => iconv.encode(r, 'gbk').length)).toEqual([33, 33, 33]);
    expect(rows[1]).toBe('WD000000001张三           1234.56');
    expect(rows[2]?.endsWith('     50.00')).toBe(true);
  });

  it('refuses a value wider than its column instead of cutting it', async () => {
    const narrow = { ...txt, columns: [{ field: 'amountYuan' as const, header: '金额', width: 5 }] };
    expect(await refusal(() => buildBankFile(narrow, [line(1, '张三', 123456)]))).toBe(
      '银行文件：第 1 行“金额”的内容“1234.56”有 7 字节，超过该列宽度 5 字节；请在模板中加宽这一列',
    );
  });

  it('refuses a name GBK cannot write rather than printing “?”', async () => {
    expect(
      await refusal(() => buildBankFile({ ...txt, format: 'csv' }, [line(1, '张三', 100), line(2, '𠮷野', 100)])),
    ).toMatch(/^银行文件：第 2 行“户名”的“𠮷野”含 GBK 编码无法表示的字/);
    // UTF-8 writes it.
    const utf8 = await buildBankFile({ ...txt, format: 'csv', encoding: 'utf8' }, [line(2, '𠮷野', 100)]);
    expect(utf8.toString('utf8')).toContain('𠮷野');
  });
});
