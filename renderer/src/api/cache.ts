import type { QueryClient } from '@tanstack/react-query';
import type { AppInfo } from '../../../shared/contract';

/**
 * After a sign-out or a restore, drop every cached record (the next user must not
 * see this one's data for a moment) and ask main again who is signed in.
 *
 * The session is cleared in the cache first: the frame unmounts at the next
 * render, so its pages never refetch the dropped queries without a session and
 * greet the login screen with a “请先登录” toast.
 */
export function forgetSessionData(queryClient: QueryClient): void {
  queryClient.setQueryData<AppInfo>(['app.info'], (info) => (info ? { ...info, session: null } : info));
  void queryClient.cancelQueries({ predicate: (q) => q.queryKey[0] !== 'app.info' });
  queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== 'app.info' });
  void queryClient.invalidateQueries({ queryKey: ['app.info'] });
}
