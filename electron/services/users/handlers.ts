import type { HandlerMap } from '../../ipc/types';
import { actorOf } from '../../ipc/types';
import { addUser, disableUser, listUsers, resetPassword, updateUser } from './service';

export const userHandlers = {
  'user.list': (_input, cx) => listUsers(cx.app),
  'user.add': (input, cx) => addUser(cx.app, actorOf(cx), input),
  'user.update': (input, cx) => updateUser(cx.app, actorOf(cx), input),
  'user.disable': (input, cx) => disableUser(cx.app, actorOf(cx), input.username),
  'user.resetPassword': (input, cx) => {
    resetPassword(cx.app, actorOf(cx), input.username, input.newPassword);
    return null;
  },
} satisfies HandlerMap<'user.list' | 'user.add' | 'user.update' | 'user.disable' | 'user.resetPassword'>;
