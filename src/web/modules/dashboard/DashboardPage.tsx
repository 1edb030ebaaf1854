import { useMemo } from 'react';
import {
  Alert,
  Breadcrumb,
  Button,
  Card,
  Col,
  Progress,
  Row,
  Skeleton,
  Space,
  Statistic,
  Table,
  Tag,
  Typography,
  type TableColumnsType,
} from 'antd';
import { ArrowUpOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { errorMessage } from '../../lib/api';
import { pct } from '../../lib/format';
import type { CoverageRow } from '../../lib/types';
import { useCurrentUser } from '../auth/useCurrentUser';
import { CoverageChart } from './CoverageChart';
import { useCoverage, useUnitAncestors } from './dashboard.api';

function Kpi({
  title,
  value,
  ratio,
  ratioLabel,
  testId,
}: {
  title: string;
  value: number | string;
  ratio?: number;
  ratioLabel?: string;
  testId: string;
}) {
  return (
    <Card size="small" data-testid={testId} style={{ height: '100%' }}>
      <Statistic title={title} value={value} />
      {ratio !== undefined && (
        <div title={ratioLabel}>
          <Progress
            percent={Math.round(ratio * 1000) / 10}
            size="small"
            strokeColor="#c0392b"
            format={(p) => `${p ?? 0}%`}
          />
          {ratioLabel && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {ratioLabel}
            </Typography.Text>
          )}
        </div>
      )}
    </Card>
  );
}

