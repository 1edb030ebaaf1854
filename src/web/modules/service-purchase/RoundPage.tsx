import { useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App as AntApp,
  Button,
  Card,
  Col,
  Descriptions,
  Form,
  Input,
  InputNumber,
  Modal,
  Popconfirm,
  Radio,
  Result,
  Row,
  Select,
  Skeleton,
  Space,
  Switch,
  Table,
  Tabs,
  Tag,
  Typography,
  Upload,
  type TableColumnsType,
} from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { api, errorMessage } from '../../lib/api';
import type { OrgUnit } from '../../lib/types';
import { useCan, useCurrentUser } from '../auth/useCurrentUser';
import { BuyerChart, FunnelChart } from './FunnelChart';
import { contractColumns, RoundStatusTag } from './PurchasePage';
import {
  purchaseKeys,
  putJson,
  shanghaiTime,
  useContracts,
  useJurorAccounts,
  useMyOrg,
  useProposals,
  useRound,
  yuan,
} from './purchase.api';
import type { Objection, ProposalSummary, RoundDetail } from './types';

export function ResultTag({ p }: { p: Pick<ProposalSummary, 'status' | 'screening' | 'result'> }) {
  const { t } = useTranslation();
  if (p.status === 'withdrawn') return <Tag>{t('purchase.proposal.withdrawn')}</Tag>;
  if (p.result)
    return (
      <Tag color={p.result === 'recommended' ? 'green' : p.result === 'disqualified' ? 'red' : 'default'}>
        {t(`purchase.result.${p.result}`)}
      </Tag>
    );
  if (p.screening)
    return <Tag color={p.screening === 'pass' ? 'cyan' : 'red'}>{t(`purchase.screening.${p.screening}`)}</Tag>;
  return <Tag color="processing">{t('purchase.proposal.submitted')}</Tag>;
}

interface ProposalForm {
  title: string;
  summary: string;
  category: string;
  targetCommunityIds: string[];
  pastDelivery?: string;
  team: { name: string; role: string }[];
  budget: { item: string; yuan: number }[];
}

function ProposalModal({ roundId, open, onClose }: { roundId: string; open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const qc = useQueryClient();
  const [streetId, setStreetId] = useState<string>();
  const [streets, setStreets] = useState<OrgUnit[]>([]);
  const [communities, setCommunities] = useState<OrgUnit[]>([]);
  const [files, setFiles] = useState<{ name: string; dataUrl: string }[]>([]);
  const me = useCurrentUser();
  if (open && streets.length === 0)
    void api
      .get<{ items: OrgUnit[] }>(`/org-units/${encodeURIComponent(me.districtId)}/children`)
      .then((r) => setStreets(r.items))
      .catch(() => undefined);
  const pickStreet = (id: string) => {
    setStreetId(id);
    void api
      .get<{ items: OrgUnit[] }>(`/org-units/${encodeURIComponent(id)}/children`)
      .then((r) => setCommunities(r.items));
  };
  const submit = useMutation({
    mutationFn: (v: ProposalForm) =>
      api.post(`/purchase/rounds/${roundId}/proposals`, {
        title: v.title,
        summary: v.summary,
        category: v.category,
        targetCommunityIds: v.targetCommunityIds,
        pastDelivery: v.pastDelivery ?? '',
        team: v.team,
        budgetLines: v.budget.map((b) => ({ item: b.item, amountCents: Math.round(Number(b.yuan) * 100) })),
        attachments: files,
      }),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: purchaseKeys.proposals(roundId) });
      void message.success(t('purchase.proposal.sent'));
      onClose();
    },
    onError: (e) => void message.error(errorMessage(e)),
  });
  return (
    <Modal open={open} width={720} title={t('purchase.proposal.new')} onCancel={onClose} footer={null} destroyOnHidden>
      <Form
        layout="vertical"
        onFinish={(v: ProposalForm) => submit.mutate(v)}
        initialValues={{ team: [{ name: '', role: '' }], budget: [{ item: '人员经费', yuan: 0 }] }}
      >
        <Form.Item name="title" label={t('purchase.proposal.title')} rules={[{ required: true }]}>
          <Input />
        </Form.Item>
        <Form.Item name="summary" label={t('purchase.proposal.summary')} rules={[{ required: true, min: 10 }]}>
          <Input.TextArea rows={3} />
        </Form.Item>
        <Space wrap>
          <Form.Item name="category" label={t('purchase.proposal.category')} rules={[{ required: true }]}>
            <Input />
          </Form.Item>
          <Form.Item label={t('purchase.proposal.street')}>
            <Select
              style={{ width: 180 }}
              value={streetId}
              onChange={pickStreet}
              options={streets.map((s) => ({ value: s.id, label: s.name }))}
            />
          </Form.Item>
          <Form.Item name="targetCommunityIds" label={t('purchase.proposal.targets')} rules={[{ required: true }]}>
            <Select
              mode="multiple"
              style={{ width: 300 }}
              options={communities.map((c) => ({ value: c.id, label: c.name }))}
            />
          </Form.Item>
        </Space>
        <Form.List name="team">
          {(fields, { add }) => (
            <>
              <Typography.Text strong>{t('purchase.proposal.team')}</Typography.Text>
              {fields.map((f) => (
                <Space key={f.key}>
                  <Form.Item name={[f.name, 'name']} rules={[{ required: true }]}>
                    <Input placeholder={t('purchase.proposal.memberName')} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'role']} rules={[{ required: true }]}>
                    <Input placeholder={t('purchase.proposal.memberRole')} />
                  </Form.Item>
                </Space>
              ))}
              <Button size="small" onClick={() => add({ name: '', role: '' })}>
                {t('common.add')}
              </Button>
            </>
          )}
        </Form.List>
        <Form.List name="budget">
          {(fields, { add }) => (
            <div style={{ marginTop: 12 }}>
              <Typography.Text strong>{t('purchase.proposal.budgetLines')}</Typography.Text>
              {fields.map((f) => (
                <Space key={f.key}>
                  <Form.Item name={[f.name, 'item']} rules={[{ required: true }]}>
                    <Input />
                  </Form.Item>
                  <Form.Item name={[f.name, 'yuan']} rules={[{ required: true }]}>
                    <InputNumber min={0} addonAfter="元" />
                  </Form.Item>
                </Space>
              ))}
              <Button size="small" onClick={() => add({ item: '', yuan: 0 })}>
                {t('common.add')}
              </Button>
            </div>
          )}
        </Form.List>
        <Form.Item name="pastDelivery" label={t('purchase.proposal.pastDelivery')} style={{ marginTop: 12 }}>
          <Input.TextArea rows={2} />
        </Form.Item>
        <Upload
          beforeUpload={(file) => {
            const r = new FileReader();
            r.onload = () => setFiles((x) => [...x, { name: file.name, dataUrl: String(r.result) }]);
            r.readAsDataURL(file);
            return false;
          }}
          showUploadList={false}
        >
          <Button>{t('purchase.proposal.attach')}</Button>
        </Upload>
        <div>
          {files.map((f) => (
            <Tag key={f.name}>{f.name}</Tag>
          ))}
        </div>
        <Button type="primary" htmlType="submit" loading={submit.isPending} style={{ marginTop: 12 }}>
          {t('purchase.proposal.send')}
        </Button>
      </Form>
    </Modal>
  );
}

