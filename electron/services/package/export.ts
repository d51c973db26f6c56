import { readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { AppError } from '../../errors';
import type { Actor } from '../../db/audit';
import type { Store } from '../../db/store';
import { LATEST_SCHEMA_VERSION } from '../../db/migrations';
import type { Job } from '../jobs/runner';
import { readMeta } from '../app/meta';
import { writeOutputFile, type WrittenFile } from '../files/output';
import type { DataPaths } from '../../db/paths';
import { fingerprint, sealPackage, sha256Hex, type Manifest, type PartInput } from './format';
import { cityRecipient, requireLevel } from './keys';
import type { PackageSigner } from './format';
import { reportSheetHtml, tablesXlsx } from './paper';
import type { PrintEngine } from '../print/engine';
import { renderPdf } from '../print/pdf';
import { periodRoster, periodTables, type PeriodRange } from './tables';

export type RosterMode = 'none' | 'masked' | 'full';

export function packageFileName(countyCode: string, period: PeriodRange, sequence: number): string {
  return `上报-${countyCode}-${period.from}_${period.to}-${String(sequence).padStart(3, '0')}.wdpkg`;
}

/**
 * Sequence numbers already on the stick for this county and period. A package
 * renamed into place whose record a crash (or a pulled plug) then prevented keeps
 * its number there: the next one takes the number after it instead of refusing to
 * overwrite it, and two different packages never share a number.
 */
async function sequencesInFolder(folder: string, countyCode: string, period: PeriodRange): Promise<number[]> {
  const stem = packageFileName(countyCode, period, 0).replace(/000\.wdpkg$/, '');
  const names = await readdir(folder).catch(() => [] as string[]);
  return names.flatMap((n) => {
    const m = n.startsWith(stem) ? /^(\d{3,})\.wdpkg$/.exec(n.slice(stem.length)) : null;
    return m ? [Number(m[1])] : [];
  });
}

export interface PackageExported {
  readonly fileName: string;
  readonly path: string;
  readonly bytes: number;
  readonly sha256: string;
  readonly sequence: number;
  readonly parts: Manifest['parts'];
  readonly recipientFingerprint: string;
  /** The plain xlsx and 上报表 PDF written beside the package when the head asked for them. */
  readonly plainFiles: string[];
}

/** Asked for by the head: the tables in plain form beside the package, and the 上报表 to sign. */
export interface PlainCopies {
  readonly engine: PrintEngine | null;
}

/** Builds, seals and writes one period package into `folder` (a stick), then records its sequence number. */
export async function exportPackage(
  store: Store,
  paths: DataPaths,
  actor: Actor,
  input: {
    period: PeriodRange;
    roster: RosterMode;
    folder: string;
    appVersion: string;
    now: string;
    plain?: PlainCopies;
  },
  signer: PackageSigner,
  job: Job,
): Promise<PackageExported> {
  requireLevel(store, 'county');
  const recipient = cityRecipient(store);
  if (!recipient) throw new AppError('PACKAGE_NO_RECIPIENT');
  if (input.plain && !input.plain.engine) throw new AppError('PRINT_UNAVAILABLE');
  const steps = input.plain ? 5 : 4;
  const meta = readMeta(store);
  const countyCode = meta.county_code ?? '';
  const countyName = meta.county_name ?? '';
  job.step(0, steps, '汇总报表');
  const tables = periodTables(store, input.period, input.now.slice(0, 10));
  const title = `${countyName} ${input.period.from} 至 ${input.period.to}`;
  const parts: PartInput[] = [
    {
      name: 'tables.json',
      content: Buffer.from(JSON.stringify(tables), 'utf8'),
      rows: tables.reduce((n, t) => n + t.rows.length, 0),
    },
    {
      name: 'tables.xlsx',
      content: await tablesXlsx(title, tables),
      rows: tables.reduce((n, t) => n + t.rows.length, 0),
    },
  ];
  job.step(1, steps, '整理名册');
  if (input.roster !== 'none') {
    const roster = periodRoster(store, input.period, input.roster);
    parts.push({ name: 'roster.json', content: Buffer.from(JSON.stringify(roster), 'utf8'), rows: roster.length });
  }
  job.step(2, steps, '签名并加密');
  const last = store.first(
    store.kysely
      .selectFrom('package_exports')
      .select((eb) => eb.fn.max('sequence').as('n'))
      .where('period_from', '=', input.period.from)
      .where('period_to', '=', input.period.to),
  );
  const sequence =
    Math.max(Number(last?.n ?? 0), ...(await sequencesInFolder(input.folder, countyCode, input.period))) + 1;
  const { file, manifest } = await sealPackage(
    {
      countyCode,
      countyName,
      periodFrom: input.period.from,
      periodTo: input.period.to,
      sequence,
      schemaVersion: LATEST_SCHEMA_VERSION,
      appVersion: input.appVersion,
      createdAt: input.now,
      createdBy: actor.username,
      roster: input.roster,
    },
    parts,
    signer,
    recipient,
  );
  const fileName = packageFileName(countyCode, input.period, sequence);
  const xlsxPart = parts[1]?.content;
  let sheetPdf: Buffer | null = null;
  if (input.plain?.engine) {
    job.step(3, steps, '排版上报表');
    const html = reportSheetHtml(
      {
        countyName,
        countyCode,
        period: input.period,
        sequence,
        createdAt: input.now,
        createdBy: actor.username,
        packageSha256: sha256Hex(file),
        packageFile: fileName,
      },
      tables,
    );
    sheetPdf = await renderPdf(input.plain.engine, { html, landscape: false });
    job.throwIfCancelled();
  }
  job.step(steps - 1, steps, '写入 U 盘');
  const stem = fileName.replace(/\.wdpkg$/, '');
  const written: WrittenFile = await writeOutputFile(
    paths,
    { path: join(input.folder, fileName), overwrite: false },
    file,
    {
      verify: true,
      checkCancelled: () => job.throwIfCancelled(),
    },
  );
  const plainFiles: WrittenFile[] = [];
  try {
    const copies: Array<[string, Uint8Array]> = [];
    if (sheetPdf && xlsxPart) copies.push([`${stem}.xlsx`, xlsxPart], [`${stem}-上报表.pdf`, sheetPdf]);
    for (const [name, content] of copies)
      plainFiles.push(
        await writeOutputFile(paths, { path: join(input.folder, name), overwrite: false }, content, {
          verify: true,
          checkCancelled: () => job.throwIfCancelled(),
        }),
      );
  } catch (e) {
    // All or nothing on the stick: a package without the paper the head asked for is not handed over.
    for (const f of [written, ...plainFiles]) await rm(f.path, { force: true }).catch(() => undefined);
    throw e;
  }
  store.write(actor, (w) => {
    w.run(
      w.kysely.insertInto('package_exports').values({
        period_from: input.period.from,
        period_to: input.period.to,
        sequence,
        roster: input.roster,
        file_name: written.fileName,
        sha256: written.sha256,
        bytes: written.bytes,
        created_at: input.now,
        created_by: actor.username,
      }),
    );
    w.audit({
      action: 'package.export',
      entity: 'package',
      entityId: `${input.period.from}..${input.period.to}#${String(sequence)}`,
      after: {
        file: written.fileName,
        sha256: written.sha256,
        roster: input.roster,
        parts: manifest.parts,
        ...(plainFiles.length ? { plainFiles: plainFiles.map((f) => f.fileName) } : {}),
      },
    });
  });
  job.step(steps, steps, '完成');
  return {
    fileName: written.fileName,
    path: written.path,
    bytes: written.bytes,
    sha256: written.sha256,
    sequence,
    parts: manifest.parts,
    recipientFingerprint: fingerprint(recipient),
    plainFiles: plainFiles.map((f) => f.fileName),
  };
}