export default function DashboardPage() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const [params, setParams] = useSearchParams();
  const unitParam = params.get('unit') ?? undefined;
  const coverage = useCoverage(unitParam);
  const scope = coverage.data?.scope;
  const totals = coverage.data?.totals;
  const rows = useMemo(() => coverage.data?.rows ?? [], [coverage.data]);

  const canOrg = me.abilities.includes('org.read');
  const ancestors = useUnitAncestors(scope?.id, canOrg);

  const drill = (row: CoverageRow) => {
    if (row.kind === 'compound') return;
    setParams({ unit: row.orgUnitId });
  };
  const goTo = (id: string) => {
    if (id === me.orgUnit.id) setParams({});
    else setParams({ unit: id });
  };

  const crumbs = (ancestors.data?.ancestors ?? []).filter((a) => a.path.startsWith(me.orgUnit.path));
  const canGoUp = !!scope && scope.id !== me.orgUnit.id && !!scope.parentId;

  const columns: TableColumnsType<CoverageRow> = [
    {
      title: t('dashboard.unit'),
      dataIndex: 'name',
      fixed: 'left',
      width: 220,
      render: (name: string, r) => (
        <Space size={4} style={{ whiteSpace: 'nowrap' }}>
          {r.kind !== 'compound' ? <Typography.Link>{name}</Typography.Link> : <span>{name}</span>}
          <Tag>{t(`orgKind.${r.kind}`)}</Tag>
        </Space>
      ),
    },
    {
      title: t('dashboard.compounds'),
      dataIndex: 'compounds',
      align: 'right',
      sorter: (a, b) => a.compounds - b.compounds,
    },
    {
      title: t('dashboard.branches'),
      dataIndex: 'branches',
      align: 'right',
      sorter: (a, b) => a.branches - b.branches,
    },
    {
      title: t('dashboard.branchCoverage'),
      dataIndex: 'branchCoverage',
      align: 'right',
      sorter: (a, b) => a.branchCoverage - b.branchCoverage,
      render: (v: number) => pct(v),
    },
    { title: t('dashboard.secretaries'), dataIndex: 'branchesWithSecretary', align: 'right' },
    {
      title: t('dashboard.secretaryCoverage'),
      dataIndex: 'secretaryCoverage',
      align: 'right',
      sorter: (a, b) => a.secretaryCoverage - b.secretaryCoverage,
      render: (v: number) => pct(v),
    },
    { title: t('dashboard.stations'), dataIndex: 'stations', align: 'right' },
    {
      title: t('dashboard.stationCoverage'),
      dataIndex: 'stationCoverage',
      align: 'right',
      sorter: (a, b) => a.stationCoverage - b.stationCoverage,
      render: (v: number) => pct(v),
    },
    { title: t('dashboard.ownersCommittees'), dataIndex: 'ownersCommittees', align: 'right' },
    {
      title: t('dashboard.ownersCommitteeCoverage'),
      dataIndex: 'ownersCommitteeCoverage',
      align: 'right',
      sorter: (a, b) => a.ownersCommitteeCoverage - b.ownersCommitteeCoverage,
      render: (v: number) => pct(v),
    },
  ];

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }} data-testid="dashboard-page">
      <Space wrap align="center" style={{ justifyContent: 'space-between', width: '100%' }}>
        <Space orientation="vertical" size={0}>
          <Typography.Title level={4} style={{ margin: 0 }}>
            {t('dashboard.title')}
            {scope ? ` · ${scope.name}` : ''}
          </Typography.Title>
          {crumbs.length > 0 && (
            <Breadcrumb
              data-testid="coverage-breadcrumb"
              items={[...crumbs, ...(scope ? [scope] : [])].map((u, i, all) => ({
                key: u.id,
                title: i < all.length - 1 ? <a onClick={() => goTo(u.id)}>{u.name}</a> : u.name,
              }))}
            />
          )}
        </Space>
        {canGoUp && scope?.parentId && (
          <Button
            icon={<ArrowUpOutlined />}
            onClick={() => goTo(scope.parentId ?? me.orgUnit.id)}
            data-testid="coverage-up"
          >
            {t('dashboard.up')}
          </Button>
        )}
      </Space>

      {coverage.isError && <Alert type="error" showIcon title={errorMessage(coverage.error)} />}

      {!totals ? (
        coverage.isPending ? (
          <Skeleton active />
        ) : null
      ) : (
        <Row gutter={[12, 12]} data-testid="coverage-kpis">
          <Col xs={12} md={8} xl={4}>
            <Kpi testId="kpi-compounds" title={t('dashboard.compounds')} value={totals.compounds} />
          </Col>
          <Col xs={12} md={8} xl={4}>
            <Kpi testId="kpi-branches" title={t('dashboard.branches')} value={totals.branches} />
          </Col>
          <Col xs={12} md={8} xl={4}>
            <Kpi
              testId="kpi-branch-coverage"
              title={t('dashboard.branchCoverage')}
              value={pct(totals.branchCoverage)}
            />
          </Col>
          <Col xs={12} md={8} xl={4}>
            <Kpi
              testId="kpi-secretaries"
              title={t('dashboard.secretaries')}
              value={totals.branchesWithSecretary}
              ratio={totals.secretaryCoverage}
              ratioLabel={t('dashboard.secretaryCoverage')}
            />
          </Col>
          <Col xs={12} md={8} xl={4}>
            <Kpi
              testId="kpi-stations"
              title={t('dashboard.stations')}
              value={totals.stations}
              ratio={totals.stationCoverage}
              ratioLabel={t('dashboard.stationCoverage')}
            />
          </Col>
          <Col xs={12} md={8} xl={4}>
            <Kpi
              testId="kpi-owners-committees"
              title={t('dashboard.ownersCommittees')}
              value={totals.ownersCommittees}
              ratio={totals.ownersCommitteeCoverage}
              ratioLabel={t('dashboard.ownersCommitteeCoverage')}
            />
          </Col>
        </Row>
      )}

      <Card
        size="small"
        title={t('dashboard.chartTitle')}
        extra={<Typography.Text type="secondary">{t('dashboard.drillHint')}</Typography.Text>}
      >
        <CoverageChart rows={rows} onSelect={drill} />
      </Card>

      <Card size="small" title={t('dashboard.tableTitle')}>
        <Table<CoverageRow>
          data-testid="coverage-table"
          rowKey="orgUnitId"
          size="small"
          loading={coverage.isFetching}
          columns={columns}
          dataSource={rows}
          scroll={{ x: 1250 }}
          pagination={rows.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
          onRow={(r) =>
            ({
              onClick: () => drill(r),
              style: { cursor: r.kind === 'compound' ? 'default' : 'pointer' },
              'data-testid': `coverage-row-${r.orgUnitId}`,
            }) as React.HTMLAttributes<HTMLElement>
          }
          summary={() =>
            totals ? (
              <Table.Summary.Row style={{ fontWeight: 600 }}>
                <Table.Summary.Cell index={0}>{scope?.name ?? ''}</Table.Summary.Cell>
                <Table.Summary.Cell index={1} align="right">
                  {totals.compounds}
                </Table.Summary.Cell>
                <Table.Summary.Cell index={2} align="right">
                  {totals.branches}
                </Table.Summary.Cell>
                <Table.Summary.Cell index={3} align="right">
                  {pct(totals.branchCoverage)}
                </Table.Summary.Cell>
                <Table.Summary.Cell index={4} align="right">
                  {totals.branchesWithSecretary}
                </Table.Summary.Cell>
                <Table.Summary.Cell index={5} align="right">
                  {pct(totals.secretaryCoverage)}
                </Table.Summary.Cell>
                <Table.Summary.Cell index={6} align="right">
                  {totals.stations}
                </Table.Summary.Cell>
                <Table.Summary.Cell index={7} align="right">
                  {pct(totals.stationCoverage)}
                </Table.Summary.Cell>
                <Table.Summary.Cell index={8} align="right">
                  {totals.ownersCommittees}
                </Table.Summary.Cell>
                <Table.Summary.Cell index={9} align="right">
                  {pct(totals.ownersCommitteeCoverage)}
                </Table.Summary.Cell>
              </Table.Summary.Row>
            ) : null
          }
        />
      </Card>
    </Space>
  );
}
