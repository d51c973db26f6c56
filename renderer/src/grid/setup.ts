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
  // AG Grid's own Chinese says 无显示行 for an empty grid; a clerk expects 暂无数据.
  localeText: { ...AG_GRID_LOCALE_CN, noRowsToShow: '暂无数据' },
  theme: gridTheme,
  // A header longer than its column wraps onto a second line instead of being cut (本月应发, 乡镇（街道）…).
  defaultColDef: {
    sortable: true,
    resizable: true,
    filter: true,
    comparator: zhCompare,
    wrapHeaderText: true,
    autoHeaderHeight: true,
  },
  enableCellTextSelection: true,
  ensureDomOrder: true,
};
