import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { documentKindSchema, programSchema, verdictLabels } from '../../../shared/contract';
import { formatFen } from '../../../shared/domain/money';
import { dataPaths } from '../../db/paths';
import { readKeyring } from '../../db/keyring';
import { rawPublicKey } from '../../services/keys/signing';
import { verifyInput } from '../../services/documents/handlers';
import type { KnownKey } from '../../services/documents/code';
import { failed, outOptions, signInOptions, withSignedIn } from '../session';
import { usageError, type Command } from '../types';

const str = (v: string | boolean | undefined): string | undefined => (typeof v === 'string' ? v : undefined);
const placementOptions = { printer: { type: 'string' }, preprinted: { type: 'boolean' } } as const;

const DOC_USAGE =
  'print document approval-form|decision-notice|stop-notice|change-notice|certificate|review-sheet --id ID --program P --out FILE.pdf [--event ID] [--printer NAME] [--preprinted] [--force]';

export const printDocumentCommand: Command = {
  name: 'print document',
  summary: '打印一个人的文书为 PDF（年度复核表的 --id 为乡镇代码）',
  usage: `${DOC_USAGE} --data DIR --user U`,
  options: {
    ...signInOptions,
    ...outOptions,
    ...placementOptions,
    id: { type: 'string' },
    program: { type: 'string' },
    event: { type: 'string' },
  },
  run(env) {
    const kind = documentKindSchema.safeParse(env.positionals[0]);
    const program = programSchema.safeParse(env.values.program);
    const id = str(env.values.id);
    const out = str(env.values.out);
    if (!kind.success || !program.success || !id || !out) return Promise.resolve(usageError(`用法：${DOC_USAGE}`));
    const review = kind.data === 'review-sheet';
    if (!review && !/^\d+$/.test(id)) return Promise.resolve(usageError('--id 须为人员编号'));
    const event = str(env.values.event);
    return withSignedIn(
      env,
      async (client) => {
        const r = await client.call('document.savePdf', {
          kind: kind.data,
          program: program.data,
          ...(review ? { township: id } : { personId: Number(id) }),
          ...(event ? { eventId: Number(event) } : {}),
          ...(str(env.values.printer) ? { printer: str(env.values.printer) } : {}),
          ...(env.values.preprinted === true ? { preprinted: true } : {}),
        });
        if (!r.ok) return failed(r);
        return {
          ok: true,
          value: { file: r.value.fileName, pages: r.value.pages, numbers: r.value.numbers },
          text: `已写入 ${out}（${String(r.value.pages)} 页${r.value.numbers.length ? `，编号 ${r.value.numbers.join('、')}` : ''}）`,
        };
      },
      { saveTo: out },
    );
  },
};

const DOCS_USAGE =
  'print documents KIND --program P [--township CODE] [--approved-from YYYY-MM-DD] --out FILE.pdf [--printer NAME] [--preprinted] [--force]';

export const printDocumentsCommand: Command = {
  name: 'print documents',
  summary: '批量打印一类文书为一个 PDF（按乡镇、村排序）',
  usage: `${DOCS_USAGE} --data DIR --user U`,
  options: {
    ...signInOptions,
    ...outOptions,
    ...placementOptions,
    program: { type: 'string' },
    township: { type: 'string' },
    'approved-from': { type: 'string' },
  },
  run(env) {
    const kind = documentKindSchema.safeParse(env.positionals[0]);
    const program = programSchema.safeParse(env.values.program);
    const out = str(env.values.out);
    if (!kind.success || !program.success || !out) return Promise.resolve(usageError(`用法：${DOCS_USAGE}`));
    const township = str(env.values.township);
    const from = str(env.values['approved-from']);
    return withSignedIn(
      env,
      async (client) => {
        const r = await client.call('document.batchPdf', {
          kind: kind.data,
          program: program.data,
          ...(township ? { township } : {}),
          ...(from ? { approvedFrom: from } : {}),
          ...(str(env.values.printer) ? { printer: str(env.values.printer) } : {}),
          ...(env.values.preprinted === true ? { preprinted: true } : {}),
        });
        if (!r.ok) return failed(r);
        return {
          ok: true,
          value: {
            file: r.value.fileName,
            pages: r.value.pages,
            documents: r.value.documents,
            numbers: r.value.numbers,
          },
          text: `已写入 ${out}：${String(r.value.documents)} 份，${String(r.value.pages)} 页`,
        };
      },
      { saveTo: out },
    );
  },
};

/** The keys of the county at `--data`: its keyring's public part, readable without signing in. */
function keysOf(data: string | undefined): KnownKey[] {
  if (!data) return [];
  const paths = dataPaths(resolve(data));
  if (!existsSync(paths.keyFile)) return [];
  const ring = readKeyring(paths.keyFile);
  if (!ring.signing) return [];
  return [
    { countyCode: ring.profile.countyCode, publicKey: rawPublicKey(Buffer.from(ring.signing.publicKey, 'base64')) },
  ];
}

export const verifyCommand: Command = {
  name: 'verify',
  summary: '核验证件或通知书的二维码（图片）或核验码；仅“真实有效”时退出码为 0',
  usage: 'verify --image FILE.png|--code CODE [--data DIR] [--json]   （--data：用该县的公钥核验，无需登录）',
  options: { data: { type: 'string' }, image: { type: 'string' }, code: { type: 'string' } },
  run(env) {
    const image = str(env.values.image);
    const code = str(env.values.code);
    if ((image ? 1 : 0) + (code ? 1 : 0) !== 1)
      return Promise.resolve(usageError('请给出 --image 图片或 --code 核验码之一'));
    let input: { imageBase64?: string; code?: string };
    if (image) {
      if (!existsSync(image)) return Promise.resolve(usageError(`找不到图片文件：${image}`));
      input = { imageBase64: readFileSync(image).toString('base64') };
    } else input = { code: code ?? '' };
    const r = verifyInput(input, keysOf(str(env.values.data)));
    const body = { code: r.code, verdict: r.verdict, message: r.message, fields: r.fields, signer: r.signer };
    const f = r.fields;
    const text = [
      `核验结果：${verdictLabels[r.verdict]}（${r.message}）`,
      ...(f
        ? [
            `编号 ${f.number}\u3000${f.name}\u3000${f.idNumber}\u3000${formatFen(f.amountFen)} 元/月\u3000自 ${f.validFrom}`,
          ]
        : []),
    ].join('\n');
    if (r.verdict === 'genuine') return Promise.resolve({ ok: true, value: body, text });
    return Promise.resolve({ ok: false, error: { code: 'DOCUMENT_NOT_GENUINE', message: r.message }, details: body });
  },
};

export const documentCommands: Command[] = [printDocumentCommand, printDocumentsCommand, verifyCommand];
