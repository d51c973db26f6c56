import { resolve } from 'node:path';

export const REPO_ROOT = resolve(__dirname, '..', '..');
export const RENDERER_DIR = resolve(REPO_ROOT, 'out', 'renderer');
/** Screenshots and PDFs that tests produce, for people to look at (not committed). */
export const ARTIFACTS_DIR = resolve(REPO_ROOT, 'tests', '.artifacts');
