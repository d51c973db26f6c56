import { resolve } from 'node:path';
import { ensureDivisions } from '../../electron/services/regions/divisions-build';

/** Integration tests read the national region extract that `electron-vite build` makes; make it if missing. */
export default function setup(): void {
  ensureDivisions(resolve(__dirname, '../..'));
}
