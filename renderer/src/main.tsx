import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp, ConfigProvider } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { installChineseErrors } from '../../shared/contract';
import { App } from './App';
import { JobsProvider } from './jobs/JobsProvider';
import './styles.css';

dayjs.locale('zh-cn');
installChineseErrors();

const queryClient = new QueryClient({
  defaultOptions: { queries: { retry: false, refetchOnWindowFocus: false } },
});

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <ConfigProvider
        locale={zhCN}
        button={{ autoInsertSpace: false }}
        theme={{ token: { fontFamily: '"Noto Sans CJK SC", "Microsoft YaHei", "PingFang SC", sans-serif' } }}
      >
        <AntApp style={{ height: '100%' }}>
          <QueryClientProvider client={queryClient}>
            <JobsProvider>
              <App />
            </JobsProvider>
          </QueryClientProvider>
        </AntApp>
      </ConfigProvider>
    </StrictMode>,
  );
}
