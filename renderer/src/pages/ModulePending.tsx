import { Result } from 'antd';

/** Menu entries whose register arrives in a later release say so plainly. */
export function ModulePending({ title }: { title: string }) {
  return <Result status="info" title={title} subTitle="本模块将在后续版本中启用。" />;
}
