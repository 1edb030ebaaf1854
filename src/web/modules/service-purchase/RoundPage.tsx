import { useState } from 'react';
import {
  Alert,
  App as AntApp,
  Button,
  Card,
  Col,
  Descriptions,
  Popconfirm,
  Result,
  Row,
  Skeleton,
  Space,
  Table,
  Tabs,
  Tag,
  Typography,
  type TableColumnsType,
} from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { errorMessage } from '../../lib/api';
import { useCan } from '../auth/useCurrentUser';
import { AmendModal, AmendmentsCard } from './AmendmentCards';
import { BuyerChart, FunnelChart } from './FunnelChart';
import { ProposalModal } from './ProposalModal';
import { contractColumns, ResultTag, RoundStatusTag } from './PurchaseTags';
import { JuryCard, ObjectionsCard, ScreenModal } from './RoundCards';
import { shanghaiTime, useContracts, useMyOrg, useProposals, useRound, useRoundStep, yuan } from './purchase.api';
import type { ProposalSummary } from './types';

/** One round: the agent runs it, organisations apply, jurors find their proposals, everyone sees the notice. */
export default function RoundPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const can = useCan();
  const { message } = AntApp.useApp();
  const d = useRound(id);
  const proposals = useProposals(id);
  const contracts = useContracts(id);
  const org = useMyOrg(can('purchase.propose'));
  const [proposing, setProposing] = useState(false);
  const [amending, setAmending] = useState(false);
  const [screening, setScreening] = useState<ProposalSummary | null>(null);
  const action = useRoundStep(id, { onError: (e) => void message.error(errorMessage(e)) });
  if (d.isPending) return <Skeleton active />;
  if (d.isError) return <Result status="warning" title={errorMessage(d.error)} />;
  const r = d.data.round;
  const cols: TableColumnsType<ProposalSummary> = [
    { title: t('purchase.proposal.no'), dataIndex: 'no', width: 80 },
    {
      title: t('purchase.proposal.title'),
      dataIndex: 'title',
      render: (v: string, p) => (
        <Link to={`/purchase/proposals/${p.id}`} data-testid="proposal-link">
          {v}
        </Link>
      ),
    },
    { title: t('purchase.proposal.org'), dataIndex: 'orgName' },
    { title: t('purchase.proposal.street'), dataIndex: 'streetName' },
    { title: t('purchase.proposal.budget'), dataIndex: 'budgetCents', align: 'right', render: (v: number) => yuan(v) },
    { title: t('purchase.proposal.state'), render: (_: unknown, p) => <ResultTag p={p} /> },
    {
      title: t('purchase.proposal.score'),
      render: (_: unknown, p) =>
        p.finalScore !== null
          ? `${p.finalScore.toFixed(2)}（#${p.rank}）`
          : p.myScore
            ? `${t('purchase.juror.mine')} ${p.myScore.total}`
            : r.status === 'scoring'
              ? `${p.submittedScores}/${p.expectedScores}${p.sealed ? ` 🔒` : ''}`
              : '—',
    },
    ...(d.data.can.screen
      ? [
          {
            title: t('common.actions'),
            render: (_: unknown, p: ProposalSummary) =>
              p.status === 'submitted' ? (
                <Button size="small" onClick={() => setScreening(p)}>
                  {t('purchase.screening.title')}
                </Button>
              ) : null,
          },
        ]
      : []),
  ];
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }} data-testid="round-page">
      <Space wrap style={{ justifyContent: 'space-between', width: '100%' }}>
        <Space>
          <Link to="/purchase">{t('app.back')}</Link>
          <Typography.Title level={4} style={{ margin: 0 }}>
            {r.title}
          </Typography.Title>
          <RoundStatusTag round={r} />
        </Space>
        <Space wrap>
          {d.data.can.publish ? (
            <Button type="primary" onClick={() => action.mutate('publish')}>
              {t('purchase.round.publish')}
            </Button>
          ) : null}
          {d.data.can.amend ? (
            <Button onClick={() => setAmending(true)} data-testid="amend-open">
              {t('purchase.amend.button')}
            </Button>
          ) : null}
          {d.data.can.openScoring ? (
            <Popconfirm title={t('purchase.round.openScoringConfirm')} onConfirm={() => action.mutate('open-scoring')}>
              <Button type="primary">{t('purchase.round.openScoring')}</Button>
            </Popconfirm>
          ) : null}
          {d.data.can.publishNotice ? (
            <Button type="primary" onClick={() => action.mutate('notice')}>
              {t('purchase.round.publishNotice')}
            </Button>
          ) : null}
          {d.data.can.award ? (
            <Button type="primary" onClick={() => action.mutate('award')}>
              {t('purchase.round.award')}
            </Button>
          ) : null}
          {d.data.can.propose && org.data?.org ? (
            <Button type="primary" onClick={() => setProposing(true)} data-testid="proposal-new">
              {t('purchase.proposal.new')}
            </Button>
          ) : null}
          <a href={`/api/purchase/rounds/${r.id}/ocds?download=1`} data-testid="ocds-download">
            {t('purchase.round.ocds')}
          </a>
        </Space>
      </Space>
      {d.data.can.propose && org.data && !org.data.org ? (
        <Alert type="warning" showIcon message={t('purchase.org.needed')} />
      ) : null}
      <Tabs
        defaultActiveKey={d.data.myJuror && r.status === 'scoring' ? 'proposals' : 'overview'}
        items={[
          {
            key: 'overview',
            label: t('purchase.tabs.overview'),
            children: (
              <Space direction="vertical" style={{ width: '100%' }}>
                <Descriptions
                  size="small"
                  bordered
                  column={{ xs: 1, md: 2 }}
                  items={[
                    { key: 'ocid', label: 'OCID', children: r.ocid },
                    { key: 'budget', label: t('purchase.round.budget'), children: yuan(r.budgetCents) },
                    { key: 'published', label: t('purchase.round.published'), children: shanghaiTime(r.publishedAt) },
                    {
                      key: 'deadline',
                      label: t('purchase.round.deadline'),
                      children: (
                        <Space>
                          {shanghaiTime(r.deadlineAt)}
                          {r.isAcceptingProposals ? (
                            <Tag color="green">{t('purchase.round.accepting')}</Tag>
                          ) : (
                            <Tag>{t('purchase.round.closed')}</Tag>
                          )}
                        </Space>
                      ),
                    },
                    { key: 'scope', label: t('purchase.round.scope'), children: r.scope, span: 'filled' },
                    { key: 'elig', label: t('purchase.round.eligibility'), children: r.eligibility, span: 'filled' },
                    {
                      key: 'rules',
                      label: t('purchase.round.rules'),
                      span: 'filled',
                      children: (
                        <Space wrap>
                          {r.criteria.map((c) => (
                            <Tag key={c.key}>
                              {c.name} {c.weight}%
                            </Tag>
                          ))}
                          {r.dropHighLow ? <Tag color="purple">{t('purchase.round.dropHighLow')}</Tag> : null}
                          <Tag>
                            {t('purchase.round.places')} {r.places}
                          </Tag>
                          <Tag>
                            {t('purchase.round.passScore')} {r.passScore}
                          </Tag>
                          {r.rulesFrozen ? <Tag color="red">{t('purchase.round.frozen')}</Tag> : null}
                        </Space>
                      ),
                    },
                  ]}
                />
                <AmendmentsCard d={d.data} />
                <Row gutter={16}>
                  <Col xs={24} lg={12}>
                    <Card size="small" title={t('purchase.funnel.title')}>
                      <FunnelChart funnel={d.data.funnel} />
                    </Card>
                  </Col>
                  <Col xs={24} lg={12}>
                    <Card size="small" title={t('purchase.funnel.byBuyer')}>
                      <BuyerChart funnel={d.data.funnel} />
                    </Card>
                  </Col>
                </Row>
              </Space>
            ),
          },
          {
            key: 'proposals',
            label: `${t('purchase.tabs.proposals')}（${proposals.data?.items.length ?? 0}）`,
            children: (
              <Table
                rowKey="id"
                size="small"
                loading={proposals.isPending}
                dataSource={proposals.data?.items ?? []}
                columns={cols}
                pagination={{ pageSize: 20 }}
                data-testid="proposals-table"
              />
            ),
          },
          { key: 'jury', label: t('purchase.tabs.jury'), children: <JuryCard d={d.data} /> },
          { key: 'notice', label: t('purchase.tabs.notice'), children: <ObjectionsCard d={d.data} /> },
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
              />
            ),
          },
        ]}
      />
      <ProposalModal roundId={id} open={proposing} onClose={() => setProposing(false)} />
      {d.data.can.amend ? <AmendModal d={d.data} open={amending} onClose={() => setAmending(false)} /> : null}
      <ScreenModal proposal={screening} onClose={() => setScreening(null)} />
    </Space>
  );
}
