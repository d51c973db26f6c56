import {
  idAddressLookup,
  idAddressWarning,
  type IdAddress,
  type IdAddressLookup,
} from '../../../shared/domain/id-address';
import type { ReadableStore } from '../../db/store';
import { readMeta } from '../app/meta';
import { divisionTree } from './divisions';

let cached: { county: string; lookup: IdAddressLookup } | undefined;

/** The office's county and a lookup of ID address codes against the national list. */
export function idAddressContext(store: ReadableStore): { idAddress: IdAddressLookup; countyName: string } {
  const meta = readMeta(store);
  const county = meta.county_code ?? '';
  if (cached?.county !== county) cached = { county, lookup: idAddressLookup(divisionTree(), county) };
  return { idAddress: cached.lookup, countyName: meta.county_name ?? '' };
}

/** The address check of one ID number, with the warning to confirm (null: this county). */
export function checkIdAddress(store: ReadableStore, idNumber: string): IdAddress & { warning: string | null } {
  const cx = idAddressContext(store);
  const a = cx.idAddress(idNumber.slice(0, 6));
  return { ...a, warning: idAddressWarning(a, cx.countyName) };
}
