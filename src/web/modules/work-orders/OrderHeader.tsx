import { Button, Card, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { OrderCan, OrderDetail } from '../../../shared/work-orders.schema';
import { DeadlineClock, EscalationTag, StatusTag } from './OrderBits';
import type { OrderDialog } from './OrderActionDialogs';
import type { OrderAction } from './work-orders.api';

/** The order's number, status, escalation, deadline clock, title and the buttons of the steps it may take now. */
export function OrderHeader({
  order,
  can,
  busy,
  run,
  setDialog,
}: {
  order: OrderDetail;
  can: OrderCan;
  busy: boolean;
  run: (a: OrderAction) => void;
  setDialog: (d: OrderDialog) => void;
}) {
  const { t } = useTranslation();
  const closedLike = order.status === 'closed' || order.status === 'fulfilled';
  return (
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
  );
}
