import { readFileSync } from 'node:fs';
import { ADMIN, initialisedDir, invoke, newApp, PASSWORD, signIn } from '../support/fixtures';
import { seedCounty } from '../support/seed';
import { tempDir } from '../support/tmp';

/**
 * One commit of a roster into a fresh county, in a process of its own so that
 * its peak RSS is the commit's (the file read back, checked and written), not
 * the bench's. `tsx … import-commit-run.ts FILE ROWS` prints
 * `{commitMs, rssBeforeMb, peakMb}` as JSON.
 */
async function main(file: string, rows: number): Promise<void> {
  const tmp = tempDir('wd-bench-commit-');
  try {
    initialisedDir(tmp.dir, { users: [{ username: 'li', displayName: '李经办', roles: ['clerk'] }] });
    await seedCounty(tmp.dir);
    const t = newApp(tmp.dir);
    await signIn(t, 'li', 'li', PASSWORD);
    const rssBeforeMb = process.resourceUsage().maxRSS / 1024;
    const t0 = performance.now();
    // As the channel receives it: the file's bytes, base64 in the message.
    const contentBase64 = readFileSync(file).toString('base64');
    const r = await invoke(t, 'li', 'import.commit', {
      fileName: 'roster.xlsx',
      contentBase64,
      program: 'elderly',
      updates: 'accept',
    });
    const commitMs = performance.now() - t0;
    // Taken before the check below: a sign-in's scrypt would count as the commit's.
    const peakMb = process.resourceUsage().maxRSS / 1024;
    if (!r.ok || r.value.created !== rows)
      throw new Error(`commit: ${JSON.stringify(r.ok ? { created: r.value.created } : r.error)}`);
    // The one audit row and its trail of 50 000 persons prove out.
    await signIn(t, 'admin', ADMIN.username, ADMIN.password);
    const verify = await invoke(t, 'admin', 'audit.verify', {});
    if (!verify.ok || !verify.value.ok) throw new Error(`audit verify: ${JSON.stringify(verify)}`);
    t.app.close();
    process.stdout.write(`${JSON.stringify({ commitMs, rssBeforeMb, peakMb })}\n`);
  } finally {
    tmp.cleanup();
  }
}

main(process.argv[2] ?? '', Number(process.argv[3])).catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exit(1);
});
