/**
 * `npm run screenshots -- --url http://127.0.0.1:PORT/` against `npm run web -- --demo`:
 * the README's pictures of each register with demo data, signed in as the clerk.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { launchChromium } from './chromium';
import { REPO_ROOT } from './paths';

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { url: { type: 'string' }, password: { type: 'string' } } });
  if (!values.url) throw new Error('--url is required');
  const out = join(REPO_ROOT, 'docs', 'images');
  mkdirSync(out, { recursive: true });
  const chrome = await launchChromium();
  try {
    const page = await chrome.browser.newPage();
    await page.goto(values.url);
    await page.getByLabel('用户名').fill('clerk');
    await page.getByLabel('密码').fill(values.password ?? 'demo-password-1');
    await page.getByRole('button', { name: '登录', exact: true }).click();
    const menu = page.getByRole('menu', { name: '主菜单' });
    for (const [label, file] of [
      ['残疾人两项补贴', 'register-disability.png'],
      ['孤儿保障', 'register-children.png'],
      ['高龄津贴', 'register-elderly.png'],
    ] as const) {
      await menu.getByText(label).click();
      await page.locator('.ag-row').first().waitFor();
      await page.waitForFunction(() => !document.querySelector('.ant-progress'), undefined, { timeout: 120_000 });
      await page.waitForTimeout(500);
      await page.screenshot({ path: join(out, file) });
      process.stdout.write(`${file}\n`);
    }
  } finally {
    await chrome.close();
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`${String(e)}\n`);
  process.exit(1);
});
