import type { GridApi } from 'ag-grid-community';
import { AgGridReact } from 'ag-grid-react';
import { createRoot } from 'react-dom/client';
import type { RegisterRow } from '../../../shared/contract';
import type { Register } from '../../../shared/domain/programs';
import { baseGridOptions } from '../grid/setup';
import { registerColumns } from '../pages/registers/columns';

/**
 * The benchmark's floor: the same grid, columns and rows as a register page, fed
 * from an in-memory array with no IPC, no React Query and no app shell. `npm run
 * bench` compares the real page against this.
 */
declare global {
  interface Window {
    floor?: { render(register: Register, rows: RegisterRow[]): Promise<number>; api(): GridApi<RegisterRow> | null };
  }
}

let api: GridApi<RegisterRow> | null = null;
const container = document.getElementById('floor');
const root = container ? createRoot(container) : null;

window.floor = {
  api: () => api,
  render: (register, rows) =>
    new Promise((resolve) => {
      const start = performance.now();
      root?.render(
        <div style={{ height: '100%' }}>
          <AgGridReact<RegisterRow>
            {...baseGridOptions}
            columnDefs={registerColumns(register)}
            rowData={rows}
            getRowId={(p) => String(p.data.enrolmentId)}
            onGridReady={(e) => {
              api = e.api;
            }}
            onFirstDataRendered={() => requestAnimationFrame(() => resolve(performance.now() - start))}
          />
        </div>,
      );
    }),
};
