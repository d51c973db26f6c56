/** Names of the two Electron IPC channels: one carries every invoke, one every event. */
export const IPC_INVOKE = 'welfare:invoke';
export const IPC_EVENT = 'welfare:event';
