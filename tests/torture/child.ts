/**
 * One torture child: opens the data directory with the key it is given (no
 * scrypt, so a thousand spawns stay quick), says `ready`, then runs its one kind
 * of work in an endless loop until the runner kills its process group with
 * SIGKILL. After every finished round it says `cycle <ms>`, so the runner can
 * spread its kill moments over the whole round (start, middle, the write, the
 * commit) rather than only its first few hundred milliseconds.
 */
import { mkdirSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { createDispatcher } from '../../electron/ipc/dispatch';
import { handlers } from '../../electron/ipc/handlers';
import { AppContext } from '../../electron/services/app/context';
import { openWithKey } from '../../electron/services/auth/keys';
import { restoreBackup } from '../../electron/services/backup/restore';
import { ChromiumPrintEngine } from '../../electron/services/print/chromium';
import { findUser, toSessionUser } from '../../electron/services/users/queries';
import { elderlyRosterCsv } from '../support/rosters';

export const TORTURE_OPS = ['payout', 'import', 'backup', 'restore', 'print', 'package'] as const;
export type TortureOp = (typeof TORTURE_OPS)[number];

/** Errors a round may end with that are the product's answer, not a torture failure. */
const EXPECTED = new Set(['BATCH_STATE']);

async function main(): Promise<void> {
  const dir = String(process.env.WD_T_DIR);
  const out = String(process.env.WD_T_OUT);
  const key = Buffer.from(String(process.env.WD_T_KEY), 'hex');
  const op = process.env.WD_T_OP as TortureOp;
  const spawnNo = Number(process.env.WD_T_N);
  // One stick for every spawn: a package written whole whose record a kill prevented keeps
  // its name and number there, and the next export must take the number after it.
  const pkgDir = join(out, 'pkg');
  mkdirSync(join(out, 'backups'), { recursive: true });
  if (op === 'package') mkdirSync(pkgDir, { recursive: true });
  // The real engine the preview and the CLI print with: headless Chromium over playwright-core.
  const engine = op === 'print' ? new ChromiumPrintEngine() : undefined;
  let fileNo = 0;
  const ctx = new AppContext({
    dataDir: dir,
    version: 'torture',
    clock: () => new Date('2026-02-05T02:00:00.000Z'),
    ...(engine ? { printing: engine } : {}),
    dialogs: {
      chooseFolder: () => Promise.resolve(op === 'package' ? pkgDir : join(out, 'backups')),
      chooseSaveFile: (_t, name) =>
        Promise.resolve({ path: join(out, `${String(fileNo++ % 3)}-${name}`), overwrite: true }),
    },
  });
  const signIn = () => {
    openWithKey(ctx, key);
    const store = ctx.currentStore();
    if (!store) throw new Error('not open');
    for (const u of ['li', 'wang', 'admin']) {
      const row = findUser(store, u);
      if (row) ctx.openSession(u, toSessionUser(row));
    }
  };
  signIn();
  const dispatch = createDispatcher(ctx, handlers, { logError: (c, e) => console.error(c, e) });
  const must = async (who: string, channel: string, input: unknown) => {
    const r = await dispatch({ key: who }, channel, input);
    if (!r.ok && !EXPECTED.has(r.error.code)) throw new Error(`${channel}: ${r.error.code} ${r.error.message}`);
    return r;
  };
  // Chromium's start is not what is being tested: the kill should find a roster being laid out and written.
  if (engine) await engine.pdf('<!doctype html><p>预热</p>', { landscape: false });
  writeSync(1, 'ready\n');
  for (let i = 0; ; i++) {
    const t0 = Date.now();
    if (op === 'payout') {
      // Generate, then void so the month is free again: every round writes a whole batch.
      await must('li', 'payout.generate', { program: 'elderly', month: '2026-02' });
      const list = await must('wang', 'payout.list', { program: 'elderly' });
      const open = (list.ok ? (list.value as Array<{ id: number; status: string; periodFrom: string }>) : []).filter(
        (b) => b.periodFrom === '2026-02' && b.status !== 'voided',
      );
      for (const b of open) await must('wang', 'payout.void', { batchId: b.id, reason: '演练作废' });
    }
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
    if (op === 'package') await must('wang', 'package.export', { period: '2026-01', roster: 'masked' });
    if (op === 'restore') {
      restoreBackup(ctx, String(process.env.WD_T_BACKUP), { username: 'admin', channel: 'backup.restore' });
      signIn();
    }
    writeSync(1, `cycle ${String(Date.now() - t0)}\n`);
  }
}

if (process.env.WD_T_DIR) {
  main().catch((e: unknown) => {
    console.error(e);
    process.exit(3);
  });
}
