import type { HandlerMap } from '../../ipc/types';
import { requireStore } from '../../ipc/types';
import { dbStatus, listTables } from './service';

export const systemHandlers = {
  'system.status': (_input, cx) => dbStatus(requireStore(cx), cx.app.paths.db),
  'system.tables': (_input, cx) => listTables(requireStore(cx)),
} satisfies HandlerMap<'system.status' | 'system.tables'>;
