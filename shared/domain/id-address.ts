/**
 * The first six digits of an ID number are the county where it was first
 * issued (domain.md). Against the national list they are this county, another
 * county (moved in: worth a look), or no county the list knows (a code since
 * abolished, or a typing error): the last two need the clerk's confirmation.
 */
export interface DivisionPlaces {
  code: string;
  name: string;
  cities: ReadonlyArray<{ code: string; name: string; counties: ReadonlyArray<{ code: string; name: string }> }>;
}

export interface IdAddress {
  code: string;
  status: 'county' | 'other' | 'unknown';
  /** 省 市 县 as the list names it; null when unknown. */
  place: string | null;
}

export type IdAddressLookup = (code6: string) => IdAddress;

/** Builds the lookup once (the list has about 3,000 counties). */
export function idAddressLookup(tree: readonly DivisionPlaces[], countyCode: string): IdAddressLookup {
  const places = new Map<string, string>();
  for (const p of tree) {
    places.set(`${p.code}0000`, p.name);
    for (const c of p.cities) {
      // Municipalities list their districts under 市辖区, which is no part of a place name.
      const city = /^(市辖区|县|.*直辖县级行政区划)$/.test(c.name) ? '' : c.name;
      // Early numbers were issued at city level (4201 00) or for 市辖区 (4201 01).
      places.set(`${c.code}00`, `${p.name}${city}`);
      places.set(`${c.code}01`, `${p.name}${city}`);
      for (const k of c.counties) places.set(k.code, `${p.name}${city === k.name ? '' : city}${k.name}`);
    }
  }
  return (code6) => {
    const place = places.get(code6) ?? null;
    return { code: code6, status: code6 === countyCode ? 'county' : place ? 'other' : 'unknown', place };
  };
}

/** The warning the clerk confirms, or null when the number is from this county. */
export function idAddressWarning(a: IdAddress, countyName: string): string | null {
  if (a.status === 'county') return null;
  if (a.status === 'other')
    return `身份证号地址码 ${a.code} 为${a.place ?? ''}，不是${countyName || '本县'}：如户籍已迁入本县，请确认后保存`;
  return `身份证号地址码 ${a.code} 不在全国县级区划名单中（可能是已撤销的旧代码或录入有误），请核对原件后确认`;
}
