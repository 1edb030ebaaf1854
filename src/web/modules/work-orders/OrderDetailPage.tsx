import { useMemo, useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App as AntApp, Button, Card, Result, Skeleton, Space } from 'antd';
import { ArrowLeftOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { ApiError, errorMessage, isVersionConflict } from '../../lib/api';
import type { OrderDetail, OrderResponse } from '../../../shared/work-orders.schema';
import { useCan } from '../auth/useCurrentUser';
import { OrderActionDialogs, type OrderDialog } from './OrderActionDialogs';
import { OrderHeader } from './OrderHeader';
import { OrderInfo } from './OrderInfo';
import { OrderLegs } from './OrderLegs';
import { PrintButton } from './OrderFilterBar';
import { OrderTimeline } from './OrderTimeline';
import { orderKeys, runOrderAction, useOrder, type OrderAction } from './work-orders.api';

/** One order: header with status and deadline clock, description, dispatch legs, workflow buttons from `can`, event timeline. */
export default function OrderDetailPage() {
  const { t } = useTranslation();
  const { id } = useParams();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const { message } = AntApp.useApp();
  const q = useOrder(id);
  const [dialog, setDialog] = useState<OrderDialog>(null);
  const canBlow = useCan()('whistles.blow');

  const act = useMutation({
    mutationFn: (a: OrderAction) => runOrderAction(id ?? '', a),
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
            : q.error
              ? 'error'
              : '404'
        }
        data-testid="order-error"
        title={q.error ? errorMessage(q.error) : t('app.notFound')}
        extra={<Button onClick={() => void navigate('/orders')}>{t('orders.detail.back')}</Button>}
      />
    );
  }

  const run = (a: OrderAction) => act.mutate(a);
  const busy = act.isPending;

  return (
    <Space
      orientation="vertical"
      size={12}
      style={{ width: '100%' }}
      data-testid="order-detail"
      data-order-id={order.id}
    >
      <Space className="no-print" style={{ justifyContent: 'space-between', width: '100%' }}>
        <Link to="/orders">
          <ArrowLeftOutlined /> {t('orders.detail.back')}
        </Link>
        <Space>
          {/* ── whistles ── a street or community summons departments to this order's compound */}
          {canBlow && order.status !== 'closed' && (
            <Link
              to={`/whistles?orderId=${encodeURIComponent(order.id)}&orderNo=${encodeURIComponent(order.no)}&compound=${encodeURIComponent(order.compoundName)}`}
              data-testid="order-whistle"
            >
              {t('whistles.blowForOrder')}
            </Link>
          )}
          <PrintButton testId="order-print" />
        </Space>
      </Space>

      <OrderHeader order={order} can={can} busy={busy} run={run} setDialog={setDialog} />

      <OrderInfo order={order} />

      <Card size="small" title={t('orders.detail.legs')}>
        <OrderLegs legs={order.legs} can={can} setDialog={setDialog} run={run} busy={busy} />
      </Card>

      <Card size="small" title={t('orders.detail.timeline')}>
        <OrderTimeline events={events} legs={order.legs} />
      </Card>

      <OrderActionDialogs order={order} dialog={dialog} setDialog={setDialog} busy={busy} run={run} />
      {act.isError && isVersionConflict(act.error) && (
        <Alert type="warning" showIcon title={t('common.versionConflict')} />
      )}
    </Space>
  );
}
