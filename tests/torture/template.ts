import { join, relative } from 'node:path';
import { openSlot, readKeyring } from '../../electron/db/keyring';
import { backupIfDue } from '../../electron/services/backup/service';
import { age } from '../../electron/services/package/format';
import { ADMIN } from '../support/fixtures';
import { PayoutCounty } from '../support/payout-county';

/** The county every lane starts from, copied afresh every few kills. */
export interface Template {
  readonly dir: string;
  readonly key: Buffer;
  /** The daily backup the restore lane puts back, relative to the data directory. */
  readonly backup: string;
  /** The city's age identity: a package on the stick must open with it. */
  readonly cityIdentity: string;
  readonly divisions: string;
}

/**
 * Small on purpose (40 pensioners, one paid batch): a kill is cheap and so a
 * thousand of them fit in half an hour, yet every op does its whole work
 * (a batch of 40 lines, a roster PDF, a signed and encrypted package).
 */
export async function prepareTemplate(dir: string, divisions: string): Promise<Template> {
  const c = new PayoutCounty(dir);
  await c.setup([
    ['elderly', '80-89', '2000-01', 5000],
    ['elderly', '90-99', '2000-01', 10000],
  ]);
  for (let i = 0; i < 40; i++) {
    const p = await c.person(
      `4201021940031${String(100 + i).padStart(4, '0')}`,
      `老人${'甲乙丙丁戊己庚辛壬癸'[i % 10] ?? ''}${'子丑寅卯辰巳午未申酉'[Math.floor(i / 10) % 10] ?? ''}`,
      `62170000100000${String(10000 + i)}`,
    );
    await c.enrol(p, 'elderly', '2025-12-01', '2026-01-02');
  }
  await c.at('2026-01-20');
  await c.pay('elderly', '2026-01');
  const { generateX25519Identity, identityToRecipient } = await age();
  const cityIdentity = await generateX25519Identity();
  await c.ok('wang', 'keys.setRecipient', { recipient: await identityToRecipient(cityIdentity) });
  const daily = backupIfDue(c.t.app, 'daily')?.daily ?? '';
  c.close();
  const slot = readKeyring(join(dir, 'welfare.keys.json')).slots.find((s) => s.username === ADMIN.username);
  const key = slot ? openSlot(slot, ADMIN.password) : null;
  if (!key) throw new Error('admin slot');
  return { dir, key, backup: relative(dir, join(dir, 'backups', daily)), cityIdentity, divisions };
}
