import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Result, Spin } from 'antd';
import { useEffect } from 'react';
import { api, call, errorText } from './api/client';
import { SetupPage } from './pages/SetupPage';
import { UnlockPage } from './pages/UnlockPage';
import { Shell } from './shell/Shell';

export function App() {
  const queryClient = useQueryClient();
  const info = useQuery({ queryKey: ['app.info'], queryFn: () => call('app.info', {}) });

  useEffect(
    () =>
      api.onEvent((e) => {
        if (e.type === 'session.locked') void queryClient.invalidateQueries();
      }),
    [queryClient],
  );

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
  if (!info.data.initialized) return <SetupPage />;
  if (!info.data.unlocked) return <UnlockPage />;
  return <Shell info={info.data} />;
}
