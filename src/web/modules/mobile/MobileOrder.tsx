import { useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App as AntApp, Button, Card, Input, Rate, Space, Spin, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { errorMessage } from '../../lib/api';
import { OrderTimeline } from '../work-orders/OrderTimeline';
import { orderKeys, runOrderAction, useOrder, type OrderAction } from '../work-orders/work-orders.api';
import { workbenchKey } from '../workbench/workbench.api';
import { AttachmentThumbs } from '../attachments/AttachmentThumbs';
import { MobilePhotos } from './MobilePhotos';
import { uploadPhotos, type PendingPhoto } from './photos';
import { plainDue, plainStatus } from './plain';

/** One request or order on the phone: where it stands in plain words, its timeline, and the caller's next step. */
export function MobileOrder() {
  const { t } = useTranslation();
  const { id } = useParams();
  const q = useOrder(id);
  const qc = useQueryClient();
  const { message } = AntApp.useApp();
  const [busy, setBusy] = useState(false);
  const [rating, setRating] = useState(5);
  const [comment, setComment] = useState('');
  const [reason, setReason] = useState('');
  const [results, setResults] = useState<Record<string, string>>({});
  const [photos, setPhotos] = useState<Record<string, PendingPhoto[]>>({});

  if (q.isPending) return <Spin />;
  if (q.isError) return <Alert type="error" showIcon message={errorMessage(q.error)} data-testid="m-order-error" />;
  const { order, can } = q.data;

  const run = async (action: OrderAction | (() => Promise<OrderAction>), done: string) => {
    setBusy(true);
    try {
      await runOrderAction(order.id, typeof action === 'function' ? await action() : action);
      await qc.invalidateQueries({ queryKey: orderKeys.all });
      await qc.invalidateQueries({ queryKey: workbenchKey });
      void message.success(done);
    } catch (e) {
      void message.error(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };
  const due = order.status === 'closed' ? null : plainDue(t, order.dueAt);

  return (
    <div data-testid="m-order" data-status={order.status} style={{ display: 'flex', flexDirection: 'column', gap: 12 }}>
      <Link to="/m/">‹ {t('app.back')}</Link>
      <Card size="small">
        <Typography.Title level={5} style={{ marginTop: 0 }}>
          {order.title}
        </Typography.Title>
        <Space wrap size={6}>
          <Tag color={order.status === 'closed' ? 'default' : 'blue'} data-testid="m-order-status">
            {plainStatus(t, order.status)}
          </Tag>
          {due && (
            <Tag color={order.isOverdue ? 'red' : 'green'} data-testid="m-order-due">
              {due}
            </Tag>
          )}
          {order.rating !== null && <Tag color="gold">{t('mobile.rated', { rating: order.rating })}</Tag>}
        </Space>
        <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0', fontSize: 12 }}>
          {order.no} · {order.compoundName} · {order.categoryName}
        </Typography.Paragraph>
        <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: '8px 0 0' }}>
          {order.description}
        </Typography.Paragraph>
        <AttachmentThumbs files={order.attachments} testId="m-order-photos" />
      </Card>

      {can.accept && (
        <Button
          type="primary"
          size="large"
          block
          loading={busy}
          data-testid="m-accept"
          onClick={() => void run({ kind: 'accept', version: order.version }, t('mobile.accepted'))}
        >
          {t('mobile.accept')}
        </Button>
      )}

      {order.legs
        .filter((l) => can.fulfil.includes(l.id))
        .map((l) => (
          <Card
            key={l.id}
            size="small"
            title={t('mobile.recordResult', { handler: l.handlerName })}
            data-testid="m-fulfil-card"
          >
            <Input.TextArea
              rows={3}
              value={results[l.id] ?? ''}
              onChange={(e) => setResults((r) => ({ ...r, [l.id]: e.target.value }))}
              placeholder={t('mobile.resultHint')}
              data-testid="m-result"
            />
            <div style={{ margin: '8px 0' }}>
              <MobilePhotos
                value={photos[l.id] ?? []}
                onChange={(v) => setPhotos((p) => ({ ...p, [l.id]: v }))}
                testId="m-result-photos"
              />
            </div>
            <Button
              type="primary"
              block
              loading={busy}
              disabled={(results[l.id] ?? '').trim().length < 2}
              data-testid="m-fulfil"
              onClick={() =>
                void run(async () => {
                  const attachmentIds = await uploadPhotos(photos[l.id] ?? [], 'order_result');
                  return { kind: 'fulfil', legId: l.id, result: (results[l.id] ?? '').trim(), attachmentIds };
                }, t('mobile.resultSaved'))
              }
            >
              {t('mobile.saveResult')}
            </Button>
          </Card>
        ))}

      {can.confirm && (
        <Card size="small" title={t('mobile.rateTitle')} data-testid="m-confirm-card">
          <Rate value={rating} onChange={setRating} data-testid="m-rating" style={{ fontSize: 30 }} />
          <Input.TextArea
            rows={2}
            value={comment}
            onChange={(e) => setComment(e.target.value)}
            placeholder={t('mobile.commentHint')}
            style={{ marginTop: 8 }}
            data-testid="m-comment"
          />
          <Button
            type="primary"
            block
            size="large"
            style={{ marginTop: 8 }}
            loading={busy}
            disabled={rating < 1}
            data-testid="m-confirm"
            onClick={() => void run({ kind: 'confirm', version: order.version, rating, comment }, t('mobile.thanks'))}
          >
            {t('mobile.confirm')}
          </Button>
        </Card>
      )}

      {can.reopen && (
        <Card size="small" title={t('mobile.reopenTitle')} data-testid="m-reopen-card">
          <Input.TextArea
            rows={2}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            placeholder={t('mobile.reopenHint')}
            data-testid="m-reopen-reason"
          />
          <Button
            block
            style={{ marginTop: 8 }}
            loading={busy}
            disabled={reason.trim().length < 2}
            data-testid="m-reopen"
            onClick={() => void run({ kind: 'reopen', reason: reason.trim() }, t('mobile.reopened'))}
          >
            {t('mobile.reopen')}
          </Button>
        </Card>
      )}

      <Card size="small" title={t('mobile.timeline')}>
        <OrderTimeline events={order.events} legs={order.legs} />
      </Card>
    </div>
  );
}
