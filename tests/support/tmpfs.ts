import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A real small file system for full-disk and pulled-stick tests: a tmpfs of
 * `kib` KiB. CI runs as root (it installs Debian packages), so mount works there;
 * elsewhere the test fails loudly rather than pretending.
 */
export interface SmallDisk {
  dir: string;
  remountReadOnly(): void;
  cleanup(): void;
}

export function smallDisk(kib: number): SmallDisk {
  const dir = mkdtempSync(join(tmpdir(), 'wd-disk-'));
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${String(kib)}k,mode=0777`, 'tmpfs', dir], { stdio: 'pipe' });
  } catch (e) {
    rmSync(dir, { recursive: true, force: true });
    throw new Error('cannot mount a tmpfs for the full-disk test (run as root, as CI does)', { cause: e });
  }
  return {
    dir,
    remountReadOnly: () => execFileSync('mount', ['-o', 'remount,ro', dir], { stdio: 'pipe' }),
    cleanup: () => {
      try {
        execFileSync('umount', [dir], { stdio: 'pipe' });
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