function ScreenModal({ proposal, onClose }: { proposal: ProposalSummary | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const qc = useQueryClient();
  const screen = useMutation({
    mutationFn: (v: { pass: boolean; reason?: string }) =>
      api.post(`/purchase/proposals/${proposal!.id}/screen`, { pass: v.pass, reason: v.reason ?? '' }),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: purchaseKeys.all });
      onClose();
    },
    onError: (e) => void message.error(errorMessage(e)),
  });
  return (
    <Modal
      open={!!proposal}
      title={`${t('purchase.screening.title')}：${proposal?.title ?? ''}`}
      onCancel={onClose}
      footer={null}
      destroyOnHidden
    >
      <Form
        layout="vertical"
        initialValues={{ pass: true }}
        onFinish={(v: { pass: boolean; reason?: string }) => screen.mutate(v)}
      >
        <Form.Item name="pass">
          <Radio.Group
            options={[
              { value: true, label: t('purchase.screening.pass') },
              { value: false, label: t('purchase.screening.fail') },
            ]}
          />
        </Form.Item>
        <Form.Item name="reason" label={t('purchase.screening.reason')}>
          <Input.TextArea rows={2} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={screen.isPending} data-testid="screen-submit">
          {t('common.save')}
        </Button>
      </Form>
    </Modal>
  );
}

function JuryCard({ d }: { d: RoundDetail }) {
  const { t } = useTranslation();
  const can = useCan();
  const { message } = AntApp.useApp();
  const qc = useQueryClient();
  const accounts = useJurorAccounts(d.can.setJurors);
  const [picked, setPicked] = useState<string[] | null>(null);
  const save = useMutation({
    mutationFn: () => putJson(`/api/purchase/rounds/${d.round.id}/jurors`, { userIds: picked ?? [] }),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: purchaseKeys.round(d.round.id) });
      setPicked(null);
    },
    onError: (e) => void message.error(errorMessage(e)),
  });
  return (
    <Card size="small" title={t('purchase.jury.title')}>
      {d.can.setJurors && can('purchase.manage') ? (
        <Space style={{ marginBottom: 12 }}>
          <Select
            mode="multiple"
            style={{ minWidth: 420 }}
            value={picked ?? d.jurors.map((j) => j.userId)}
            onChange={setPicked}
            options={(accounts.data?.items ?? []).map((a) => ({ value: a.id, label: a.name }))}
          />
          <Button onClick={() => save.mutate()} disabled={picked === null} loading={save.isPending}>
            {t('common.save')}
          </Button>
        </Space>
      ) : null}
      <Table
        rowKey="userId"
        size="small"
        pagination={false}
        dataSource={d.jurors}
        columns={[
          { title: t('purchase.jury.juror'), dataIndex: 'name' },
          { title: t('purchase.jury.progress'), render: (_: unknown, j) => `${j.submitted} / ${j.expected}` },
        ]}
      />
      <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
        {d.round.criteria.map((c) => `${c.name} ${c.weight}%`).join('，')}
        {d.round.dropHighLow ? `；${t('purchase.round.dropHighLow')}` : ''}；{t('purchase.round.tieRule')}
      </Typography.Paragraph>
    </Card>
  );
}

