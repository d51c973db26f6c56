import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ChannelName, Input, Output } from '../../shared/contract';
import type { PrintEngine } from '../../electron/services/print/engine';
import { ADMIN, initialisedDir, invoke, newApp, PASSWORD, signIn, type TestApp } from './fixtures';
import { SEED_REGIONS, withCheck } from './seed';

/**
 * A small county for payout scenarios: a clerk (li), a reviewer (zhao) and the
 * head (wang), regions, and a clock the test moves from month to month. Every
 * call goes through the real dispatcher.
 */
export class PayoutCounty {
  today = '2026-01-02';
  t: TestApp;
  saveTo: string;

  constructor(
    readonly dir: string,
    printing?: PrintEngine,
  ) {
    initialisedDir(dir, {
      users: [
        { username: 'li', displayName: '李经办', roles: ['clerk'] },
        { username: 'zhao', displayName: '赵审核', roles: ['reviewer'] },
        { username: 'wang', displayName: '王负责', roles: ['head'] },
      ],
    });
    // Files go outside the data directory (which refuses them); the folder goes when the test process ends.
    const outDir = mkdtempSync(join(tmpdir(), 'wd-out-'));
    process.once('exit', () => rmSync(outDir, { recursive: true, force: true }));
    this.saveTo = join(outDir, 'out.bin');
    this.t = newApp(dir, {
      clock: () => new Date(`${this.today}T02:00:00.000Z`),
      dialogs: {
        chooseFolder: () => Promise.resolve(null),
        chooseSaveFile: () => Promise.resolve({ path: this.saveTo, overwrite: true }),
      },
      ...(printing ? { printing } : {}),
    });
  }

  /** Moves the clock and signs everyone in again (the idle lock would otherwise hold them). */
  async at(date: string): Promise<void> {
    this.today = date;
    for (const u of ['li', 'zhao', 'wang']) await signIn(this.t, u, u, PASSWORD);
  }

  async ok<C extends ChannelName>(who: string, channel: C, input: Input<C>): Promise<Output<C>> {
    const r = await invoke(this.t, who, channel, input);
    if (!r.ok) throw new Error(`${channel} by ${who}: ${r.error.code} ${r.error.message}`);
    return r.value;
  }

  async setup(standards: ReadonlyArray<[Input<'standard.set'>['program'], string, string, number]>): Promise<void> {
    await signIn(this.t, 'admin', ADMIN.username, ADMIN.password);
    for (const [code, name] of SEED_REGIONS) await this.ok('admin', 'region.save', { code, name });
    await this.at(this.today);
    for (const [program, category, fromMonth, amountFen] of standards)
      await this.ok('wang', 'standard.set', { program, category, fromMonth, amountFen });
  }

  async person(
    first17: string,
    name: string,
    account: string,
    extra: Partial<Input<'person.save'>> = {},
  ): Promise<number> {
    const p = await this.ok('li', 'person.save', {
      idNumber: withCheck(first17),
      name,
      villageCode: '420102001001',
      bankName: '农商银行',
      bankAccount: account,
      ...extra,
    });
    return p.id;
  }

  /** An application, reviewed by the clerk, approved by the reviewer on `approvedOn` (when given), publicised that day and in the register ten days later. */
  async enrol(
    personId: number,
    program: Input<'enrolment.save'>['program'],
    appliedOn: string,
    approvedOn?: string,
    extra: Partial<Input<'enrolment.save'>> = {},
  ): Promise<number> {
    const e = await this.ok('li', 'enrolment.save', { personId, program, appliedOn, ...extra });
    if (approvedOn) {
      await this.ok('li', 'enrolment.transition', { id: e.id, action: 'review', date: approvedOn });
      await this.ok('zhao', 'enrolment.transition', { id: e.id, action: 'approve', date: approvedOn });
      await this.activate(e.id, approvedOn);
    }
    return e.id;
  }

  /** 公示 from `approvedOn` (5 working days) and 纳入在册 ten calendar days later, when it is surely over. */
  async activate(enrolmentId: number, approvedOn: string): Promise<void> {
    const after = new Date(`${approvedOn}T00:00:00Z`);
    after.setUTCDate(after.getUTCDate() + 10);
    await this.ok('li', 'enrolment.transition', { id: enrolmentId, action: 'publicize', date: approvedOn });
    await this.ok('li', 'enrolment.transition', {
      id: enrolmentId,
      action: 'activate',
      date: after.toISOString().slice(0, 10),
    });
  }

  /** Generate, review and lock: a month paid. */
  async pay(program: Input<'payout.generate'>['program'], month: string): Promise<Output<'payout.lock'>> {
    const b = await this.ok('li', 'payout.generate', { program, month });
    await this.ok('zhao', 'payout.review', { batchId: b.id });
    return this.ok('wang', 'payout.lock', { batchId: b.id });
  }

  lines(batchId: number): Promise<Output<'payout.get'>> {
    return this.ok('li', 'payout.get', { batchId });
  }

  close(): void {
    this.t.app.close();
  }
}

export { PASSWORD };
