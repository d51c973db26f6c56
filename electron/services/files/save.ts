import { AppError } from '../../errors';
import type { AppContext } from '../app/context';
import {
  writeOutput,
  writeOutputFile,
  type OutputOptions,
  type OutputSink,
  type SaveTarget,
  type WrittenFile,
} from './output';

/** The save dialog (or the CLI's --out); a closed dialog is CANCELLED, which the renderer shows as nothing. */
export async function chooseTarget(
  app: AppContext,
  title: string,
  suggestedName: string,
  extension: string,
): Promise<SaveTarget> {
  const target = await app.dialogs?.chooseSaveFile(title, suggestedName, extension);
  if (!target) throw new AppError('CANCELLED');
  return target;
}

/** A file for the user, written the safe way (see writeOutput). */
export function saveUserFile(
  app: AppContext,
  target: SaveTarget,
  content: Uint8Array | string,
  opts?: OutputOptions,
): Promise<WrittenFile> {
  return writeOutputFile(app.paths, target, content, opts);
}

export function streamUserFile(
  app: AppContext,
  target: SaveTarget,
  produce: (sink: OutputSink) => Promise<void>,
  opts?: OutputOptions,
): Promise<WrittenFile> {
  return writeOutput(app.paths, target, produce, opts);
}

/** A name safe on Windows and Linux file systems. */
export function safeFileName(name: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are exactly what must go
  return name.replace(/[\\/:*?"<>|\u0000-\u001f]/g, '_').slice(0, 180);
}
