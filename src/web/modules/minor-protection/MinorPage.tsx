import { useMemo, useState } from 'react';
import {
  Alert,
  Button,
  Card,
  Col,
  List,
  Row,
  Segmented,
  Space,
  Statistic,
  Table,
  Tabs,
  Tag,
  Typography,
  type TableColumnsType,
} from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { errorMessage } from '../../lib/api';
import { useCurrentUser } from '../auth/useCurrentUser';
import { formatDateTime } from '../work-orders/OrderBits';
import { StationsTab } from './StationsTab';
import { CaseStatusTag, CategoryTags, ChildName, RiskTag, VisitDue } from './MinorBits';
import { useMinorCases, useMinorReport, useMinorTasks } from './minor-protection.api';
import { CASE_BOXES } from '../../../shared/minor-protection.constants';
import type { CaseSummary, Referral } from './types';

const TABS = ['tasks', 'cases', 'report', 'stations'] as const;
type TabKey = (typeof TABS)[number];
const BOXES = CASE_BOXES;

function useCaseColumns(): TableColumnsType<CaseSummary> {
  const { t } = useTranslation();
  return [
    { title: t('minor.fields.caseNo'), dataIndex: 'caseNo', width: 120 },
    { title: t('minor.fields.name'), dataIndex: 'name', width: 110, render: (_: unknown, c) => <ChildName c={c} /> },
    {
      title: t('minor.fields.age'),
      dataIndex: 'age',
      width: 70,
      render: (v: number, c) => `${t(`minor.gender.${c.gender}`)} ${t('minor.fields.years', { count: v })}`,
    },
    {
      title: t('minor.fields.community'),
      dataIndex: 'communityName',
      width: 150,
      render: (v: string | null, c) => (v ? `${c.streetName} · ${v}` : c.streetName),
    },
    {
      title: t('minor.fields.categories'),
      dataIndex: 'categories',
      width: 200,
      render: (ids: string[]) => <CategoryTags ids={ids} />,
    },
    {
      title: t('minor.fields.risk'),
      dataIndex: 'riskLevel',
      width: 80,
      render: (r: CaseSummary['riskLevel']) => <RiskTag risk={r} />,
    },
    {
      title: t('minor.fields.status'),
      dataIndex: 'status',
      width: 110,
      render: (s: CaseSummary['status']) => <CaseStatusTag status={s} />,
    },
    { title: t('minor.fields.worker'), dataIndex: 'workerName', width: 150, render: (v: string | null) => v ?? '—' },
    {
      title: t('minor.fields.lastVisit'),
      dataIndex: 'lastVisitOn',
      width: 110,
      render: (v: string | null) => v ?? '—',
    },
    {
      title: t('minor.fields.nextVisit'),
      dataIndex: 'nextVisitDue',
      width: 130,
      render: (_: unknown, c) => <VisitDue c={c} />,
    },
  ];
}

function ReferralLine({ r }: { r: Referral }) {
  const { t } = useTranslation();
  return (
    <Space wrap size={6}>
      <Link to={`/minor/${encodeURIComponent(r.caseId)}`}>{r.caseNo}</Link>
      <Tag>{t(`minor.referrals.kinds.${r.receiverKind}`)}</Tag>
      <span>{r.receiverName}</span>
      <Tag color={r.status === 'pending' ? 'gold' : 'blue'}>{t(`minor.referrals.statuses.${r.status}`)}</Tag>
      {r.isAckOverdue ? (
        <Typography.Text type="danger">
          {t('minor.referrals.overdue')} · {formatDateTime(r.ackDueAt)}
        </Typography.Text>
      ) : (
        <Typography.Text type="secondary">{formatDateTime(r.ackDueAt)}</Typography.Text>
      )}
    </Space>
  );
}

