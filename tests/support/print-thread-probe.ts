import { ThreadPrintEngine } from '../../electron/web/print-thread';

/**
 * Run as its own process (tests/integration/print-thread.test.ts): prints two PDFs
 * at once through the preview's print thread and reports whether this thread ever
 * loaded playwright-core, then closes the engine.
 */
async function main(): Promise<void> {
  const engine = new ThreadPrintEngine();
  const html = (n: number) =>
    `<!doctype html><html><head><style>@page{size:A4}</style></head><body>${'<p style="page-break-after:always">测试页</p>'.repeat(n)}</body></html>`;
  const [a, b] = await Promise.all([
    engine.pdf(html(2), { landscape: false }),
    engine.pdf(html(3), { landscape: false }),
  ]);
  const loaded = Object.keys(require.cache).filter((k) => k.includes('playwright-core'));
  await engine.close();
  process.stdout.write(JSON.stringify({ a: a.toString('base64'), b: b.toString('base64'), loaded }));
}

main().catch((e: unknown) => {
  process.stderr.write(String(e));
  process.exit(1);
});
