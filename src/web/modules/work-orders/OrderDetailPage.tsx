import { useMemo, useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App as AntApp,
  Button,
  Card,
  Descriptions,
  Empty,
  Image,
  Rate,
  Result,
  Skeleton,
  Space,
  Table,
  Tag,
  Timeline,
  Typography,
  type TableColumnsType,
} from 'antd';
import { ArrowLeftOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { ApiError, errorMessage, isVersionConflict } from '../../lib/api';
import { dash } from '../../lib/format';
import {
  ConfirmDialog,
  DecideExtensionDialog,
  DispatchDialog,
  ExtensionDialog,
  FulfilDialog,
  TextDialog,
} from './OrderDialogs';
import { DeadlineClock, EscalationTag, formatDateTime, StatusTag } from './OrderBits';
import type { Leg, LegStatus, OrderDetail, OrderEvent, OrderResponse } from './types';
import { orderKeys, runOrderAction, useOrder } from './work-orders.api';

type Dialog =
  | { kind: 'dispatch' }
  | { kind: 'confirm' }
  | { kind: 'escalate' }
  | { kind: 'supervise' }
  | { kind: 'reopen' }
  | { kind: 'fulfil'; leg: Leg }
  | { kind: 'return'; leg: Leg }
  | { kind: 'extension'; leg: Leg }
  | { kind: 'decide'; leg: Leg }
  | null;

type ActionInput = Parameters<typeof runOrderAction>[1];

const LEG_COLOR: Record<LegStatus, string> = {
  open: 'processing',
  fulfilled: 'success',
  returned: 'warning',
  paused: 'default',
};

const BLUE = '#1677ff';
const EVENT_COLOR: Record<string, string> = {
  created: BLUE,
  imported: BLUE,
  accepted: BLUE,
  dispatched: BLUE,
  fulfilled: 'green',
  confirmed: 'green',
  closed: 'green',
  returned: 'orange',
  extension_requested: 'orange',
  extension_decided: 'orange',
  reminder: 'orange',
  escalated: 'red',
  supervised: 'red',
  reopened: 'red',
  merged: 'gray',
  reassigned: 'gray',
};

/** Handler names of a 派单 event (its data carries the legs' kinds and work units). */
function dispatchedTo(e: OrderEvent, legs: Leg[], kindLabel: (k: string) => string): string | null {
  const raw = e.data?.legs;
  if (!Array.isArray(raw)) return null;
  const names = raw.map((x: { handlerKind?: string; workUnitId?: string | null }) => {
    const leg = legs.find((l) => l.handlerKind === x.handlerKind && (l.workUnitId ?? null) === (x.workUnitId ?? null));
    return leg?.handlerName ?? kindLabel(String(x.handlerKind ?? ''));
  });
  return names.length > 0 ? names.join('、') : null;
}

function EventLine({ e, legs }: { e: OrderEvent; legs: Leg[] }) {
  const { t } = useTranslation();
  const role = e.actorRole ? t(`roles.${e.actorRole}`, { defaultValue: e.actorRole }) : null;
  const to =
    e.type === 'dispatched' ? dispatchedTo(e, legs, (k) => t(`orders.handlers.${k}`, { defaultValue: k })) : null;
  const automatic = e.data?.automatic === true;
  return (
    <div data-testid={`event-${e.type}`}>
      <Space size={6} wrap>
        <Typography.Text strong>{t(`orders.events.${e.type}`, { defaultValue: e.type })}</Typography.Text>
        {e.actorName && <Typography.Text>{e.actorName}</Typography.Text>}
        {role && <Tag style={{ marginInlineEnd: 0 }}>{role}</Tag>}
        {automatic && (
          <Tag color="orange" style={{ marginInlineEnd: 0 }}>
            {t('orders.events.automatic')}
          </Tag>
        )}
        {to && <Typography.Text type="secondary">→ {to}</Typography.Text>}
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {formatDateTime(e.at)}
        </Typography.Text>
      </Space>
      {e.note && <div style={{ whiteSpace: 'pre-wrap', marginTop: 2 }}>{e.note}</div>}
    </div>
  );
}

/** One order: header with status and deadline clock, description, dispatch legs, workflow buttons from `can`, event timeline. */
export default function OrderDetailPage() {
  const { t } = useTranslation();
  const { id } = useParams();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const { message } = AntApp.useApp();
  const q = useOrder(id);
  const [dialog, setDialog] = useState<Dialog>(null);

  const act = useMutation({
    mutationFn: (a: ActionInput) => runOrderAction(id ?? '', a),
    onSuccess: (order: OrderDetail) => {
      qc.setQueryData<OrderResponse>(orderKeys.detail(id ?? ''), (prev) => (prev ? { ...prev, order } : prev));
      void qc.invalidateQueries({ queryKey: orderKeys.all });
      setDialog(null);
      void message.success(t('orders.dialogs.done'));
    },
    onError: (e) => {
      void message.error(errorMessage(e));
      if (isVersionConflict(e)) {
        setDialog(null);
        void q.refetch();
      }
    },
  });

  const order = q.data?.order;
  const can = q.data?.can;
  const events = useMemo(() => [...(order?.events ?? [])].sort((a, b) => a.at.localeCompare(b.at)), [order?.events]);

  if (q.isPending) return <Skeleton active />;
  if (q.isError || !order || !can) {
    return (
      <Result
        status={
          q.error instanceof ApiError && (q.error.status === 403 || q.error.status === 404)
            ? (String(q.error.status) as '403' | '404')
            : 'error'
        }
        data-testid="order-error"
        title={errorMessage(q.error)}
        extra={<Button onClick={() => void navigate('/orders')}>{t('orders.detail.back')}</Button>}
      />
    );
  }

  const run = (a: ActionInput) => act.mutate(a);
  const closedLike = order.status === 'closed' || order.status === 'fulfilled';

  const legColumns: TableColumnsType<Leg> = [
    {
      title: t('orders.detail.handler'),
      dataIndex: 'handlerName',
      render: (v: string, l) => (
        <Space size={4} wrap>
          <span>{v}</span>
          <Tag>{t(`orders.handlers.${l.handlerKind}`, { defaultValue: l.handlerKind })}</Tag>
        </Space>
      ),
    },
    {
      title: t('orders.detail.legStatus'),
      dataIndex: 'status',
      width: 150,
      render: (s: LegStatus, l) => (
        <Space size={4} wrap>
          <Tag color={LEG_COLOR[s] ?? 'default'} data-testid="leg-status" data-status={s}>
            {t(`orders.legStatuses.${s}`, { defaultValue: s })}
          </Tag>
          {l.extension && (
            <Tag
              color={
                l.extension.status === 'pending' ? 'orange' : l.extension.status === 'approved' ? 'green' : 'default'
              }
            >
              {t(`orders.extensionStatuses.${l.extension.status}`)} · {l.extension.days}
            </Tag>
          )}
        </Space>
      ),
    },
    {
      title: t('orders.detail.due'),
      dataIndex: 'dueAt',
      width: 180,
      render: (_: unknown, l) => (
        <DeadlineClock
          dueAt={l.dueAt}
          done={l.status === 'fulfilled' || l.status === 'returned'}
          paused={l.status === 'paused'}
        />
      ),
    },
    {
      title: t('orders.detail.result'),
      dataIndex: 'result',
      render: (v: string | null, l) =>
        v ? (
          <Space orientation="vertical" size={4}>
            <span style={{ whiteSpace: 'pre-wrap' }}>{v}</span>
            {l.evidence.length > 0 && (
              <Image.PreviewGroup>
                <Space size={4}>
                  {l.evidence.map((src, i) => (
                    <Image key={i} src={src} width={48} height={48} style={{ objectFit: 'cover' }} />
                  ))}
                </Space>
              </Image.PreviewGroup>
            )}
            {l.fulfilledAt && (
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {formatDateTime(l.fulfilledAt)}
              </Typography.Text>
            )}
          </Space>
        ) : (
          '—'
        ),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 230,
      render: (_: unknown, l) => {
        const mayFulfil = can.fulfil.includes(l.id);
        const mayExtend = can.requestExtension.includes(l.id);
        const mayDecide = can.decideExtension && l.extension?.status === 'pending';
        if (!mayFulfil && !mayExtend && !mayDecide) return null;
        return (
          <Space size={4} wrap>
            {mayFulfil && (
              <Button
                size="small"
                type="primary"
                data-testid="leg-fulfil"
                data-leg-handler={l.handlerName}
                data-leg-id={l.id}
                onClick={() => setDialog({ kind: 'fulfil', leg: l })}
              >
                {t('orders.actions.fulfil')}
              </Button>
            )}
            {mayFulfil && (
              <Button
                size="small"
                data-testid="leg-return"
                data-leg-handler={l.handlerName}
                onClick={() => setDialog({ kind: 'return', leg: l })}
              >
                {t('orders.actions.return')}
              </Button>
            )}
            {mayExtend && (
              <Button
                size="small"
                data-testid="leg-extension"
                data-leg-handler={l.handlerName}
                onClick={() => setDialog({ kind: 'extension', leg: l })}
              >
                {t('orders.actions.requestExtension')}
              </Button>
            )}
            {mayDecide && (
              <Button
                size="small"
                data-testid="leg-decide-extension"
                data-leg-handler={l.handlerName}
                onClick={() => setDialog({ kind: 'decide', leg: l })}
              >
                {t('orders.actions.decideExtension')}
              </Button>
            )}
          </Space>
        );
      },
    },
  ];

  const busy = act.isPending;
  const dialogLeg = (k: 'fulfil' | 'return' | 'extension' | 'decide') => (dialog?.kind === k ? dialog.leg : null);

  return (
    <Space
      orientation="vertical"
      size={12}
      style={{ width: '100%' }}
      data-testid="order-detail"
      data-order-id={order.id}
    >
      <Link to="/orders">
        <ArrowLeftOutlined /> {t('orders.detail.back')}
      </Link>

      <Card size="small">
        <Space orientation="vertical" size={8} style={{ width: '100%' }}>
          <Space wrap align="center" size={8}>
            <Typography.Title level={4} style={{ margin: 0 }} data-testid="order-no">
              {order.no}
            </Typography.Title>
            <StatusTag status={order.status} testId="order-status" />
            <EscalationTag level={order.escalationLevel} />
            {order.supervised && (
              <Tag color="red" data-testid="order-supervised">
                {t('orders.detail.supervised')}
              </Tag>
            )}
            {order.possibleDuplicateOf && (
              <Link to={`/orders/${encodeURIComponent(order.possibleDuplicateOf)}`} data-testid="order-duplicate-link">
                <Tag color="purple">{t('orders.possibleDuplicate')}</Tag>
              </Link>
            )}
            {(order.dueAt || !closedLike) && (
              <DeadlineClock dueAt={order.dueAt} overdue={order.isOverdue} done={closedLike} />
            )}
          </Space>
          <Typography.Title level={5} style={{ margin: 0 }} data-testid="order-title">
            {order.title}
          </Typography.Title>
          <Space wrap data-testid="order-actions">
            {can.accept && (
              <Button
                type="primary"
                loading={busy}
                data-testid="order-accept"
                onClick={() => run({ kind: 'accept', version: order.version })}
              >
                {t('orders.actions.accept')}
              </Button>
            )}
            {can.dispatch && (
              <Button type="primary" data-testid="order-dispatch" onClick={() => setDialog({ kind: 'dispatch' })}>
                {t('orders.actions.dispatch')}
              </Button>
            )}
            {can.confirm && (
              <Button type="primary" data-testid="order-confirm" onClick={() => setDialog({ kind: 'confirm' })}>
                {t('orders.actions.confirm')}
              </Button>
            )}
            {can.escalate && (
              <Button danger data-testid="order-escalate" onClick={() => setDialog({ kind: 'escalate' })}>
                {t('orders.actions.escalate')}
              </Button>
            )}
            {can.supervise && (
              <Button danger data-testid="order-supervise" onClick={() => setDialog({ kind: 'supervise' })}>
                {t('orders.actions.supervise')}
              </Button>
            )}
            {can.merge && order.possibleDuplicateOf && (
              <Button
                loading={busy}
                data-testid="order-merge"
                onClick={() => run({ kind: 'merge', intoId: order.possibleDuplicateOf! })}
              >
                {t('orders.actions.merge')}
              </Button>
            )}
            {can.reopen && (
              <Button data-testid="order-reopen" onClick={() => setDialog({ kind: 'reopen' })}>
                {t('orders.actions.reopen')}
              </Button>
            )}
          </Space>
        </Space>
      </Card>

      <Card size="small" title={t('orders.detail.info')}>
        <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', fontSize: 15 }} data-testid="order-description">
          {order.description}
        </Typography.Paragraph>
        <Descriptions size="small" column={{ xs: 1, md: 2, xl: 3 }} bordered>
          <Descriptions.Item label={t('orders.hotlineNo')}>{dash(order.hotlineNo)}</Descriptions.Item>
          <Descriptions.Item label={t('orders.channel')}>
            {t(`orders.channels.${order.channel}`, { defaultValue: order.channel })}
          </Descriptions.Item>
          <Descriptions.Item label={t('orders.category')}>{order.categoryName}</Descriptions.Item>
          <Descriptions.Item label={t('orders.compound')}>{order.compoundName}</Descriptions.Item>
          <Descriptions.Item label={t('orders.community')}>{order.communityName}</Descriptions.Item>
          <Descriptions.Item label={t('orders.detail.address')}>{dash(order.address)}</Descriptions.Item>
          <Descriptions.Item label={t('orders.detail.reporter')}>{dash(order.reporterName)}</Descriptions.Item>
          <Descriptions.Item label={t('orders.detail.phone')}>{dash(order.reporterPhoneMasked)}</Descriptions.Item>
          <Descriptions.Item label={t('orders.createdAt')}>{formatDateTime(order.createdAt)}</Descriptions.Item>
          {order.closedAt && (
            <Descriptions.Item label={t('orders.detail.closedAt')}>{formatDateTime(order.closedAt)}</Descriptions.Item>
          )}
          {order.rating !== null && (
            <Descriptions.Item label={t('orders.rating')}>
              <Rate disabled value={order.rating} style={{ fontSize: 14 }} />
            </Descriptions.Item>
          )}
          {order.ratingComment && (
            <Descriptions.Item label={t('orders.detail.ratingComment')}>{order.ratingComment}</Descriptions.Item>
          )}
        </Descriptions>
        {order.photos.length > 0 && (
          <div style={{ marginTop: 12 }} data-testid="order-photos">
            <Typography.Text strong>{t('orders.detail.photos')}</Typography.Text>
            <div style={{ marginTop: 8 }}>
              <Image.PreviewGroup>
                <Space size={8} wrap>
                  {order.photos.map((src, i) => (
                    <Image key={i} src={src} width={96} height={96} style={{ objectFit: 'cover', borderRadius: 4 }} />
                  ))}
                </Space>
              </Image.PreviewGroup>
            </div>
          </div>
        )}
      </Card>

      <Card size="small" title={t('orders.detail.legs')}>
        {order.legs.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('orders.detail.noLegs')} />
        ) : (
          <Table<Leg>
            data-testid="order-legs"
            rowKey="id"
            size="small"
            pagination={false}
            columns={legColumns}
            dataSource={order.legs}
            scroll={{ x: 900 }}
            onRow={(l) =>
              ({ 'data-testid': `leg-row`, 'data-leg-handler': l.handlerName }) as React.HTMLAttributes<HTMLElement>
            }
          />
        )}
      </Card>

      <Card size="small" title={t('orders.detail.timeline')}>
        <Timeline
          data-testid="order-timeline"
          items={events.map((e) => ({
            key: e.id,
            color: EVENT_COLOR[e.type] ?? 'gray',
            content: <EventLine e={e} legs={order.legs} />,
          }))}
        />
      </Card>

      <DispatchDialog
        open={dialog?.kind === 'dispatch'}
        categoryName={order.categoryName}
        loading={busy}
        onCancel={() => setDialog(null)}
        onSubmit={(v) => run({ kind: 'dispatch', version: order.version, legs: v.legs, note: v.note })}
      />
      <FulfilDialog
        leg={dialogLeg('fulfil')}
        loading={busy}
        onCancel={() => setDialog(null)}
        onSubmit={(v) => dialog?.kind === 'fulfil' && run({ kind: 'fulfil', legId: dialog.leg.id, ...v })}
      />
      <TextDialog
        open={dialog?.kind === 'return'}
        title={t('orders.dialogs.returnTitle', { handler: dialogLeg('return')?.handlerName ?? '' })}
        label={t('orders.dialogs.reason')}
        loading={busy}
        testId="return"
        onCancel={() => setDialog(null)}
        onSubmit={(reason) => dialog?.kind === 'return' && run({ kind: 'return', legId: dialog.leg.id, reason })}
      />
      <ExtensionDialog
        leg={dialogLeg('extension')}
        loading={busy}
        onCancel={() => setDialog(null)}
        onSubmit={(v) => dialog?.kind === 'extension' && run({ kind: 'extension', legId: dialog.leg.id, ...v })}
      />
      <DecideExtensionDialog
        leg={dialogLeg('decide')}
        loading={busy}
        onCancel={() => setDialog(null)}
        onSubmit={(v) => dialog?.kind === 'decide' && run({ kind: 'decideExtension', legId: dialog.leg.id, ...v })}
      />
      <ConfirmDialog
        open={dialog?.kind === 'confirm'}
        loading={busy}
        onCancel={() => setDialog(null)}
        onSubmit={(v) => run({ kind: 'confirm', version: order.version, ...v })}
      />
      <TextDialog
        open={dialog?.kind === 'escalate'}
        title={t('orders.dialogs.escalateTitle')}
        hint={t('orders.dialogs.escalateHint')}
        label={t('orders.dialogs.reason')}
        loading={busy}
        testId="escalate"
        onCancel={() => setDialog(null)}
        onSubmit={(reason) => run({ kind: 'escalate', reason })}
      />
      <TextDialog
        open={dialog?.kind === 'supervise'}
        title={t('orders.dialogs.superviseTitle')}
        label={t('orders.dialogs.superviseNote')}
        loading={busy}
        testId="supervise"
        onCancel={() => setDialog(null)}
        onSubmit={(note) => run({ kind: 'supervise', note })}
      />
      <TextDialog
        open={dialog?.kind === 'reopen'}
        title={t('orders.dialogs.reopenTitle')}
        hint={t('orders.dialogs.reopenHint')}
        label={t('orders.dialogs.reason')}
        loading={busy}
        testId="reopen"
        onCancel={() => setDialog(null)}
        onSubmit={(reason) => run({ kind: 'reopen', reason })}
      />
      {act.isError && isVersionConflict(act.error) && (
        <Alert type="warning" showIcon title={t('common.versionConflict')} />
      )}
    </Space>
  );
}
