import type { HandlerMap } from '../../ipc/types';
import { actorOf, requireStore } from '../../ipc/types';
import { readMeta } from '../app/meta';
import { importRegions } from './import';
import { listRegions, saveRegion } from './service';

export const regionHandlers = {
  'region.list': (_input, cx) => listRegions(requireStore(cx)),
  'region.save': (input, cx) => {
    const store = requireStore(cx);
    return saveRegion(store, actorOf(cx), readMeta(store).county_code ?? '', input.code, input.name);
  },
  'region.import': (input, cx) => {
    const store = requireStore(cx);
    return importRegions(
      store,
      actorOf(cx),
      readMeta(store).county_code ?? '',
      Buffer.from(input.contentBase64, 'base64'),
      input.fileName,
    );
  },
} satisfies HandlerMap<'region.list' | 'region.save' | 'region.import'>;
