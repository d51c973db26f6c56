import type { QueryClient } from '@tanstack/react-query';

/**
 * After a sign-out or a restore, drop every cached record (the next user must not
 * see this one's data for a moment) and ask main again who is signed in.
 */
export function forgetSessionData(queryClient: QueryClient): void {
  queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== 'app.info' });
  void queryClient.invalidateQueries({ queryKey: ['app.info'] });
}
