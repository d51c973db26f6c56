import { call } from './client';
import { bytesToBase64 } from './files';

/**
 * Sends a picked file to main in chunks (upload.begin → upload.chunk…): only one
 * chunk is ever read into the window at a time, so a 200 MB roster never sits in
 * memory as a single base64 string. Returns the id the import channels take.
 */
export async function uploadFile(file: File, onProgress?: (sent: number, total: number) => void): Promise<string> {
  const { uploadId, chunkBytes } = await call('upload.begin', { fileName: file.name, size: file.size });
  try {
    onProgress?.(0, file.size);
    for (let offset = 0; offset < file.size; offset += chunkBytes) {
      const bytes = new Uint8Array(await file.slice(offset, offset + chunkBytes).arrayBuffer());
      const { received } = await call('upload.chunk', { uploadId, offset, contentBase64: bytesToBase64(bytes) });
      onProgress?.(received, file.size);
    }
  } catch (e) {
    // A half-sent file is of no use to anyone: free main's memory at once.
    void discardUpload(uploadId);
    throw e;
  }
  return uploadId;
}

/** Frees an upload in main; a failure only means it is gone already. */
export async function discardUpload(uploadId: string): Promise<void> {
  await call('upload.discard', { uploadId }).catch(() => undefined);
}
