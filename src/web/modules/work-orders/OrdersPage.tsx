import { useEffect, useMemo, useState } from 'react';
import {
  Alert,
  App as AntApp,
  Button,
  Card,
  Input,
  Rate,
  Segmented,
  Space,
  Tabs,
  Tag,
  Tooltip,
  Typography,
  type TableColumnsType,
} from 'antd';
import { ResponsiveTable } from '../../app/ResponsiveTable';
import { CloudUploadOutlined, PlusOutlined, SearchOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { errorMessage } from '../../lib/api';
import { dash } from '../../lib/format';
import { useCurrentUser } from '../auth/useCurrentUser';
import { HotlineImportPanel } from './HotlineImportPanel';
import { DeadlineClock, EscalationTag, formatDateTime, StatusTag } from './OrderBits';
import { OrderFormModal } from './OrderFormModal';
import { BOXES } from '../../../shared/work-orders.constants';
import type { Box, OrderSummary } from '../../../shared/work-orders.schema';
import { orderKeys, runOrderAction, useOrders } from './work-orders.api';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { filtersOf, OrderFilterBar } from './OrderFilterBar';
import { OrdersMap } from './OrdersMap';

function isBox(v: string | null): v is Box {
  return !!v && (BOXES as readonly string[]).includes(v);
}

/** Work-order boxes (待办 / 进行中 / 已超期 / 已办结 / 全部) with search, new-request form and 12345 import. */
export default function OrdersPage() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const box: Box = isBox(params.get('box')) ? (params.get('box') as Box) : 'inbox';
  const q = params.get('q') ?? '';
  const [draft, setDraft] = useState(q);
  useEffect(() => setDraft(q), [q]);
  const [formOpen, setFormOpen] = useState(false);
  const [importOpen, setImportOpen] = useState(false);
  const canCreate = me.abilities.includes('orders.create');
  const canImport = me.abilities.includes('orders.import');
  const canMap = me.abilities.includes('stations.read');
  const view = canMap && params.get('view') === 'map' ? 'map' : 'list';

  const filters = filtersOf(params);
  const orders = useOrders(box, q, filters);
  const rows = useMemo(() => orders.data?.pages.flatMap((p) => p.items) ?? [], [orders.data]);

  const qc = useQueryClient();
  const { message } = AntApp.useApp();
  // 签收 straight from the inbox: every leg of the caller's unit on that order that waits for it
  const sign = useMutation({
    mutationFn: async (r: OrderSummary) => {
      for (const legId of r.toSign) await runOrderAction(r.id, { kind: 'sign', legId });
    },
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: orderKeys.all });
      void message.success(t('signfor.done'));
    },
    onError: (e) => void message.error(errorMessage(e)),
  });

  const setParam = (k: string, v: string | undefined) => {
    const next = new URLSearchParams(params);
    if (v) next.set(k, v);
    else next.delete(k);
    setParams(next);
  };

  const columns: TableColumnsType<OrderSummary> = [
    {
      title: t('orders.no'),
      dataIndex: 'no',
      width: 160,
      fixed: 'left',
      render: (no: string, r) => (
        <Space size={4} orientation="vertical">
          <Link to={`/orders/${encodeURIComponent(r.id)}`} data-testid={`order-link-${r.no}`}>
            {no}
          </Link>
          {r.possibleDuplicateOf && (
            <Tooltip title={t('orders.duplicateOf', { no: r.possibleDuplicateOf })}>
              <Tag color="purple" style={{ marginInlineEnd: 0 }}>
                {t('orders.duplicate')}
              </Tag>
            </Tooltip>
          )}
        </Space>
      ),
    },
    {
      title: t('orders.hotlineNo'),
      dataIndex: 'hotlineNo',
      width: 200,
      render: (v: string | null) => <span style={{ whiteSpace: 'nowrap' }}>{dash(v)}</span>,
    },
    {
      title: t('orders.orderTitle'),
      dataIndex: 'title',
      width: 260,
      ellipsis: true,
      render: (v: string, r) => (
        <Tooltip
          title={`${t(`orders.channels.${r.channel}`, { defaultValue: r.channel })} · ${formatDateTime(r.createdAt)}`}
        >
          <span>{v}</span>
        </Tooltip>
      ),
    },
    { title: t('orders.category'), dataIndex: 'categoryName', width: 110, ellipsis: true },
    {
      title: t('orders.compound'),
      dataIndex: 'compoundName',
      width: 150,
      ellipsis: true,
      render: (v: string, r) => (
        <Tooltip title={r.communityName}>
          <span>{v}</span>
        </Tooltip>
      ),
    },
    {
      title: t('orders.status'),
      dataIndex: 'status',
      width: 110,
      render: (s: OrderSummary['status'], r) => (
        <Space size={4} wrap>
          <StatusTag status={s} />
          {r.toSign.length > 0 && (
            <Button
              size="small"
              type="primary"
              data-testid={`order-sign-${r.no}`}
              loading={sign.isPending && sign.variables?.id === r.id}
              onClick={() => sign.mutate(r)}
            >
              {t('signfor.sign')}
            </Button>
          )}
        </Space>
      ),
    },
    {
      title: t('orders.escalation'),
      dataIndex: 'escalationLevel',
      width: 110,
      render: (l: number) => <EscalationTag level={l} />,
    },
    {
      title: t('orders.deadline'),
      dataIndex: 'dueAt',
      width: 170,
      render: (_: unknown, r) => (
        <DeadlineClock dueAt={r.dueAt} overdue={r.isOverdue} done={r.status === 'closed' || r.status === 'fulfilled'} />
      ),
    },
    {
      title: t('orders.rating'),
      dataIndex: 'rating',
      width: 140,
      render: (v: number | null) => (v === null ? '—' : <Rate disabled value={v} style={{ fontSize: 13 }} />),
    },
  ];

  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }} data-testid="orders-page">
      <Space wrap align="center" style={{ justifyContent: 'space-between', width: '100%' }}>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('orders.title')}
        </Typography.Title>
        <Space wrap>
          {canMap && (
            <Segmented
              value={view}
              onChange={(v) => setParam('view', v === 'map' ? 'map' : undefined)}
              options={[
                { value: 'list', label: t('map.list') },
                { value: 'map', label: t('map.map') },
              ]}
              data-testid="orders-view"
            />
          )}
          <Input.Search
            allowClear
            value={draft}
            onChange={(e) => setDraft(e.target.value)}
            onSearch={(v) => setParam('q', v.trim() || undefined)}
            placeholder={t('orders.searchPlaceholder')}
            enterButton={<SearchOutlined />}
            style={{ width: 340, maxWidth: '100%' }}
            maxLength={60}
            data-testid="orders-search"
          />
          {canImport && (
            <Button
              icon={<CloudUploadOutlined />}
              onClick={() => setImportOpen((v) => !v)}
              data-testid="orders-import-toggle"
            >
              {t('orders.importTitle')}
            </Button>
          )}
          {canCreate && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setFormOpen(true)} data-testid="orders-new">
              {t('orders.new')}
            </Button>
          )}
        </Space>
      </Space>

      <OrderFilterBar
        box={box}
        q={q}
        filters={filters}
        onChange={(patch) => {
          const next = new URLSearchParams(params);
          for (const [k, v] of Object.entries(patch)) {
            if (v) next.set(k, v);
            else next.delete(k);
          }
          setParams(next);
        }}
      />

      {canImport && importOpen && <HotlineImportPanel />}

      {view === 'map' && <OrdersMap />}

      <Card size="small" styles={{ body: { paddingTop: 0 } }} hidden={view === 'map'}>
        <Tabs
          activeKey={box}
          onChange={(k) => setParam('box', k === 'inbox' ? undefined : k)}
          data-testid="orders-tabs"
          items={BOXES.map((b) => ({
            key: b,
            label: <span data-testid={`orders-box-${b}`}>{t(`orders.boxes.${b}`)}</span>,
          }))}
        />
        {orders.isError && (
          <Alert type="error" showIcon title={errorMessage(orders.error)} style={{ marginBottom: 12 }} />
        )}
        <ResponsiveTable<OrderSummary>
          data-testid="orders-table"
          rowKey="id"
          size="small"
          loading={orders.isFetching && !orders.isFetchingNextPage}
          columns={columns}
          dataSource={rows}
          pagination={false}
          scroll={{ x: 1400 }}
          onRow={(r) =>
            ({
              'data-testid': `order-row-${r.no}`,
              'data-order-id': r.id,
              onDoubleClick: () => void navigate(`/orders/${encodeURIComponent(r.id)}`),
            }) as React.HTMLAttributes<HTMLElement>
          }
        />
        <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', marginTop: 12 }}>
          <Typography.Text type="secondary">
            {t('common.total', { count: rows.length })}
            {orders.hasNextPage ? '+' : ''}
          </Typography.Text>
          {orders.hasNextPage && (
            <Button
              onClick={() => void orders.fetchNextPage()}
              loading={orders.isFetchingNextPage}
              data-testid="orders-more"
            >
              {t('common.loadMore')}
            </Button>
          )}
        </div>
      </Card>

      <OrderFormModal
        open={formOpen}
        onClose={() => setFormOpen(false)}
        onCreated={(o) => {
          setFormOpen(false);
          void navigate(`/orders/${encodeURIComponent(o.id)}`);
        }}
      />
    </Space>
  );
}