function TasksTab() {
  const { t } = useTranslation();
  const tasks = useMinorTasks();
  const columns = useCaseColumns();
  if (tasks.isError) return <Alert type="error" title={errorMessage(tasks.error)} />;
  const d = tasks.data;
  const section = (key: string, title: string, rows: CaseSummary[] | undefined, danger = false) => (
    <Card
      size="small"
      title={
        <Typography.Text type={danger ? 'danger' : undefined} strong>
          {title}（{rows?.length ?? 0}）
        </Typography.Text>
      }
      data-testid={`tasks-${key}`}
    >
      <Table
        size="small"
        rowKey="id"
        loading={tasks.isPending}
        columns={columns}
        dataSource={rows ?? []}
        pagination={false}
        scroll={{ x: 1200 }}
        locale={{ emptyText: t('minor.tasks.none') }}
      />
    </Card>
  );
  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }}>
      {section('overdue', t('minor.tasks.overdue'), d?.visitsOverdue, true)}
      {section('due', t('minor.tasks.due'), d?.visitsDue)}
      {(d?.closuresToDecide.length ?? 0) > 0 && section('closures', t('minor.tasks.closures'), d?.closuresToDecide)}
      <Card size="small" title={`${t('minor.tasks.referrals')}（${d?.referralsAwaiting.length ?? 0}）`}>
        <List
          size="small"
          dataSource={d?.referralsAwaiting ?? []}
          locale={{ emptyText: t('minor.tasks.none') }}
          renderItem={(r) => (
            <List.Item>
              <ReferralLine r={r} />
            </List.Item>
          )}
        />
      </Card>
    </Space>
  );
}

function CasesTab() {
  const { t } = useTranslation();
  const [box, setBox] = useState<(typeof BOXES)[number]>('all');
  const cases = useMinorCases(box);
  const columns = useCaseColumns();
  const rows = cases.data?.pages.flatMap((p) => p.items) ?? [];
  const total = cases.data?.pages[0]?.total ?? 0;
  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }}>
      <Segmented
        value={box}
        onChange={(v) => setBox(v as (typeof BOXES)[number])}
        options={BOXES.map((b) => ({ value: b, label: t(`minor.boxes.${b}`) }))}
      />
      {cases.isError && <Alert type="error" title={errorMessage(cases.error)} />}
      <Table
        size="small"
        rowKey="id"
        loading={cases.isPending}
        columns={columns}
        dataSource={rows}
        scroll={{ x: 1200 }}
        pagination={false}
        data-testid="minor-cases-table"
      />
      <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', flexWrap: 'wrap', gap: 8 }}>
        <Typography.Text type="secondary" data-testid="minor-cases-count">
          {t('minor.casesShown', { shown: rows.length, total })}
        </Typography.Text>
        {cases.hasNextPage && (
          <Button
            onClick={() => void cases.fetchNextPage()}
            loading={cases.isFetchingNextPage}
            data-testid="minor-cases-more"
          >
            {t('common.loadMore')}
          </Button>
        )}
      </div>
    </Space>
  );
}

