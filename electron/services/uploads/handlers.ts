import type { HandlerMap } from '../../ipc/types';
import { requireSession } from '../../ipc/types';
import { UPLOAD_CHUNK_BYTES } from '../../../shared/contract';
import { importLimits } from '../imports/handlers';

export const uploadHandlers = {
  'upload.begin': (input, cx) => {
    const session = requireSession(cx);
    const uploadId = cx.app.uploads.begin(
      cx.caller.key,
      session,
      input.fileName,
      input.size,
      importLimits(cx).maxBytes,
    );
    return { uploadId, chunkBytes: UPLOAD_CHUNK_BYTES };
  },
  'upload.chunk': (input, cx) => ({
    received: cx.app.uploads.chunk(
      requireSession(cx),
      input.uploadId,
      input.offset,
      Buffer.from(input.contentBase64, 'base64'),
    ),
  }),
  'upload.discard': (input, cx) => ({ discarded: cx.app.uploads.discard(requireSession(cx), input.uploadId) }),
} satisfies HandlerMap<'upload.begin' | 'upload.chunk' | 'upload.discard'>;
