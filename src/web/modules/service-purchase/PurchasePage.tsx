import { useState } from 'react';
import { Alert, Button, Card, Col, Row, Space, Table, Tabs, Typography, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { errorMessage } from '../../lib/api';
import { useCan, useCurrentUser } from '../auth/useCurrentUser';
import { BuyerChart, FunnelChart } from './FunnelChart';
import { NeedsTab } from './NeedsTab';
import { NewRoundModal, RegisterOrg } from './PurchaseForms';
import { contractColumns, RoundStatusTag } from './PurchaseTags';
import { shanghaiTime, useContracts, useMyOrg, useRound, useRounds, yuan } from './purchase.api';
import type { Round } from './types';

function LatestRound({ id }: { id: string }) {
  const { t } = useTranslation();
  const d = useRound(id);
  if (!d.data) return null;
  return (
    <Row gutter={16}>
      <Col xs={24} lg={12}>
        <Card title={t('purchase.funnel.title')} size="small">
          <FunnelChart funnel={d.data.funnel} />
        </Card>
      </Col>
      <Col xs={24} lg={12}>
        <Card title={t('purchase.funnel.byBuyer')} size="small">
          <BuyerChart funnel={d.data.funnel} />
        </Card>
      </Col>
    </Row>
  );
}

/** Entry page for every role: the rounds, the funnel of the latest one, contracts in scope, residents' needs. */
export default function PurchasePage() {
  const { t } = useTranslation();
  const can = useCan();
  const me = useCurrentUser();
  const rounds = useRounds();
  const contracts = useContracts();
  const org = useMyOrg(can('purchase.propose'));
  const [creating, setCreating] = useState(false);
  const latest = rounds.data?.items.find((r) => r.status !== 'draft');
  const roundCols: TableColumnsType<Round> = [
    {
      title: t('purchase.round.title'),
      dataIndex: 'title',
      render: (v: string, r) => (
        <Link to={`/purchase/rounds/${r.id}`} data-testid="round-link">
          {v}
        </Link>
      ),
    },
    { title: t('purchase.round.year'), dataIndex: 'year' },
    {
      title: t('purchase.round.status'),
      dataIndex: 'status',
      render: (_: Round['status'], r: Round) => <RoundStatusTag round={r} />,
    },
    { title: t('purchase.round.deadline'), dataIndex: 'deadlineAt', render: (v: string) => shanghaiTime(v) },
    { title: t('purchase.round.budget'), dataIndex: 'budgetCents', align: 'right', render: (v: number) => yuan(v) },
  ];
  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }} data-testid="purchase-page">
      <Space style={{ justifyContent: 'space-between', width: '100%' }}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('purchase.title')}
        </Typography.Title>
        {can('purchase.manage') ? (
          <Button type="primary" onClick={() => setCreating(true)} data-testid="round-new">
            {t('purchase.round.new')}
          </Button>
        ) : null}
      </Space>
      {me.role === 'juror' ? <Alert type="info" showIcon message={t('purchase.juror.hint')} /> : null}
      {can('purchase.propose') && org.data && !org.data.org ? <RegisterOrg /> : null}
      {can('purchase.propose') && org.data?.org ? (
        <Alert
          type="success"
          showIcon
          message={`${t('purchase.org.registered')}：${org.data.org.name}（${org.data.org.creditCode}）`}
        />
      ) : null}
      {rounds.isError ? <Alert type="error" message={errorMessage(rounds.error)} /> : null}
      {latest ? <LatestRound id={latest.id} /> : null}
      <Tabs
        items={[
          {
            key: 'rounds',
            label: t('purchase.tabs.rounds'),
            children: (
              <Table
                rowKey="id"
                size="small"
                loading={rounds.isPending}
                dataSource={rounds.data?.items ?? []}
                columns={roundCols}
                pagination={false}
                data-testid="rounds-table"
              />
            ),
          },
          {
            key: 'contracts',
            label: t('purchase.tabs.contracts'),
            children: (
              <Table
                rowKey="id"
                size="small"
                loading={contracts.isPending}
                dataSource={contracts.data?.items ?? []}
                columns={contractColumns(t)}
                pagination={{ pageSize: 20 }}
                data-testid="contracts-table"
              />
            ),
          },
          { key: 'needs', label: t('purchase.tabs.needs'), children: <NeedsTab /> },
        ]}
      />
      <NewRoundModal open={creating} onClose={() => setCreating(false)} />
    </Space>
  );
}
