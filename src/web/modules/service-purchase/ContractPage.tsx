import {
  App as AntApp,
  Button,
  Card,
  DatePicker,
  Descriptions,
  Form,
  Input,
  InputNumber,
  Result,
  Select,
  Skeleton,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { errorMessage } from '../../lib/api';
import { shanghaiTime, useContract, useContractStep, useSignContract, yuan } from './purchase.api';
import type { ContractDetail, Milestone } from './types';

type Day = { format(f: string): string };
interface SignForm {
  period: [Day, Day];
  milestones: { title: string; dueOn: Day; yuan: number }[];
}

function SignForm({ c }: { c: ContractDetail }) {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const sign = useSignContract(c.id, { onError: (e) => void message.error(errorMessage(e)) });
  const send = (v: SignForm) =>
    sign.mutate({
      version: c.version,
      periodStart: v.period[0].format('YYYY-MM-DD'),
      periodEnd: v.period[1].format('YYYY-MM-DD'),
      milestones: v.milestones.map((m) => ({
        title: m.title,
        dueOn: m.dueOn.format('YYYY-MM-DD'),
        trancheCents: Math.round(Number(m.yuan) * 100),
      })),
    });
  return (
    <Card size="small" title={t('purchase.contract.sign')}>
      <Form
        layout="vertical"
        onFinish={send}
        initialValues={{ milestones: [{ title: '签约启动', yuan: c.amountCents / 100 }] }}
      >
        <Form.Item name="period" label={t('purchase.contract.period')} rules={[{ required: true }]}>
          <DatePicker.RangePicker />
        </Form.Item>
        <Form.List name="milestones">
          {(fields, { add }) => (
            <>
              {fields.map((f) => (
                <Space key={f.key}>
                  <Form.Item name={[f.name, 'title']} rules={[{ required: true }]}>
                    <Input placeholder={t('purchase.contract.milestone')} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'dueOn']} rules={[{ required: true }]}>
                    <DatePicker />
                  </Form.Item>
                  <Form.Item name={[f.name, 'yuan']} rules={[{ required: true }]}>
                    <InputNumber min={0} addonAfter="元" />
                  </Form.Item>
                </Space>
              ))}
              <Button size="small" onClick={() => add({ title: '', yuan: 0 })}>
                {t('common.add')}
              </Button>
            </>
          )}
        </Form.List>
        <Typography.Paragraph type="secondary">
          {t('purchase.contract.tranchesHint', { amount: yuan(c.amountCents) })}
        </Typography.Paragraph>
        <Button type="primary" htmlType="submit" loading={sign.isPending}>
          {t('purchase.contract.sign')}
        </Button>
      </Form>
    </Card>
  );
}

