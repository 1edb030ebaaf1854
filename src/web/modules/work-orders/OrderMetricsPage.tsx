import { useMemo } from 'react';
import {
  Alert,
  Breadcrumb,
  Button,
  Card,
  Col,
  Row,
  Skeleton,
  Space,
  Statistic,
  Table,
  Typography,
  type TableColumnsType,
} from 'antd';
import { ArrowDownOutlined, ArrowUpOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { errorMessage } from '../../lib/api';
import { pct } from '../../lib/format';
import { useCurrentUser } from '../auth/useCurrentUser';
import { MetricsChart } from './MetricsChart';
import type { MetricsRow } from '../../../shared/work-orders.schema';
import { useMetrics, useUnitWithAncestors } from './work-orders.api';

function fmtScore(v: number | null): string {
  return v === null || Number.isNaN(v) ? '—' : v.toFixed(2);
}

/** Work-order KPIs for the user's scope with a monthly chart and a per-child-unit table that drills down (?unit=). */
export default function OrderMetricsPage() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const [params, setParams] = useSearchParams();
  const unitParam = params.get('unit') ?? undefined;
  const metrics = useMetrics(unitParam);
  const data = metrics.data;
  const rows = useMemo(() => data?.rows ?? [], [data]);

  const canOrg = me.abilities.includes('org.read');
  const scopeId = data?.scope.id;
  const unit = useUnitWithAncestors(scopeId, canOrg);
  const crumbs = (unit.data?.ancestors ?? []).filter((a) => a.path.startsWith(me.orgUnit.path));
  const parentId = unit.data?.unit.parentId ?? null;
  const canGoUp = !!scopeId && scopeId !== me.orgUnit.id && !!unitParam;

  const goTo = (id: string | null) => {
    if (!id || id === me.orgUnit.id) setParams({});
    else setParams({ unit: id });
  };

  const columns: TableColumnsType<MetricsRow> = [
    {
      title: t('metrics.unit'),
      dataIndex: 'name',
      fixed: 'left',
      // a unit's name on one line: on a phone the table scrolls sideways instead of stacking the characters
      render: (v: string) => <Typography.Link style={{ whiteSpace: 'nowrap' }}>{v}</Typography.Link>,
    },
    { title: t('metrics.received'), dataIndex: 'received', align: 'right', sorter: (a, b) => a.received - b.received },
    { title: t('metrics.closed'), dataIndex: 'closed', align: 'right', sorter: (a, b) => a.closed - b.closed },
    {
      title: t('metrics.onTimeRate'),
      dataIndex: 'onTimeRate',
      align: 'right',
      sorter: (a, b) => a.onTimeRate - b.onTimeRate,
      render: (v: number, r) => (r.closed === 0 ? '—' : pct(v)),
    },
    {
      title: t('metrics.satisfaction'),
      dataIndex: 'satisfaction',
      align: 'right',
      sorter: (a, b) => (a.satisfaction ?? 0) - (b.satisfaction ?? 0),
      render: (v: number | null) => fmtScore(v),
    },
  ];

  const change = data?.hotline.change ?? null;
  const down = change !== null && change < 0;

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }} data-testid="order-metrics-page">
      <Space wrap align="center" style={{ justifyContent: 'space-between', width: '100%' }}>
        <Space orientation="vertical" size={0}>
          <Typography.Title level={4} style={{ margin: 0 }}>
            {t('metrics.title')}
            {data ? ` · ${data.scope.name}` : ''}
          </Typography.Title>
          {crumbs.length > 0 && data && (
            <Breadcrumb
              data-testid="metrics-breadcrumb"
              items={[...crumbs.map((u) => ({ id: u.id, name: u.name })), data.scope].map((u, i, all) => ({
                key: u.id,
                title: i < all.length - 1 ? <a onClick={() => goTo(u.id)}>{u.name}</a> : u.name,
              }))}
            />
          )}
        </Space>
        {canGoUp && (
          <Button icon={<ArrowUpOutlined />} onClick={() => goTo(parentId)} data-testid="metrics-up">
            {t('metrics.up')}
          </Button>
        )}
      </Space>

      {metrics.isError && <Alert type="error" showIcon title={errorMessage(metrics.error)} />}

      {!data ? (
        metrics.isPending ? (
          <Skeleton active />
        ) : null
      ) : (
        <Row gutter={[12, 12]} data-testid="metrics-kpis">
          <Col xs={12} md={8} xl={4}>
            <Card size="small" style={{ height: '100%' }} data-testid="kpi-received">
              <Statistic title={t('metrics.received')} value={data.received} />
            </Card>
          </Col>
          <Col xs={12} md={8} xl={4}>
            <Card size="small" style={{ height: '100%' }} data-testid="kpi-closed">
              <Statistic title={t('metrics.closed')} value={data.closed} />
            </Card>
          </Col>
          <Col xs={12} md={8} xl={4}>
            <Card size="small" style={{ height: '100%' }} data-testid="kpi-open">
              <Statistic title={t('metrics.open')} value={data.open} />
              <Typography.Text type={data.overdueOpen > 0 ? 'danger' : 'secondary'} style={{ fontSize: 12 }}>
                {t('metrics.overdueOpen')}: {data.overdueOpen}
              </Typography.Text>
            </Card>
          </Col>
          <Col xs={12} md={8} xl={4}>
            <Card size="small" style={{ height: '100%' }} data-testid="kpi-on-time">
              <Statistic title={t('metrics.onTimeRate')} value={pct(data.onTimeRate)} />
            </Card>
          </Col>
          <Col xs={12} md={8} xl={4}>
            <Card size="small" style={{ height: '100%' }} data-testid="kpi-satisfaction">
              <Statistic
                title={t('metrics.satisfaction')}
                value={fmtScore(data.satisfaction)}
                suffix={data.satisfaction === null ? undefined : '/ 5'}
              />
            </Card>
          </Col>
          <Col xs={12} md={8} xl={4}>
            <Card size="small" style={{ height: '100%' }} data-testid="kpi-hotline">
              <Statistic title={t('metrics.hotline')} value={data.hotline.thisYear} />
              <Space size={6} style={{ fontSize: 12 }}>
                <span>{t('metrics.yoy')}</span>
                {change === null ? (
                  '—'
                ) : (
                  <span style={{ color: down ? '#389e0d' : '#cf1322' }} data-testid="hotline-change">
                    {down ? <ArrowDownOutlined /> : <ArrowUpOutlined />} {pct(Math.abs(change))}
                  </span>
                )}
              </Space>
              <div>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t('metrics.lastYear', { count: data.hotline.lastYear })}
                </Typography.Text>
              </div>
            </Card>
          </Col>
          <Col xs={24} md={16} xl={8}>
            <Card size="small" style={{ height: '100%' }} data-testid="kpi-disputes">
              <Statistic
                title={t('metrics.disputes')}
                value={data.resolvedDisputes.total}
                formatter={(v) => (Number(v) >= 10_000 ? t('metrics.wan', wan(Number(v))) : String(v))}
              />
              <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="disputes-note">
                {data.resolvedDisputes.ledger
                  ? t('metrics.disputesSplit', {
                      from: data.resolvedDisputes.ledger.from,
                      until: data.resolvedDisputes.ledger.until,
                      ledger: data.resolvedDisputes.ledger.count,
                      orders: data.resolvedDisputes.fromOrders,
                    })
                  : t('metrics.disputesOrdersOnly', { orders: data.resolvedDisputes.fromOrders })}
              </Typography.Text>
            </Card>
          </Col>
        </Row>
      )}

      <Card size="small" title={t('metrics.chartTitle')}>
        <MetricsChart byMonth={data?.byMonth ?? []} />
      </Card>

      <Card
        size="small"
        title={t('metrics.tableTitle')}
        extra={<Typography.Text type="secondary">{t('metrics.drillHint')}</Typography.Text>}
      >
        <Table<MetricsRow>
          data-testid="metrics-table"
          rowKey="orgUnitId"
          size="small"
          loading={metrics.isFetching}
          columns={columns}
          dataSource={rows}
          scroll={{ x: 'max-content' }}
          pagination={rows.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
          onRow={(r) =>
            ({
              onClick: () => goTo(r.orgUnitId),
              style: { cursor: 'pointer' },
              'data-testid': `metrics-row-${r.orgUnitId}`,
            }) as React.HTMLAttributes<HTMLElement>
          }
        />
      </Card>
    </Space>
  );
}

/** 157000 → { n: '15.7' } (15.7万) and { k: '157.0' } (157.0k). */
function wan(n: number): { n: string; k: string } {
  return { n: (n / 10_000).toFixed(1), k: (n / 1000).toFixed(1) };
}
