import { useQuery } from '@tanstack/react-query';
import { Cascader } from 'antd';
import { useMemo } from 'react';
import type { DivisionTree } from '../../../../shared/contract';
import { call } from '../../api/client';

interface Option {
  value: string;
  label: string;
  children?: Option[];
}

function options(tree: DivisionTree): Option[] {
  return tree.map((p) => ({
    value: p.code,
    label: p.name,
    children: p.cities.map((c) => ({
      value: c.code,
      label: c.name,
      children: c.counties.map((k) => ({ value: k.code, label: k.name })),
    })),
  }));
}

/** Looks a county up by its 6-digit code in the national list. */
export function countyByCode(tree: DivisionTree | undefined, code: string): { path: string[]; name: string } | null {
  for (const p of tree ?? [])
    for (const c of p.cities)
      for (const k of c.counties) if (k.code === code) return { path: [p.code, c.code, k.code], name: k.name };
  return null;
}

export function useDivisions() {
  return useQuery({ queryKey: ['region.divisions'], queryFn: () => call('region.divisions', {}), staleTime: Infinity });
}

/** Province → city → county of the statistical division codes; searchable by name. */
export function CountyPicker({
  value,
  onPick,
}: {
  value: string | undefined;
  onPick: (county: { code: string; name: string }) => void;
}) {
  const divisions = useDivisions();
  const opts = useMemo(() => options(divisions.data ?? []), [divisions.data]);
  const path = countyByCode(divisions.data, value ?? '')?.path;
  return (
    <Cascader
      id="setup-county-picker"
      aria-label="选择县区"
      options={opts}
      value={path}
      loading={divisions.isLoading}
      placeholder="选择省 / 市 / 县区，或输入名称查找"
      showSearch={{
        filter: (input, chain) => chain.some((o) => String(o.label).includes(input)),
      }}
      onChange={(v) => {
        const county = v?.[2];
        const found = county ? countyByCode(divisions.data, String(county)) : null;
        if (found && county) onPick({ code: String(county), name: found.name });
      }}
    />
  );
}
