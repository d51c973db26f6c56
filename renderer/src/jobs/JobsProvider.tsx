import { App, Button, Modal, Progress, Typography } from 'antd';
import { createContext, useCallback, useContext, useEffect, useRef, useState, type ReactNode } from 'react';
import type { ChannelName, Input, JobInfo, Output } from '../../../shared/contract';
import { api, ApiError, call, errorText } from '../api/client';

/**
 * One progress window for every long job: the channel runs with a job id of the
 * renderer's making, progress arrives as `job` events, 取消 asks main to stop it
 * between chunks. A cancelled job says what was kept (nothing).
 */
/** Channels the contract runs as jobs: their input takes a `jobId`. */
export type JobChannel = { [C in ChannelName]: 'jobId' extends keyof Input<C> ? C : never }[ChannelName];
type RunJob = <C extends JobChannel>(channel: C, input: Omit<Input<C>, 'jobId'>) => Promise<Output<C>>;

const JobsContext = createContext<RunJob | null>(null);

/** Shown only for work that lasts: a quick save does not flash a window. */
const SHOW_AFTER_MS = 400;

export function formatEta(seconds: number | null): string {
  if (seconds === null) return '正在估算剩余时间…';
  if (seconds < 60) return `预计还需 ${String(Math.max(1, seconds))} 秒`;
  const m = Math.floor(seconds / 60);
  return `预计还需 ${String(m)} 分 ${String(seconds % 60)} 秒`;
}

function newJobId(): string {
  return `job-${crypto.randomUUID()}`;
}

export function JobsProvider({ children }: { children: ReactNode }) {
  const { message } = App.useApp();
  const [watched, setWatched] = useState<string | null>(null);
  const [info, setInfo] = useState<JobInfo | null>(null);
  const [visible, setVisible] = useState(false);
  const [cancelling, setCancelling] = useState(false);
  const watchedRef = useRef<string | null>(null);

  useEffect(
    () =>
      api.onEvent((e) => {
        if (e.type !== 'job' || e.jobId !== watchedRef.current) return;
        const { type: _type, ...job } = e;
        setInfo(job);
      }),
    [],
  );

  const run = useCallback<RunJob>(
    async (channel, input) => {
      const jobId = newJobId();
      watchedRef.current = jobId;
      setWatched(jobId);
      setInfo(null);
      setCancelling(false);
      const timer = window.setTimeout(() => setVisible(true), SHOW_AFTER_MS);
      try {
        return await call(channel, { ...input, jobId } as Input<typeof channel>);
      } catch (e) {
        if (e instanceof ApiError && e.code === 'CANCELLED') void message.info(e.message);
        throw e;
      } finally {
        window.clearTimeout(timer);
        watchedRef.current = null;
        setWatched(null);
        setVisible(false);
      }
    },
    [message],
  );

  const cancel = async () => {
    if (!watched) return;
    setCancelling(true);
    try {
      await call('job.cancel', { jobId: watched });
    } catch (e) {
      void message.error(errorText(e));
      setCancelling(false);
    }
  };

  const percent = info && info.total > 0 ? Math.min(100, Math.floor((info.done / info.total) * 100)) : 0;
  return (
    <JobsContext.Provider value={run}>
      {children}
      <Modal
        open={visible && watched !== null}
        title={info?.title ?? '正在处理'}
        closable={false}
        maskClosable={false}
        // Above whatever window started the job (a print preview, a drawer).
        zIndex={2000}
        keyboard={false}
        footer={
          <Button onClick={() => void cancel()} loading={cancelling} danger>
            {cancelling ? '正在取消…' : '取消'}
          </Button>
        }
      >
        <div role="progressbar" aria-label="任务进度" aria-valuenow={percent} aria-valuemin={0} aria-valuemax={100}>
          <Progress percent={percent} status={cancelling ? 'exception' : 'active'} />
        </div>
        <Typography.Paragraph style={{ marginBottom: 4 }}>
          {info?.phase ?? '准备'}
          {info && info.total > 1 ? `：${String(info.done)} / ${String(info.total)}` : ''}
        </Typography.Paragraph>
        <Typography.Text type="secondary">
          {cancelling ? '正在取消，已做的部分将全部撤销…' : formatEta(info?.etaSeconds ?? null)}
        </Typography.Text>
      </Modal>
    </JobsContext.Provider>
  );
}

/** Runs a job channel with the shared progress window; rejects with CANCELLED when the user cancelled. */
export function useJob(): RunJob {
  const run = useContext(JobsContext);
  if (!run) throw new Error('useJob outside JobsProvider');
  return run;
}
