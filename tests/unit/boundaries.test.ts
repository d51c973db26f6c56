import { ESLint } from 'eslint';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../support/paths';

/** The process boundaries are enforced by lint; this proves the rules fire. */
describe('import boundaries', () => {
  const eslint = new ESLint({ cwd: REPO_ROOT });
  const ruleHits = async (file: string, code: string) => {
    const [result] = await eslint.lintText(code, { filePath: join(REPO_ROOT, file) });
    return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').length;
  };

  it('keeps Node and electron/ out of renderer/ and shared/', async () => {
    for (const file of ['renderer/src/x.ts', 'shared/domain/x.ts']) {
      expect(await ruleHits(file, `import { readFileSync } from 'node:fs';\nexport const a = readFileSync;\n`)).toBe(1);
      expect(
        await ruleHits(file, `import { AppError } from '../../electron/errors';\nexport const a = AppError;\n`),
      ).toBe(1);
      expect(await ruleHits(file, `import { app } from 'electron';\nexport const a = app;\n`)).toBe(1);
    }
  });

  it('lets only electron/main and electron/preload import electron', async () => {
    const code = `import { app } from 'electron';\nexport const a = app;\n`;
    expect(await ruleHits('electron/services/x.ts', code)).toBe(1);
    expect(await ruleHits('electron/cli/x.ts', code)).toBe(1);
    expect(await ruleHits('electron/main/x.ts', code)).toBe(0);
    expect(await ruleHits('electron/preload/x.ts', code)).toBe(0);
  });
});
