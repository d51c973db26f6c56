import type { HandlerMap } from '../../ipc/types';
import { actorOf, requireStore } from '../../ipc/types';
import { readSettings, updateSettings } from './service';

export const settingsHandlers = {
  'settings.get': (_input, cx) => readSettings(requireStore(cx)),
  'settings.update': (input, cx) => {
    const settings = updateSettings(requireStore(cx), actorOf(cx), input);
    cx.app.settings = settings;
    return settings;
  },
} satisfies HandlerMap<'settings.get' | 'settings.update'>;