function ObjectionsCard({ d }: { d: RoundDetail }) {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const qc = useQueryClient();
  const [answering, setAnswering] = useState<Objection | null>(null);
  const refresh = () => void qc.invalidateQueries({ queryKey: purchaseKeys.all });
  const file = useMutation({
    mutationFn: (v: { content: string }) => api.post(`/purchase/rounds/${d.round.id}/objections`, v),
    onSuccess: refresh,
    onError: (e) => void message.error(errorMessage(e)),
  });
  const answer = useMutation({
    mutationFn: (v: { answer: string; upheld: boolean }) => api.post(`/purchase/objections/${answering!.id}/answer`, v),
    onSuccess: () => {
      refresh();
      setAnswering(null);
    },
    onError: (e) => void message.error(errorMessage(e)),
  });
  return (
    <Card
      size="small"
      title={`${t('purchase.notice.title')}${d.round.noticeEndsAt ? `（${shanghaiTime(d.round.noticeStartsAt)} – ${shanghaiTime(d.round.noticeEndsAt)}）` : ''}`}
    >
      {d.can.object ? (
        <Form layout="inline" onFinish={(v: { content: string }) => file.mutate(v)} style={{ marginBottom: 12 }}>
          <Form.Item name="content" rules={[{ required: true, min: 5 }]}>
            <Input style={{ width: 420 }} placeholder={t('purchase.notice.objectionPlaceholder')} />
          </Form.Item>
          <Button htmlType="submit" loading={file.isPending}>
            {t('purchase.notice.file')}
          </Button>
        </Form>
      ) : null}
      <Table
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={d.objections}
        columns={[
          { title: t('purchase.notice.filedBy'), dataIndex: 'filedByName' },
          {
            title: t('purchase.notice.content'),
            dataIndex: 'content',
            render: (v: string, o) => (o.proposalTitle ? `【${o.proposalTitle}】${v}` : v),
          },
          {
            title: t('purchase.notice.answer'),
            dataIndex: 'answer',
            render: (v: string | null, o) =>
              v ? (
                <Space>
                  <Tag color={o.upheld ? 'red' : 'default'}>
                    {o.upheld ? t('purchase.notice.upheld') : t('purchase.notice.dismissed')}
                  </Tag>
                  {v}
                </Space>
              ) : d.can.answerObjections ? (
                <Button size="small" onClick={() => setAnswering(o)}>
                  {t('purchase.notice.reply')}
                </Button>
              ) : (
                '—'
              ),
          },
        ]}
      />
      <Modal
        open={!!answering}
        title={t('purchase.notice.reply')}
        onCancel={() => setAnswering(null)}
        footer={null}
        destroyOnHidden
      >
        <Form
          layout="vertical"
          initialValues={{ upheld: false }}
          onFinish={(v: { answer: string; upheld: boolean }) => answer.mutate(v)}
        >
          <Form.Item name="answer" rules={[{ required: true }]}>
            <Input.TextArea rows={3} />
          </Form.Item>
          <Form.Item name="upheld" label={t('purchase.notice.upheld')} valuePropName="checked">
            <Switch />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={answer.isPending}>
            {t('common.save')}
          </Button>
        </Form>
      </Modal>
    </Card>
  );
}

/** One round: the agent runs it, organisations apply, jurors find their proposals, everyone sees the notice. */
export default function RoundPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const can = useCan();
  const { message } = AntApp.useApp();
  const qc = useQueryClient();
  const d = useRound(id);
  const proposals = useProposals(id);
  const contracts = useContracts(id);
  const org = useMyOrg(can('purchase.propose'));
  const [proposing, setProposing] = useState(false);
  const [screening, setScreening] = useState<ProposalSummary | null>(null);
  const action = useMutation({
    mutationFn: (path: string) => api.post<RoundDetail>(`/purchase/rounds/${id}/${path}`),
    onSuccess: () => void qc.invalidateQueries({ queryKey: purchaseKeys.all }),
    onError: (e) => void message.error(errorMessage(e)),
  });
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
          <RoundStatusTag status={r.status} />
        </Space>
        <Space wrap>
          {d.data.can.publish ? (
            <Button type="primary" onClick={() => action.mutate('publish')}>
              {t('purchase.round.publish')}
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
                  column={2}
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
                    { key: 'scope', label: t('purchase.round.scope'), children: r.scope, span: 2 },
                    { key: 'elig', label: t('purchase.round.eligibility'), children: r.eligibility, span: 2 },
                    {
                      key: 'rules',
                      label: t('purchase.round.rules'),
                      span: 2,
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
      <ScreenModal proposal={screening} onClose={() => setScreening(null)} />
    </Space>
  );
}
