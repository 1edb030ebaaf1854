import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Status } from './consultations.api';

const STATUS_COLOR: Record<Status, string> = { open: 'green', closed: 'orange', published: 'blue' };

/** 进行中 / 已截止 / 已公布. */
export function StatusTag({ status }: { status: Status }) {
  const { t } = useTranslation();
  return <Tag color={STATUS_COLOR[status]}>{t(`consult.statuses.${status}`)}</Tag>;
}