/** A contract: the street signs, reviews evidence (releasing tranches) and evaluates; the organisation records delivery. */
export default function ContractPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const { message } = AntApp.useApp();
  const q = useContract(id);
  const act = useContractStep(id, {
    onSuccess: () => void message.success(t('common.saved')),
    onError: (e) => void message.error(errorMessage(e)),
  });
  if (q.isPending) return <Skeleton active />;
  if (q.isError) return <Result status="warning" title={errorMessage(q.error)} />;
  const { contract: c, can } = q.data;
  const mCols = [
    { title: '#', dataIndex: 'seq', width: 40 },
    { title: t('purchase.contract.milestone'), dataIndex: 'title' },
    { title: t('purchase.contract.dueOn'), dataIndex: 'dueOn' },
    { title: t('purchase.contract.tranche'), dataIndex: 'trancheCents', render: (v: number) => yuan(v) },
    {
      title: t('purchase.contract.status'),
      dataIndex: 'status',
      render: (v: Milestone['status'], m: Milestone) => (
        <Space>
          <Tag color={v === 'accepted' ? 'green' : v === 'submitted' ? 'orange' : 'default'}>
            {t(`purchase.milestone.${v}`)}
          </Tag>
          {m.releasedAt ? `${t('purchase.contract.releasedAt')} ${shanghaiTime(m.releasedAt)}` : ''}
          {m.reviewNote ? ` · ${m.reviewNote}` : ''}
        </Space>
      ),
    },
    {
      title: t('common.actions'),
      render: (_: unknown, m: Milestone) =>
        can.deliver && m.status === 'pending' ? (
          <Button
            size="small"
            onClick={() =>
              act.mutate({
                path: `milestones/${m.id}/evidence`,
                body: { evidence: window.prompt(t('purchase.contract.evidencePrompt')) ?? '' },
              })
            }
          >
            {t('purchase.contract.submitEvidence')}
          </Button>
        ) : can.review && m.status === 'submitted' ? (
          <Space>
            <Typography.Text type="secondary">{m.evidence}</Typography.Text>
            <Button
              size="small"
              type="primary"
              onClick={() => act.mutate({ path: `milestones/${m.id}/review`, body: { accept: true, note: '' } })}
            >
              {t('purchase.contract.accept')}
            </Button>
            <Button
              size="small"
              onClick={() =>
                act.mutate({
                  path: `milestones/${m.id}/review`,
                  body: { accept: false, note: window.prompt(t('purchase.contract.rejectPrompt')) ?? '' },
                })
              }
            >
              {t('purchase.contract.reject')}
            </Button>
          </Space>
        ) : null,
    },
  ];
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }} data-testid="contract-page">
      <Space>
        <Link to={`/purchase/rounds/${c.roundId}`}>{t('app.back')}</Link>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {c.no} {c.title}
        </Typography.Title>
        <Tag>{t(`purchase.contractStatus.${c.status}`)}</Tag>
      </Space>
      <Descriptions
        size="small"
        bordered
        column={2}
        items={[
          { key: 'buyer', label: t('purchase.contract.buyer'), children: c.buyerName },
          { key: 'org', label: t('purchase.proposal.org'), children: c.orgName },
          { key: 'amount', label: t('purchase.contract.amount'), children: yuan(c.amountCents) },
          { key: 'released', label: t('purchase.contract.released'), children: yuan(c.releasedCents) },
          {
            key: 'period',
            label: t('purchase.contract.period'),
            children: c.periodStart ? `${c.periodStart} – ${c.periodEnd ?? ''}` : '—',
          },
          { key: 'signed', label: t('purchase.contract.signedAt'), children: shanghaiTime(c.signedAt) },
          {
            key: 'targets',
            label: t('purchase.proposal.targets'),
            children: c.targetCommunities.map((x) => x.name).join('、') || '—',
          },
          {
            key: 'eval',
            label: t('purchase.contract.evaluation'),
            children: c.evaluationGrade
              ? `${c.evaluationGrade}（${c.evaluationScore ?? ''}）${c.evaluationComment ?? ''}`
              : '—',
          },
        ]}
      />
      {can.sign ? <SignForm c={c} /> : null}
      <Card size="small" title={t('purchase.contract.milestones')}>
        <Table rowKey="id" size="small" pagination={false} dataSource={c.milestones} columns={mCols} />
      </Card>
      {can.evaluate ? (
        <Card size="small" title={t('purchase.contract.evaluate')}>
          <Form
            layout="inline"
            onFinish={(v: { score: number; comment: string }) => act.mutate({ path: 'evaluate', body: v })}
          >
            <Form.Item name="score" rules={[{ required: true }]}>
              <InputNumber min={0} max={100} />
            </Form.Item>
            <Form.Item name="comment" rules={[{ required: true }]}>
              <Input style={{ width: 360 }} />
            </Form.Item>
            <Button type="primary" htmlType="submit">
              {t('purchase.contract.evaluate')}
            </Button>
          </Form>
        </Card>
      ) : null}
      <Card
        size="small"
        title={`${t('purchase.contract.deliveries')}（${c.activities} · ${t('purchase.contract.beneficiaries')} ${c.beneficiaries}）`}
      >
        {can.deliver ? (
          <Form
            layout="inline"
            style={{ marginBottom: 12 }}
            onFinish={(v: { communityId: string; heldOn: Day; title: string; beneficiaries: number }) =>
              act.mutate({ path: 'deliveries', body: { ...v, heldOn: v.heldOn.format('YYYY-MM-DD') } })
            }
          >
            <Form.Item name="communityId" rules={[{ required: true }]}>
              <Select
                style={{ width: 160 }}
                placeholder={t('purchase.need.community')}
                options={c.targetCommunities.map((x) => ({ value: x.id, label: x.name }))}
              />
            </Form.Item>
            <Form.Item name="heldOn" rules={[{ required: true }]}>
              <DatePicker />
            </Form.Item>
            <Form.Item name="title" rules={[{ required: true }]}>
              <Input placeholder={t('purchase.contract.activity')} />
            </Form.Item>
            <Form.Item name="beneficiaries" rules={[{ required: true }]}>
              <InputNumber min={0} placeholder={t('purchase.contract.beneficiaries')} />
            </Form.Item>
            <Button htmlType="submit">{t('common.add')}</Button>
          </Form>
        ) : null}
        <Table
          rowKey="id"
          size="small"
          dataSource={c.deliveries}
          pagination={{ pageSize: 10 }}
          columns={[
            { title: t('purchase.contract.heldOn'), dataIndex: 'heldOn' },
            { title: t('purchase.need.community'), dataIndex: 'communityName' },
            { title: t('purchase.contract.activity'), dataIndex: 'title' },
            { title: t('purchase.contract.beneficiaries'), dataIndex: 'beneficiaries', align: 'right' },
          ]}
        />
      </Card>
    </Space>
  );
}
