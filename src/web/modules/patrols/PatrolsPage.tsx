import { useState } from 'react';
import { Alert, Button, DatePicker, Drawer, Space, Spin, Tabs, Tag, Typography } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../lib/api';
import { ResponsiveTable } from '../../app/ResponsiveTable';
import { formatDateTime } from '../work-orders/OrderBits';
import { FindingCard } from './FindingCard';
import { ledgerExportUrl, useLedger, usePatrol, usePatrols, type LedgerRow, type PatrolSummary } from './patrols.api';

const thisMonth = () => dayjs().format('YYYY-MM');

function MonthPicker({ value, onChange, testId }: { value: string; onChange: (m: string) => void; testId: string }) {
  return (
    <DatePicker
      picker="month"
      allowClear={false}
      value={dayjs(`${value}-01`)}
      onChange={(d: Dayjs | null) => d && onChange(d.format('YYYY-MM'))}
      data-testid={testId}
    />
  );
}

/** 巡查台账: per compound (网格) and month, patrols, findings, put right on the spot, orders raised; .xlsx. */
function LedgerTab() {
  const { t } = useTranslation();
  const [from, setFrom] = useState(() => dayjs().subtract(1, 'month').format('YYYY-MM'));
  const [to, setTo] = useState(thisMonth);
  const q = useLedger(from, to);
  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }}>
      <Space wrap>
        <span>{t('patrols.from')}</span>
        <MonthPicker value={from} onChange={setFrom} testId="ledger-from" />
        <span>{t('patrols.to')}</span>
        <MonthPicker value={to} onChange={setTo} testId="ledger-to" />
        <Button icon={<DownloadOutlined />} href={ledgerExportUrl(from, to)} data-testid="ledger-export">
          {t('patrols.export')}
        </Button>
      </Space>
      {q.error && <Alert type="error" showIcon title={errorMessage(q.error)} />}
      {q.data && (
        <Typography.Text data-testid="ledger-totals">
          {t('patrols.totals', {
            patrols: q.data.totals.patrols,
            findings: q.data.totals.findings,
            resolved: q.data.totals.resolved,
            orders: q.data.totals.ordersRaised,
          })}
        </Typography.Text>
      )}
      <ResponsiveTable<LedgerRow>
        size="small"
        data-testid="ledger-table"
        rowKey={(r) => `${r.month}|${r.compoundId}`}
        loading={q.isPending}
        pagination={false}
        dataSource={q.data?.rows ?? []}
        columns={[
          { title: t('patrols.month'), dataIndex: 'month' },
          { title: t('patrols.community'), dataIndex: 'communityName' },
          { title: t('patrols.compound'), dataIndex: 'compoundName' },
          { title: t('patrols.workers'), dataIndex: 'workers', render: (w: string[]) => w.join('、') },
          { title: t('patrols.patrolCount'), dataIndex: 'patrols', align: 'right' },
          { title: t('patrols.findingCount'), dataIndex: 'findings', align: 'right' },
          { title: t('patrols.resolvedCount'), dataIndex: 'resolved', align: 'right' },
          { title: t('patrols.orderCount'), dataIndex: 'ordersRaised', align: 'right' },
        ]}
      />
    </Space>
  );
}

function PatrolDrawer({ id, onClose }: { id: string | null; onClose: () => void }) {
  const { t } = useTranslation();
  const q = usePatrol(id ?? undefined);
  const p = q.data;
  return (
    <Drawer
      open={!!id}
      onClose={onClose}
      size="large"
      styles={{ wrapper: { maxWidth: '100vw' } }}
      title={p ? t('patrols.titleOf', { compounds: p.compoundNames.join('、') }) : ''}
      data-testid="patrol-drawer"
    >
      {q.isPending && <Spin />}
      {q.error && <Alert type="error" showIcon title={errorMessage(q.error)} />}
      {p && (
        <Space orientation="vertical" size={8} style={{ width: '100%' }}>
          <Typography.Text>
            {p.workerName} · {formatDateTime(p.startedAt)}
            {p.endedAt ? ` — ${formatDateTime(p.endedAt)}` : ''}
          </Typography.Text>
          {p.routeNote && <Typography.Text>{t('patrols.routeIs', { route: p.routeNote })}</Typography.Text>}
          <Typography.Text strong>
            {t('patrols.counts', { findings: p.findings, orders: p.ordersRaised })}
          </Typography.Text>
          {p.findingList.map((f) => (
            <FindingCard key={f.id} f={f} orderLink={(o) => `/orders/${encodeURIComponent(o)}`} />
          ))}
        </Space>
      )}
    </Drawer>
  );
}

function ListTab() {
  const { t } = useTranslation();
  const [month, setMonth] = useState(thisMonth);
  const [offset, setOffset] = useState(0);
  const [open, setOpen] = useState<string | null>(null);
  const q = usePatrols({ month, limit: 20, offset });
  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }}>
      <Space wrap>
        <span>{t('patrols.month')}</span>
        <MonthPicker
          value={month}
          onChange={(m) => {
            setMonth(m);
            setOffset(0);
          }}
          testId="patrols-month"
        />
      </Space>
      {q.error && <Alert type="error" showIcon title={errorMessage(q.error)} />}
      <ResponsiveTable<PatrolSummary>
        size="small"
        data-testid="patrols-table"
        rowKey="id"
        loading={q.isPending}
        dataSource={q.data?.items ?? []}
        onRow={(r) => ({ onClick: () => setOpen(r.id), style: { cursor: 'pointer' }, 'data-testid': 'patrol-row' })}
        pagination={{
          current: offset / 20 + 1,
          pageSize: 20,
          total: q.data?.total ?? 0,
          onChange: (page) => setOffset((page - 1) * 20),
        }}
        columns={[
          { title: t('patrols.startedAt'), dataIndex: 'startedAt', render: (v: string) => formatDateTime(v) },
          { title: t('patrols.worker'), dataIndex: 'workerName' },
          { title: t('patrols.compound'), dataIndex: 'compoundNames', render: (n: string[]) => n.join('、') },
          {
            title: t('patrols.statusLabel'),
            dataIndex: 'status',
            render: (s: 'open' | 'finished') => (
              <Tag color={s === 'open' ? 'processing' : 'default'}>{t(`patrols.status.${s}`)}</Tag>
            ),
          },
          { title: t('patrols.findingCount'), dataIndex: 'findings', align: 'right' },
          { title: t('patrols.orderCount'), dataIndex: 'ordersRaised', align: 'right' },
        ]}
      />
      <PatrolDrawer id={open} onClose={() => setOpen(null)} />
    </Space>
  );
}

/** 网格巡查 in the back office: the monthly ledger per compound (网格) and the patrols themselves. */
export default function PatrolsPage() {
  const { t } = useTranslation();
  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }} data-testid="patrols-page">
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t('patrols.title')}
      </Typography.Title>
      <Typography.Text type="secondary">{t('patrols.hint')}</Typography.Text>
      <Tabs
        items={[
          { key: 'ledger', label: t('patrols.ledger'), children: <LedgerTab /> },
          { key: 'list', label: t('patrols.list'), children: <ListTab /> },
        ]}
      />
    </Space>
  );
}
