import { dirname, join } from 'node:path';

/**
 * Outside the app, the support log lives beside the data directory, never inside
 * it: a backup or restore of the data folder must not carry or lose it.
 */
export function defaultLogDir(dataDir: string): string {
  return join(dirname(dataDir), 'logs');
}
