import { useEffect, useRef, useState } from 'react';
import { App as AntApp, Button, Tag, Tooltip, Upload, type UploadFile } from 'antd';
import { ClockCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { OrderStatus } from '../../../shared/work-orders.schema';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** Current time, re-rendered every minute so deadline clocks tick. */
export function useNow(intervalMs = 60_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const h = window.setInterval(() => setNow(Date.now()), intervalMs);
    return () => window.clearInterval(h);
  }, [intervalMs]);
  return now;
}

import { formatDateTime } from '../../lib/time';

export { formatDateTime };

/**
 * Remaining time until a deadline (calendar time to the server-computed working-day deadline);
 * red "已超期 X 天" once it has passed. `overdue` from the server wins over the local clock.
 */
export function DeadlineClock({
  dueAt,
  overdue,
  done,
  paused,
}: {
  dueAt: string | null;
  overdue?: boolean;
  done?: boolean;
  paused?: boolean;
}) {
  const { t } = useTranslation();
  const now = useNow();
  if (!dueAt) return <span data-testid="deadline-clock">—</span>;
  const due = new Date(dueAt).getTime();
  const title = t('orders.clock.dueAt', { at: formatDateTime(dueAt) });
  if (done) {
    return (
      <Tooltip title={title}>
        <span data-testid="deadline-clock" data-overdue="false" style={{ color: 'rgba(0,0,0,0.45)' }}>
          {formatDateTime(dueAt)}
        </span>
      </Tooltip>
    );
  }
  if (paused) {
    return (
      <Tooltip title={title}>
        <Tag data-testid="deadline-clock" data-overdue="false" icon={<ClockCircleOutlined />}>
          {t('orders.clock.paused')}
        </Tag>
      </Tooltip>
    );
  }
  const diff = due - now;
  const isOver = overdue ?? diff < 0;
  if (isOver) {
    const late = Math.max(0, now - due);
    const text =
      late >= DAY
        ? t('orders.clock.overdueDays', { days: Math.floor(late / DAY) })
        : late >= HOUR
          ? t('orders.clock.overdueHours', { hours: Math.floor(late / HOUR) })
          : t('orders.clock.overdueDays', { days: 0 });
    return (
      <Tooltip title={title}>
        <Tag color="error" data-testid="deadline-clock" data-overdue="true" icon={<ClockCircleOutlined />}>
          {text}
        </Tag>
      </Tooltip>
    );
  }
  const left = Math.max(0, diff);
  const text =
    left >= DAY
      ? t('orders.clock.remainingDays', { days: Math.floor(left / DAY), hours: Math.floor((left % DAY) / HOUR) })
      : t('orders.clock.remainingHours', {
          hours: Math.floor(left / HOUR),
          minutes: Math.floor((left % HOUR) / 60_000),
        });
  return (
    <Tooltip title={title}>
      <Tag
        color={left < DAY ? 'warning' : 'processing'}
        data-testid="deadline-clock"
        data-overdue="false"
        icon={<ClockCircleOutlined />}
      >
        {text}
      </Tag>
    </Tooltip>
  );
}

const STATUS_COLOR: Record<OrderStatus, string> = {
  new: 'magenta',
  accepted: 'orange',
  dispatched: 'processing',
  fulfilled: 'gold',
  closed: 'success',
};

export function StatusTag({ status, testId }: { status: OrderStatus; testId?: string }) {
  const { t } = useTranslation();
  return (
    <Tag color={STATUS_COLOR[status] ?? 'default'} data-testid={testId} data-status={status}>
      {t(`orders.statuses.${status}`, { defaultValue: status })}
    </Tag>
  );
}

export function EscalationTag({ level }: { level: number }) {
  const { t } = useTranslation();
  if (level !== 1 && level !== 2) return null;
  return (
    <Tag color={level === 2 ? 'red' : 'volcano'} data-testid="escalation-tag" data-level={level}>
      {t(`orders.escalations.${level === 2 ? '2' : '1'}`)}
    </Tag>
  );
}

export const MAX_PHOTO_BYTES = 1024 * 1024;

function readAsDataUrl(file: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const r = new FileReader();
    r.onload = () => resolve(String(r.result));
    r.onerror = () => reject(r.error ?? new Error('read failed'));
    r.readAsDataURL(file);
  });
}

/** Image picker that keeps the images as data: URLs (at most `max`, each ≤ 1 MB); nothing is uploaded until the form submits. */
export function PhotoPicker({
  value,
  onChange,
  max = 3,
  testId,
}: {
  value?: string[];
  onChange?: (v: string[]) => void;
  max?: number;
  testId?: string;
}) {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const photos = value ?? [];
  // Several files picked at once each resolve separately: accumulate into a ref so none is lost.
  const latest = useRef(photos);
  latest.current = photos;
  const fileList: UploadFile[] = photos.map((url, i) => ({
    uid: `p${i}`,
    name: `photo-${i + 1}`,
    status: 'done',
    url,
    thumbUrl: url,
  }));
  return (
    <Upload
      data-testid={testId}
      accept="image/*"
      listType="picture-card"
      multiple
      fileList={fileList}
      beforeUpload={(file) => {
        if (!file.type.startsWith('image/')) {
          void message.error(t('orders.form.onlyImages'));
          return Upload.LIST_IGNORE;
        }
        if (file.size > MAX_PHOTO_BYTES) {
          void message.error(t('orders.form.photoTooBig'));
          return Upload.LIST_IGNORE;
        }
        void readAsDataUrl(file).then((url) => {
          const next = [...latest.current, url].slice(0, max);
          latest.current = next;
          onChange?.(next);
        });
        return false;
      }}
      onRemove={(f) => {
        const idx = fileList.findIndex((x) => x.uid === f.uid);
        onChange?.(photos.filter((_, i) => i !== idx));
        return true;
      }}
    >
      {photos.length >= max ? null : (
        <Button type="text" icon={<PlusOutlined />} style={{ height: '100%', width: '100%' }}>
          {t('orders.form.photos')}
        </Button>
      )}
    </Upload>
  );
}
