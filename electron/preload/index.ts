import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { AppEvent, WelfareApi } from '../../shared/contract';
import { IPC_EVENT, IPC_INVOKE } from '../../shared/contract/ipc';

/**
 * The renderer's whole view of the machine: one typed invoke and one event
 * subscription. Validation, sessions and roles live in main, not here.
 */
const api = {
  // Main answers with the envelope as JSON text (it never builds large results as objects on its thread).
  invoke: async (channel, input) => JSON.parse((await ipcRenderer.invoke(IPC_INVOKE, channel, input)) as string),
  onEvent: (listener) => {
    const wrapped = (_e: IpcRendererEvent, event: AppEvent) => listener(event);
    ipcRenderer.on(IPC_EVENT, wrapped);
    return () => {
      ipcRenderer.removeListener(IPC_EVENT, wrapped);
    };
  },
} satisfies WelfareApi;

contextBridge.exposeInMainWorld('api', api);
