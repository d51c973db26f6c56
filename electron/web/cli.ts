import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { runCli } from '../cli/run';
import { startHarness } from './server';

const root = resolve(__dirname, '..', '..');
const DEMO_PASSWORD = 'demo-password-1';

/** `--demo`: a demo county in its own folder, created on first use, with four users sharing one password. */
async function ensureDemo(dataDir: string, scale: string, password: string): Promise<void> {
  if (existsSync(join(dataDir, 'welfare.keys.json'))) return;
  process.stdout.write(`正在生成演示县（规模 ${scale}），约需十几秒……\n`);
  let out = '';
  const code = await runCli(
    ['demo', '--data', dataDir, '--scale', scale, '--json'],
    { ...process.env, WELFARE_DESK_PASSWORD: password },
    {
      out: (t) => (out += t),
      err: (t) => process.stderr.write(t),
    },
  );
  if (code !== 0) throw new Error(`演示数据生成失败：${out}`);
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      data: { type: 'string' },
      port: { type: 'string' },
      'export-dir': { type: 'string' },
      demo: { type: 'boolean' },
      scale: { type: 'string' },
    },
    strict: true,
  });
  const port = values.port === undefined ? 0 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`--port 应为 0–65535 的整数：${values.port}`);
  const dataDir = resolve(values.data ?? resolve(root, '.data', values.demo ? 'demo' : 'preview'));
  const password = process.env.WELFARE_DESK_PASSWORD || DEMO_PASSWORD;
  if (values.demo) await ensureDemo(dataDir, values.scale ?? '1', password);
  const exportDir = resolve(values['export-dir'] ?? resolve(dataDir, '..', 'exports'));
  const harness = await startHarness({
    dataDir,
    rendererDir: resolve(root, 'out', 'renderer'),
    port,
    exportDir,
    autoBackup: true,
  });
  process.stdout.write(
    `浏览器预览已启动：${harness.url}\n数据目录：${dataDir}\n导出与手动备份目录（代替文件对话框）：${exportDir}\n只监听本机回环地址；按 Ctrl+C 退出。\n`,
  );
  if (values.demo) {
    process.stdout.write(
      `演示账号（密码均为 ${password}）：clerk 经办人、reviewer 审核人、head 负责人、admin 管理员\n`,
    );
  }
  const stop = () => void harness.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
