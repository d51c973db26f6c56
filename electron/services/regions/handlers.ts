import type { HandlerMap } from '../../ipc/types';
import { actorOf, requireStore } from '../../ipc/types';
import { AppError } from '../../errors';
import { readMeta } from '../app/meta';
import { divisionTree } from './divisions';
import { importRegions } from './import';
import { listRegions, loadNationalRegions, retireRegion, saveRegion } from './service';

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
  'region.divisions': () => divisionTree(),
  'region.loadNational': (input, cx) => {
    const store = requireStore(cx);
    const county = readMeta(store).county_code ?? '';
    if (input.countyCode !== county)
      throw new AppError('INVALID_INPUT', `县区代码：${input.countyCode} 不是本数据库的县区（${county}）`);
    return store.write(actorOf(cx), (w) => loadNationalRegions(w, county, input.renameExisting));
  },
  'region.retire': (input, cx) => retireRegion(requireStore(cx), actorOf(cx), input.code, input.retired),
} satisfies HandlerMap<
  'region.list' | 'region.save' | 'region.import' | 'region.divisions' | 'region.loadNational' | 'region.retire'
>;
