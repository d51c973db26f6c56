import ExcelJS from 'exceljs';
import { join } from 'node:path';
import { programLabels, type Program } from '../../../shared/domain/programs';
import { AppError } from '../../errors';
import type { Actor } from '../../db/audit';
import type { Store } from '../../db/store';
import { LATEST_SCHEMA_VERSION } from '../../db/migrations';
import type { Job } from '../jobs/runner';
import { readMeta } from '../app/meta';
import { writeOutputFile, type WrittenFile } from '../files/output';
import type { DataPaths } from '../../db/paths';
import { fingerprint, sealPackage, type Manifest, type PartInput } from './format';
import { cityRecipient, requireLevel } from './keys';
import type { PackageSigner } from './format';
import { periodRoster, periodTables, type PeriodRange, type ReportTable } from './tables';

export type RosterMode = 'none' | 'masked' | 'full';

const label = (k: string) => (k in programLabels ? programLabels[k as Program] : k);

export async function tablesXlsx(title: string, tables: readonly ReportTable[]): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  for (const t of tables) {
    const sheet = book.addWorksheet(t.title.slice(0, 31).replace(/[\\/?*[\]:]/g, ' '));
    sheet.addRow([title]).font = { bold: true };
    sheet.addRow([...t.keyLabels, ...t.valueLabels]).font = { bold: true };
    for (const r of t.rows) sheet.addRow([...r.key.map(label), ...r.values]);
    sheet.columns.forEach((c) => (c.width = 18));
  }
  return Buffer.from(await book.xlsx.writeBuffer());
}

export function packageFileName(countyCode: string, period: PeriodRange, sequence: number): string {
  return `上报-${countyCode}-${period.from}_${period.to}-${String(sequence).padStart(3, '0')}.wdpkg`;
}

export interface PackageExported {
  readonly fileName: string;
  readonly path: string;
  readonly bytes: number;
  readonly sha256: string;
  readonly sequence: number;
  readonly parts: Manifest['parts'];
  readonly recipientFingerprint: string;
}

/** Builds, seals and writes one period package into `folder` (a stick), then records its sequence number. */
export async function exportPackage(
  store: Store,
  paths: DataPaths,
  actor: Actor,
  input: { period: PeriodRange; roster: RosterMode; folder: string; appVersion: string; now: string },
  signer: PackageSigner,
  job: Job,
): Promise<PackageExported> {
  requireLevel(store, 'county');
  const recipient = cityRecipient(store);
  if (!recipient) throw new AppError('PACKAGE_NO_RECIPIENT');
  const meta = readMeta(store);
  const countyCode = meta.county_code ?? '';
  const countyName = meta.county_name ?? '';
  job.step(0, 4, '汇总报表');
  const tables = periodTables(store, input.period);
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
  job.step(1, 4, '整理名册');
  if (input.roster !== 'none') {
    const roster = periodRoster(store, input.period, input.roster);
    parts.push({ name: 'roster.json', content: Buffer.from(JSON.stringify(roster), 'utf8'), rows: roster.length });
  }
  job.step(2, 4, '签名并加密');
  const last = store.first(
    store.kysely
      .selectFrom('package_exports')
      .select((eb) => eb.fn.max('sequence').as('n'))
      .where('period_from', '=', input.period.from)
      .where('period_to', '=', input.period.to),
  );
  const sequence = Number(last?.n ?? 0) + 1;
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
  job.step(3, 4, '写入 U 盘');
  const fileName = packageFileName(countyCode, input.period, sequence);
  const written: WrittenFile = await writeOutputFile(
    paths,
    { path: join(input.folder, fileName), overwrite: false },
    file,
    {
      verify: true,
      checkCancelled: () => job.throwIfCancelled(),
    },
  );
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
      after: { file: written.fileName, sha256: written.sha256, roster: input.roster, parts: manifest.parts },
    });
  });
  job.step(4, 4, '完成');
  return {
    fileName: written.fileName,
    path: written.path,
    bytes: written.bytes,
    sha256: written.sha256,
    sequence,
    parts: manifest.parts,
    recipientFingerprint: fingerprint(recipient),
  };
}
