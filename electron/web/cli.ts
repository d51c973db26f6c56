import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { startHarness } from './server';

const root = resolve(__dirname, '..', '..');

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { data: { type: 'string' }, port: { type: 'string' }, 'export-dir': { type: 'string' } },
    strict: true,
  });
  const port = values.port === undefined ? 0 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port 应为 0–65535 的整数：${values.port}`);
  const dataDir = resolve(values.data ?? resolve(root, '.data', 'preview'));
  const exportDir = resolve(values['export-dir'] ?? resolve(dataDir, '..', 'exports'));
  const harness = await startHarness({ dataDir, rendererDir: resolve(root, 'out', 'renderer'), port, exportDir, autoBackup: true });
  process.stdout.write(
    `浏览器预览已启动：${harness.url}\n数据目录：${dataDir}\n导出与手动备份目录（代替文件对话框）：${exportDir}\n只监听本机回环地址；按 Ctrl+C 退出。\n`,
  );
  const stop = () => void harness.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
