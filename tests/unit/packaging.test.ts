import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { REPO_ROOT } from '../support/paths';

const pkg = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8'));

describe('packaging and install', () => {
  const builder = parse(readFileSync(join(REPO_ROOT, 'electron-builder.yml'), 'utf8'));

  it('flips the Electron fuses', () => {
    expect(builder.electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      onlyLoadAppFromAsar: true,
      enableEmbeddedAsarIntegrityValidation: true,
    });
  });

  it('targets Windows NSIS x64 and Linux deb x64 + arm64, without native rebuilds', () => {
    expect(builder.win.target).toEqual([{ target: 'nsis', arch: ['x64'] }]);
    expect(builder.linux.target).toEqual([{ target: 'deb', arch: ['x64', 'arm64'] }]);
    expect(builder.npmRebuild).toBe(false);
    expect(builder.asarUnpack.join()).toContain('better-sqlite3-multiple-ciphers');
  });

  it('pins Node 22 for npm scripts, keeps main CommonJS and has no install-time rebuild', () => {
    expect(pkg.devDependencies.node).toMatch(/^22\./);
    expect(pkg.type).toBeUndefined();
    for (const hook of ['preinstall', 'install', 'postinstall', 'prepare']) expect(pkg.scripts[hook]).toBeUndefined();
    expect(process.versions.node.split('.')[0]).toBe('22');
  });
});
