/**
 * One torture child: opens the data directory with the key it is given (no
 * scrypt, so a thousand spawns stay quick), says `ready`, then runs its one kind
 * of work in an endless loop until the runner kills it with SIGKILL.
 */
import { mkdirSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { createDispatcher } from '../../electron/ipc/dispatch';
import { handlers } from '../../electron/ipc/handlers';
import { AppContext } from '../../electron/services/app/context';
import { openWithKey } from '../../electron/services/auth/keys';
import { restoreBackup } from '../../electron/services/backup/restore';
import { findUser, toSessionUser } from '../../electron/services/users/queries';
import type { PrintEngine } from '../../electron/services/print/engine';
import { elderlyRosterCsv } from '../support/rosters';

export const TORTURE_OPS = ['payout', 'import', 'backup', 'restore', 'print'] as const;
export type TortureOp = (typeof TORTURE_OPS)[number];

const fakePdf: PrintEngine = {
  async pdf(html) {
    const doc = await PDFDocument.create();
    // Enough pages that the write takes a while: kills land inside it too.
    const pages = Math.max(1, Math.min(200, Math.round(html.length / 2000)));
    for (let i = 0; i < pages; i++) doc.addPage().drawText(`page ${String(i + 1)}`);
    return Buffer.from(await doc.save());
  },
};

async function main(): Promise<void> {
  const dir = String(process.env.WD_T_DIR);
  const out = String(process.env.WD_T_OUT);
  const key = Buffer.from(String(process.env.WD_T_KEY), 'hex');
  const op = process.env.WD_T_OP as TortureOp;
  const spawnNo = Number(process.env.WD_T_N);
  mkdirSync(join(out, 'backups'), { recursive: true });
  let fileNo = 0;
  const ctx = new AppContext({
    dataDir: dir,
    version: 'torture',
    clock: () => new Date('2026-02-05T02:00:00.000Z'),
    printing: fakePdf,
    dialogs: {
      chooseFolder: () => Promise.resolve(join(out, 'backups')),
      chooseSaveFile: (_t, name) =>
        Promise.resolve({ path: join(out, `${String(fileNo++ % 3)}-${name}`), overwrite: true }),
    },
  });
  const signIn = () => {
    openWithKey(ctx, key);
    const store = ctx.currentStore();
    if (!store) throw new Error('not open');
    for (const u of ['li', 'admin']) {
      const row = findUser(store, u);
      if (row) ctx.openSession(u, toSessionUser(row));
    }
  };
  signIn();
  const dispatch = createDispatcher(ctx, handlers, { logError: (c, e) => console.error(c, e) });
  const must = async (who: string, channel: string, input: unknown) => {
    const r = await dispatch({ key: who }, channel, input);
    if (!r.ok && r.error.code !== 'BATCH_STATE') throw new Error(`${channel}: ${r.error.code} ${r.error.message}`);
    return r;
  };
  writeSync(1, 'ready\n');
  for (let i = 0; ; i++) {
    if (op === 'payout') await must('li', 'payout.generate', { program: 'elderly', month: '2026-02' });
    if (op === 'import') {
      const csv = elderlyRosterCsv(25, 100_000 + (spawnNo * 200 + i) * 25);
      await must('li', 'import.commit', {
        fileName: '花名册.csv',
        contentBase64: csv.toString('base64'),
        program: 'elderly',
      });
    }
    if (op === 'backup') await must('admin', 'backup.create', {});
    if (op === 'print') await must('li', 'print.savePdf', { batchId: 1, document: 'roster' });
    if (op === 'restore') {
      restoreBackup(ctx, String(process.env.WD_T_BACKUP), { username: 'admin', channel: 'backup.restore' });
      signIn();
    }
  }
}

if (process.env.WD_T_DIR) {
  main().catch((e: unknown) => {
    console.error(e);
    process.exit(3);
  });
}
