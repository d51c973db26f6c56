import { AG_GRID_LOCALE_CN } from '@ag-grid-community/locale';
import { AllCommunityModule, ModuleRegistry, themeQuartz, type GridOptions } from 'ag-grid-community';
import { zhCompare } from '../../../shared/domain/collate';

// Community modules only: nothing here needs an enterprise licence.
ModuleRegistry.registerModules([AllCommunityModule]);

export const gridTheme = themeQuartz.withParams({
  fontFamily: ['"Noto Sans CJK SC"', '"Microsoft YaHei"', '"PingFang SC"', 'sans-serif'],
  fontSize: 14,
  headerFontWeight: 600,
});

export const baseGridOptions: GridOptions = {
  localeText: AG_GRID_LOCALE_CN,
  theme: gridTheme,
  defaultColDef: { sortable: true, resizable: true, filter: true, comparator: zhCompare },
  enableCellTextSelection: true,
  ensureDomOrder: true,
};
