import { parseArgs } from 'node:util';
import { installChineseErrors } from '../../shared/contract';
import { initCommand } from './commands/init';
import { statusCommand } from './commands/status';
import { auditVerifyCommand } from './commands/audit';
import { checksCommand } from './commands/checks';
import { deathCommand, lifecycleCommands } from './commands/lifecycle';
import { entitlementCommand, policySetCommand, standardSetCommand } from './commands/standards';
import { backupCommand, rekeyCommand, restoreCommand } from './commands/backup';
import { userAddCommand, userDisableCommand, userPasswdCommand } from './commands/users';
import { demoCommand } from './commands/demo';
import { importCommands } from './commands/imports';
import { enrolCommand, personAddCommand, personListCommand, personShowCommand } from './commands/persons';
import { payoutCommands } from './commands/payouts';
import { personEditCommand } from './commands/persons-edit';
import { bankCommands } from './commands/payouts-bank';
import { documentCommands } from './commands/documents';
import { packageCommands } from './commands/package';
import { keysCommands } from './commands/keys';
import { reportCommands } from './commands/reports';
import type { Command, CliOutcome } from './types';

export const commands: readonly Command[] = [
  initCommand,
  statusCommand,
  userAddCommand,
  userDisableCommand,
  userPasswdCommand,
  auditVerifyCommand,
  backupCommand,
  restoreCommand,
  rekeyCommand,
  personAddCommand,
  personShowCommand,
  personEditCommand,
  personListCommand,
  enrolCommand,
  demoCommand,
  ...lifecycleCommands,
  deathCommand,
  standardSetCommand,
  policySetCommand,
  entitlementCommand,
  checksCommand,
  ...payoutCommands,
  ...importCommands,
  ...bankCommands,
  ...documentCommands,
  ...packageCommands,
  ...keysCommands,
  ...reportCommands,
];

export interface CliIo {
  out(text: string): void;
  err(text: string): void;
}

function helpText(): string {
  const lines = ['用法：npm run cli -- <命令> [选项] [--json]', '', '命令：'];
  for (const c of commands) lines.push(`  ${c.name.padEnd(14)}${c.summary}`, `      ${c.usage}`);
  lines.push('', '退出码：0 成功；1 被拒绝或失败；2 用法错误');
  return lines.join('\n');
}

/**
 * Runs one CLI command. With --json exactly one JSON object goes to stdout,
 * whatever happens; without it, Chinese text. Returns the exit code.
 */
export async function runCli(argv: readonly string[], env: NodeJS.ProcessEnv, io: CliIo): Promise<number> {
  installChineseErrors();
  const json = argv.includes('--json');
  const emit = (outcome: CliOutcome): number => {
    if (json) {
      const body = outcome.ok
        ? { ok: true, ...outcome.value }
        : { ok: false, error: outcome.error, ...(outcome.details === undefined ? {} : { details: outcome.details }) };
      io.out(`${JSON.stringify(body)}\n`);
    } else if (outcome.ok) {
      io.out(`${outcome.text}\n`);
    } else {
      io.err(`错误（${outcome.error.code}）：${outcome.error.message}\n`);
      if (outcome.usage) io.err(`\n${helpText()}\n`);
    }
    return outcome.ok ? 0 : outcome.usage ? 2 : 1;
  };

  const [name, sub, ...more] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    if (json)
      return emit({ ok: true, value: { commands: commands.map((c) => ({ name: c.name, usage: c.usage })) }, text: '' });
    io.out(`${helpText()}\n`);
    return name ? 0 : 2;
  }
  // Two-word commands (`user add`, `audit verify`) before one-word ones.
  const twoWord = commands.find((c) => c.name === `${name} ${sub}`);
  const command = twoWord ?? commands.find((c) => c.name === name);
  const rest = twoWord ? more : argv.slice(1);
  if (!command)
    return emit({
      ok: false,
      usage: true,
      error: { code: 'USAGE', message: `未知命令：${[name, sub].filter(Boolean).join(' ')}` },
    });
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({
      args: [...rest],
      options: { ...command.options, json: { type: 'boolean' } },
      allowPositionals: true,
      strict: true,
    });
  } catch (e) {
    return emit({
      ok: false,
      usage: true,
      error: { code: 'USAGE', message: `参数错误：${e instanceof Error ? e.message : String(e)}\n${command.usage}` },
    });
  }
  try {
    return emit(
      await command.run({
        values: parsed.values as Record<string, string | boolean | undefined>,
        positionals: parsed.positionals,
        env,
      }),
    );
  } catch (e) {
    io.err(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    return emit({ ok: false, error: { code: 'INTERNAL', message: '程序内部错误，请联系管理员' } });
  }
}
