import type { GridApi } from 'ag-grid-community';
import { useCallback, useMemo } from 'react';

/** Column order, widths, sort and visibility, remembered per user and register on this computer. */
export function useColumnState(key: string) {
  const restore = useCallback(
    (api: GridApi) => {
      try {
        const saved = localStorage.getItem(key);
        if (saved) api.applyColumnState({ state: JSON.parse(saved), applyOrder: true });
      } catch {
        localStorage.removeItem(key);
      }
    },
    [key],
  );
  const save = useCallback((api: GridApi) => localStorage.setItem(key, JSON.stringify(api.getColumnState())), [key]);
  return useMemo(() => ({ restore, save }), [restore, save]);
}
