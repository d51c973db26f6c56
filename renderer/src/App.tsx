import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Result, Spin } from 'antd';
import { lazy, Suspense, useCallback, useEffect, useState } from 'react';
import type { AppInfo } from '../../shared/contract';
import { forgetSessionData } from './api/cache';
import { api, call, errorText } from './api/client';
import { LockOverlay } from './pages/auth/LockOverlay';
import { LoginPage } from './pages/auth/LoginPage';
import { RecoveryCodeSheet } from './pages/auth/RecoveryCodeSheet';
import { useIdleLock } from './pages/auth/useIdleLock';
import { SetupPage } from './pages/SetupPage';
// The login and setup screens paint from the first chunk; the registers, AG Grid and the charts come with the shell.
const Shell = lazy(() => import('./shell/Shell').then((m) => ({ default: m.Shell })));

export function App() {
  const queryClient = useQueryClient();
  const info = useQuery({ queryKey: ['app.info'], queryFn: () => call('app.info', {}) });
  const [recovery, setRecovery] = useState<{ code: string; info: AppInfo } | null>(null);
  const refresh = useCallback(() => void queryClient.invalidateQueries({ queryKey: ['app.info'] }), [queryClient]);

  useEffect(
    () =>
      api.onEvent((e) => {
        if (e.type === 'session.ended') forgetSessionData(queryClient);
        if (e.type === 'session.locked') refresh();
      }),
    [refresh, queryClient],
  );
  const session = info.data?.session;
  useIdleLock(session?.idleLockMinutes ?? 10, Boolean(session && !session.locked), refresh);

  if (info.isPending) {
    return (
      <div className="centered">
        <Spin size="large" description="正在启动…" />
      </div>
    );
  }
  if (info.isError) {
    return (
      <div className="centered">
        <Result status="error" title="无法连接到后台服务" subTitle={errorText(info.error)} />
      </div>
    );
  }
  if (recovery) {
    return (
      <RecoveryCodeSheet
        code={recovery.code}
        info={recovery.info}
        onDone={() => {
          setRecovery(null);
          queryClient.setQueryData(['app.info'], recovery.info);
        }}
      />
    );
  }
  if (!info.data.initialized) return <SetupPage onDone={(code, next) => setRecovery({ code, info: next })} />;
  if (!info.data.session) return <LoginPage info={info.data} />;
  return (
    <Suspense
      fallback={
        <div className="centered">
          <Spin size="large" description="正在打开…" />
        </div>
      }
    >
      <Shell info={info.data} />
      {info.data.session.locked ? <LockOverlay info={info.data} /> : null}
    </Suspense>
  );
}
