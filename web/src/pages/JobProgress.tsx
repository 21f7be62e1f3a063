// A background job followed until it ends (GET /api/jobs/:id every half second): a progress bar and its counts.
import { useEffect, useState } from 'react';
import { Alert, Progress, Space, Typography } from 'antd';
import { ApiError, api } from '../api';
import { useI18n } from '../i18n';
import { useTexts } from '../texts';

const TEXTS = {
  recompute: ['正在按新参数重新计算记录', 'Recomputing records under the new parameters'],
  counts: ['已处理', 'Done'],
  changed: ['结果变化', 'changed'],
  unchanged: ['未变化', 'unchanged'],
  failed: ['失败', 'failed'],
  queued: ['排队中', 'Queued'],
  running: ['进行中', 'Running'],
  done: ['已完成', 'Done'],
  superseded: ['已由新的参数变更接替', 'Superseded by a newer change'],
  jobFailed: ['失败', 'Failed'],
} as const;

interface Job {
  id: string;
  state: 'queued' | 'running' | 'done' | 'failed' | 'superseded';
  total: number;
  done: number;
  changed: number;
  unchanged: number;
  failed: number;
}

export function JobProgress({ id }: { id: string }) {
  const { lt } = useI18n();
  const tx = useTexts(TEXTS);
  const [job, setJob] = useState<Job | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let timer: number | undefined;
    let live = true;
    const follow = () =>
      api<Job>('GET', `/api/jobs/${encodeURIComponent(id)}`).then(
        (j) => {
          if (!live) return;
          setJob(j);
          if (j.state === 'queued' || j.state === 'running') timer = window.setTimeout(follow, 500);
        },
        (e) => live && setError(e instanceof ApiError ? lt(e.text) : String(e)),
      );
    void follow();
    return () => {
      live = false;
      window.clearTimeout(timer);
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [id]);

  if (error) return <Alert type="error" role="alert" message={error} />;
  if (!job) return null;
  const percent = job.total ? Math.floor((job.done / job.total) * 100) : job.state === 'done' ? 100 : 0;
  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="job" data-state={job.state}>
      <Typography.Text>
        {tx('recompute')} · {job.state === 'failed' ? tx('jobFailed') : tx(job.state)}
      </Typography.Text>
      <Progress percent={percent} status={job.state === 'failed' ? 'exception' : job.state === 'done' ? 'success' : 'active'} />
      <Typography.Text type="secondary" data-testid="job-counts">
        {tx('counts')} {job.done}/{job.total} · {tx('changed')} {job.changed} · {tx('unchanged')} {job.unchanged} · {tx('failed')}{' '}
        {job.failed}
      </Typography.Text>
    </Space>
  );
}
