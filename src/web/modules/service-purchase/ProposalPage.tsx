import {
  Alert,
  App as AntApp,
  Button,
  Card,
  Descriptions,
  Form,
  Input,
  InputNumber,
  Popconfirm,
  Result,
  Skeleton,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { errorMessage } from '../../lib/api';
import { shanghaiTime, useProposal, useProposalStep, useSaveScore, yuan } from './purchase.api';
import { ResultTag } from './PurchaseTags';
import type { ProposalDetail, Score } from './types';

function ScoreForm({ p }: { p: ProposalDetail }) {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const amending = !!p.myScore;
  const save = useSaveScore(p.id, {
    onSuccess: () => void message.success(t('purchase.juror.saved')),
    onError: (e) => void message.error(errorMessage(e)),
  });
  const send = (v: Record<string, number | string>) =>
    save.mutate({
      scores: Object.fromEntries(p.criteria.map((c) => [c.key, Number(v[c.key])])),
      comment: String(v.comment ?? ''),
      ...(amending ? { reason: String(v.reason ?? '') } : {}),
    });
  return (
    <Card
      size="small"
      title={amending ? t('purchase.juror.amend') : t('purchase.juror.score')}
      data-testid="score-card"
    >
      <Form
        layout="inline"
        onFinish={send}
        initialValues={p.myScore ? { ...p.myScore.scores, comment: p.myScore.comment } : {}}
      >
        {p.criteria.map((c) => (
          <Form.Item key={c.key} name={c.key} label={`${c.name}（${c.weight}%）`} rules={[{ required: true }]}>
            <InputNumber min={0} max={100} data-testid={`score-${c.key}`} />
          </Form.Item>
        ))}
        <Form.Item name="comment" label={t('purchase.juror.comment')}>
          <Input style={{ width: 240 }} />
        </Form.Item>
        {amending ? (
          <Form.Item name="reason" label={t('purchase.juror.reason')} rules={[{ required: true }]}>
            <Input style={{ width: 240 }} data-testid="score-reason" />
          </Form.Item>
        ) : null}
        <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="score-submit">
          {t('purchase.juror.submit')}
        </Button>
      </Form>
    </Card>
  );
}

/** A proposal: the applicant's document, its screening, and — for jurors — the scoring form. */
export default function ProposalPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const { message } = AntApp.useApp();
  const q = useProposal(id);
  const act = useProposalStep(id, { onError: (e) => void message.error(errorMessage(e)) });
  if (q.isPending) return <Skeleton active />;
  if (q.isError) return <Result status="warning" title={errorMessage(q.error)} />;
  const { proposal: p, can } = q.data;
  const scoreCols = [
    { title: t('purchase.jury.juror'), dataIndex: 'jurorName' },
    ...p.criteria.map((c) => ({ title: c.name, render: (_: unknown, s: Score) => s.scores[c.key] ?? '—' })),
    { title: t('purchase.juror.total'), dataIndex: 'total' },
    { title: t('purchase.juror.version'), dataIndex: 'version' },
    { title: t('purchase.juror.submittedAt'), dataIndex: 'submittedAt', render: (v: string) => shanghaiTime(v) },
  ];
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }} data-testid="proposal-page">
      <Space wrap style={{ justifyContent: 'space-between', width: '100%' }}>
        <Space>
          <Link to={`/purchase/rounds/${p.roundId}`}>{t('app.back')}</Link>
          <Typography.Title level={4} style={{ margin: 0 }}>
            {p.no} {p.title}
          </Typography.Title>
          <ResultTag p={p} />
        </Space>
        <Space>
          {can.withdraw ? (
            <Popconfirm
              title={t('purchase.proposal.withdrawConfirm')}
              onConfirm={() => act.mutate({ step: 'withdraw' })}
            >
              <Button danger>{t('purchase.proposal.withdraw')}</Button>
            </Popconfirm>
          ) : null}
          {can.recuse ? (
            <Popconfirm
              title={t('purchase.juror.recuseConfirm')}
              onConfirm={() => act.mutate({ step: 'recuse', reason: t('purchase.juror.recuseReason') })}
            >
              <Button data-testid="recuse">{t('purchase.juror.recuse')}</Button>
            </Popconfirm>
          ) : null}
        </Space>
      </Space>
      {p.screening === 'fail' ? (
        <Alert
          type="error"
          showIcon
          message={`${t('purchase.screening.fail')}：${p.screeningReason ?? ''}`}
          data-testid="screening-reason"
        />
      ) : null}
      {p.recused ? <Alert type="info" showIcon message={t('purchase.juror.recused')} /> : null}
      <Descriptions
        size="small"
        bordered
        column={2}
        items={[
          { key: 'org', label: t('purchase.proposal.org'), children: p.orgName },
          { key: 'cat', label: t('purchase.proposal.category'), children: p.category },
          { key: 'street', label: t('purchase.proposal.street'), children: p.streetName },
          { key: 'targets', label: t('purchase.proposal.targets'), children: p.targetCommunities.join('、') },
          {
            key: 'budget',
            label: t('purchase.proposal.budget'),
            children: `${yuan(p.budgetCents)}（${p.budgetLines.map((b) => `${b.item} ${yuan(b.amountCents)}`).join('；')}）`,
            span: 2,
          },
          { key: 'summary', label: t('purchase.proposal.summary'), children: p.summary, span: 2 },
          {
            key: 'team',
            label: t('purchase.proposal.team'),
            children: p.team
              .map((m) => `${m.name}（${m.role}${m.qualification ? `，${m.qualification}` : ''}）`)
              .join('；'),
            span: 2,
          },
          { key: 'past', label: t('purchase.proposal.pastDelivery'), children: p.pastDelivery || '—', span: 2 },
          {
            key: 'att',
            label: t('purchase.proposal.attachments'),
            span: 2,
            children: p.attachments.length ? (
              <Space>
                {p.attachments.map((a) => (
                  <a key={a.id} href={a.url}>
                    {a.name}
                  </a>
                ))}
              </Space>
            ) : (
              '—'
            ),
          },
          { key: 'submitted', label: t('purchase.proposal.submittedAt'), children: shanghaiTime(p.submittedAt) },
          {
            key: 'final',
            label: t('purchase.proposal.score'),
            children: p.finalScore !== null ? `${p.finalScore.toFixed(2)}（#${p.rank}）` : '—',
          },
        ]}
      />
      {can.score ? <ScoreForm p={p} /> : null}
      <Card size="small" title={t('purchase.juror.scores')}>
        <Space direction="vertical" style={{ width: '100%' }}>
          <Space>
            <Tag color={p.sealed ? 'gold' : 'green'} data-testid="sealed-tag">
              {p.sealed ? t('purchase.juror.sealed') : t('purchase.juror.unsealed')}
            </Tag>
            <Typography.Text type="secondary" data-testid="score-progress">
              {t('purchase.juror.progress', { submitted: p.submittedScores, expected: p.expectedScores })}
            </Typography.Text>
          </Space>
          {p.myScore ? (
            <Typography.Text data-testid="my-score">
              {t('purchase.juror.mine')}：{p.myScore.total}（v{p.myScore.version}）
            </Typography.Text>
          ) : null}
          {p.criterionMeans ? (
            <Space>
              {p.criteria.map((c) => (
                <Tag key={c.key}>
                  {c.name} {p.criterionMeans![c.key]}
                </Tag>
              ))}
            </Space>
          ) : null}
          {p.scores ? (
            <Table
              rowKey={(s) => `${s.jurorName}-${s.version}`}
              size="small"
              pagination={false}
              dataSource={p.scores}
              columns={scoreCols}
              data-testid="scores-table"
            />
          ) : null}
          {p.history.length > 1 ? (
            <Table
              rowKey="version"
              size="small"
              pagination={false}
              dataSource={p.history}
              columns={scoreCols}
              title={() => t('purchase.juror.history')}
            />
          ) : null}
        </Space>
      </Card>
    </Space>
  );
}