function ReportTab() {
  const { t } = useTranslation();
  const report = useMinorReport();
  const r = report.data;
  if (report.isError) return <Alert type="error" title={errorMessage(report.error)} />;
  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }} data-testid="minor-report">
      <Space style={{ justifyContent: 'space-between', width: '100%' }}>
        <span />
        <Button icon={<DownloadOutlined />} href="/api/minor-reports/export.xlsx" data-testid="minor-export">
          {t('minor.report.export')}
        </Button>
      </Space>
      <Row gutter={[12, 12]}>
        {(
          [
            ['total', r?.total],
            ['open', r?.open],
            ['communities', r?.communities],
            ['visitsDue', r?.visitsDue],
            ['visitsOverdue', r?.visitsOverdue],
          ] as const
        ).map(([k, v]) => (
          <Col key={k} xs={12} md={8} lg={4}>
            <Card size="small" loading={report.isPending}>
              <Statistic
                title={t(`minor.report.${k}`)}
                value={v ?? 0}
                styles={k === 'visitsOverdue' && (v ?? 0) > 0 ? { content: { color: '#cf1322' } } : undefined}
              />
            </Card>
          </Col>
        ))}
      </Row>
      <Row gutter={[12, 12]}>
        <Col xs={24} md={8}>
          <Card size="small" title={t('minor.report.byCategory')}>
            <Table
              size="small"
              rowKey="id"
              pagination={false}
              dataSource={r?.byCategory ?? []}
              columns={[
                { title: t('minor.fields.categories'), dataIndex: 'name' },
                { title: t('minor.report.count'), dataIndex: 'count', width: 80 },
              ]}
            />
          </Card>
        </Col>
        <Col xs={24} md={8}>
          <Card size="small" title={t('minor.report.byRisk')}>
            <Table
              size="small"
              rowKey="riskLevel"
              pagination={false}
              dataSource={r?.byRisk ?? []}
              columns={[
                {
                  title: t('minor.fields.risk'),
                  dataIndex: 'riskLevel',
                  render: (v: CaseSummary['riskLevel']) => <RiskTag risk={v} />,
                },
                { title: t('minor.report.count'), dataIndex: 'count', width: 80 },
              ]}
            />
          </Card>
        </Col>
        <Col xs={24} md={8}>
          <Card size="small" title={t('minor.report.services')}>
            <Table
              size="small"
              rowKey="kind"
              pagination={false}
              dataSource={r?.services ?? []}
              columns={[
                {
                  title: t('minor.services.kind'),
                  dataIndex: 'kind',
                  render: (k: string) => t(`minor.services.kinds.${k}` as 'minor.services.kinds.home_visit'),
                },
                { title: t('minor.report.count'), dataIndex: 'count', width: 80 },
              ]}
            />
          </Card>
        </Col>
      </Row>
      <Card size="small" title={t('minor.report.byStreet')}>
        <Table
          size="small"
          rowKey="streetId"
          pagination={false}
          dataSource={r?.byStreet ?? []}
          columns={[
            { title: t('minor.fields.street'), dataIndex: 'streetName' },
            { title: t('minor.report.total'), dataIndex: 'total' },
            { title: t('minor.report.high'), dataIndex: 'high' },
            { title: t('minor.report.visitsDue'), dataIndex: 'visitsDue' },
            {
              title: t('minor.report.visitsOverdue'),
              dataIndex: 'visitsOverdue',
              render: (v: number) => (v > 0 ? <Typography.Text type="danger">{v}</Typography.Text> : v),
            },
          ]}
        />
      </Card>
    </Space>
  );
}

/** Caseworker dashboard: tasks (overdue visits in red), the files (masked for those without identity access), reports and the 五有 stations. */
export default function MinorPage() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const [params, setParams] = useSearchParams();
  const isWorker = me.abilities.includes('minor.casework') || me.abilities.includes('minor.approve');
  const tab: TabKey = useMemo(() => {
    const v = params.get('tab');
    return (TABS as readonly string[]).includes(v ?? '') ? (v as TabKey) : isWorker ? 'tasks' : 'report';
  }, [params, isWorker]);
  return (
    <Space orientation="vertical" size={8} style={{ width: '100%' }} data-testid="minor-page">
      <Typography.Title level={4} style={{ margin: 0 }}>
        {t('minor.title')}
      </Typography.Title>
      <Typography.Text type="secondary">{t('minor.subtitle')}</Typography.Text>
      <Tabs
        activeKey={tab}
        onChange={(k) => setParams({ tab: k })}
        destroyOnHidden
        items={TABS.map((k) => ({
          key: k,
          label: <span data-testid={`minor-tab-${k}`}>{t(`minor.tabs.${k}`)}</span>,
          children:
            k === 'tasks' ? (
              <TasksTab />
            ) : k === 'cases' ? (
              <CasesTab />
            ) : k === 'report' ? (
              <ReportTab />
            ) : (
              <StationsTab />
            ),
        }))}
      />
    </Space>
  );
}
