import { useState } from 'react';
import { Alert, Input, Modal, Segmented, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Attendance, Whistle, WhistleRating } from '../../../shared/whistles.schema';
import { formatDateTime } from '../work-orders/OrderBits';
import { useCheckIn, useCloseWhistle, useRateWhistle, useReportAction } from './whistles.api';

export const ATTENDANCE_COLOR: Record<Attendance, string> = {
  on_time: 'green',
  late: 'orange',
  absent: 'red',
  pending: 'default',
};
const RATINGS: WhistleRating[] = ['satisfied', 'basically_satisfied', 'dissatisfied'];

/** 报到, 记录处置, 结束 and 评价 — each one short form. */
export function StepDialog({
  kind,
  w,
  onClose,
}: {
  kind: 'checkIn' | 'report' | 'close' | 'rate';
  w: Whistle;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const checkIn = useCheckIn();
  const report = useReportAction();
  const close = useCloseWhistle();
  const rate = useRateWhistle();
  const [text, setText] = useState('');
  const unrated = w.summons.filter((s) => !s.rating);
  const [ratings, setRatings] = useState<Record<string, { rating?: WhistleRating; comment: string }>>({});
  const m = { checkIn, report, close, rate }[kind];
  const done = { onSuccess: onClose };
  const save = () => {
    if (kind === 'checkIn') checkIn.mutate({ id: w.id, body: text ? { note: text } : {} }, done);
    if (kind === 'report') report.mutate({ id: w.id, body: { action: text } }, done);
    if (kind === 'close') close.mutate({ id: w.id, body: { note: text, version: w.version } }, done);
    if (kind === 'rate')
      rate.mutate(
        {
          id: w.id,
          body: {
            version: w.version,
            ratings: unrated
              .filter((s) => ratings[s.departmentId]?.rating)
              .map((s) => ({
                departmentId: s.departmentId,
                rating: ratings[s.departmentId]!.rating!,
                comment: ratings[s.departmentId]!.comment || undefined,
              })),
          },
        },
        done,
      );
  };
  const ready =
    kind === 'checkIn' || (kind === 'rate' ? Object.values(ratings).some((r) => r.rating) : text.trim().length > 0);
  return (
    <Modal
      open
      title={`${t(`whistles.${kind}`)} · ${w.title}`}
      onCancel={onClose}
      onOk={save}
      okText={t(`whistles.${kind}`)}
      okButtonProps={{ disabled: !ready, loading: m.isPending, ...{ 'data-testid': 'whistle-step-ok' } }}
      destroyOnHidden
    >
      <Space orientation="vertical" size={10} style={{ width: '100%' }}>
        {kind === 'checkIn' && (
          <Typography.Text>{t('whistles.checkInHint', { until: formatDateTime(w.onTimeUntil) })}</Typography.Text>
        )}
        {kind === 'rate' ? (
          unrated.map((s) => (
            <div key={s.departmentId} data-testid={`rate-${s.departmentId}`}>
              <Space wrap size={6}>
                <Typography.Text strong>{s.departmentName}</Typography.Text>
                <Tag color={ATTENDANCE_COLOR[s.attendance]}>{t(`whistles.attendance.${s.attendance}`)}</Tag>
              </Space>
              <Segmented
                block
                style={{ margin: '4px 0' }}
                value={ratings[s.departmentId]?.rating ?? ''}
                onChange={(v) =>
                  setRatings({
                    ...ratings,
                    [s.departmentId]: { comment: ratings[s.departmentId]?.comment ?? '', rating: v as WhistleRating },
                  })
                }
                options={RATINGS.map((r) => ({ value: r, label: t(`whistles.ratings.${r}`) }))}
              />
              <Input
                placeholder={t('whistles.ratingComment')}
                maxLength={500}
                value={ratings[s.departmentId]?.comment ?? ''}
                onChange={(e) =>
                  setRatings({
                    ...ratings,
                    [s.departmentId]: { rating: ratings[s.departmentId]?.rating, comment: e.target.value },
                  })
                }
              />
            </div>
          ))
        ) : (
          <Input.TextArea
            rows={3}
            maxLength={kind === 'checkIn' ? 500 : 2000}
            placeholder={t(`whistles.${kind}Placeholder`)}
            value={text}
            onChange={(e) => setText(e.target.value)}
            data-testid="whistle-step-text"
          />
        )}
        {m.error && <Alert type="error" showIcon title={m.error.message} />}
      </Space>
    </Modal>
  );
}
