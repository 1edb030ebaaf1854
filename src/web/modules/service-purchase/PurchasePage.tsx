import { useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App as AntApp,
  Button,
  Card,
  Col,
  DatePicker,
  Form,
  Input,
  InputNumber,
  Modal,
  Row,
  Select,
  Space,
  Switch,
  Table,
  Tabs,
  Tag,
  Typography,
  type TableColumnsType,
} from 'antd';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { api, errorMessage } from '../../lib/api';
import type { OrgUnit } from '../../lib/types';
import { useCan, useCurrentUser } from '../auth/useCurrentUser';
import { BuyerChart, FunnelChart } from './FunnelChart';
import {
  purchaseKeys,
  shanghaiTime,
  useContracts,
  useMyOrg,
  useNeeds,
  useRound,
  useRounds,
  yuan,
} from './purchase.api';
import type { ContractSummary, Need, Round, RoundDetail } from './types';

export function RoundStatusTag({ status }: { status: Round['status'] }) {
  const { t } = useTranslation();
  const color = {
    draft: 'default',
    open: 'processing',
    screening: 'cyan',
    scoring: 'purple',
    notice: 'orange',
    awarded: 'success',
  }[status];
  return (
    <Tag color={color} data-testid="round-status">
      {t(`purchase.status.${status}`)}
    </Tag>
  );
}

export function contractColumns(t: TFunction): TableColumnsType<ContractSummary> {
  return [
    {
      title: t('purchase.contract.no'),
      dataIndex: 'no',
      render: (v: string, r) => <Link to={`/purchase/contracts/${r.id}`}>{v}</Link>,
    },
    { title: t('purchase.proposal.title'), dataIndex: 'title' },
    { title: t('purchase.contract.buyer'), dataIndex: 'buyerName' },
    { title: t('purchase.proposal.org'), dataIndex: 'orgName' },
    { title: t('purchase.contract.amount'), dataIndex: 'amountCents', align: 'right', render: (v: number) => yuan(v) },
    {
      title: t('purchase.contract.released'),
      dataIndex: 'releasedCents',
      align: 'right',
      render: (v: number) => yuan(v),
    },
    { title: t('purchase.contract.activities'), dataIndex: 'activities', align: 'right' },
    { title: t('purchase.contract.beneficiaries'), dataIndex: 'beneficiaries', align: 'right' },
    {
      title: t('purchase.contract.status'),
      dataIndex: 'status',
      render: (v: ContractSummary['status'], r) => (
        <Space size={4}>
          <Tag>{t(`purchase.contractStatus.${v}`)}</Tag>
          {r.evaluationGrade ? <Tag color="green">{r.evaluationGrade}</Tag> : null}
        </Space>
      ),
    },
  ];
}

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

function NewRoundModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const [form] = Form.useForm<{
    title: string;
    scope: string;
    eligibility: string;
    budget: number;
    deadline: { toISOString(): string };
    places: number;
    dropHighLow: boolean;
    noticeDays: number;
  }>();
  const create = useMutation({
    mutationFn: (v: Parameters<typeof form.setFieldsValue>[0] & Record<string, unknown>) =>
      api.post<RoundDetail>('/purchase/rounds', {
        year: new Date().getFullYear(),
        title: v.title,
        scope: v.scope,
        eligibility: v.eligibility,
        budgetCents: Math.round(Number(v.budget) * 100),
        deadlineAt: (v.deadline as { toISOString(): string }).toISOString(),
        places: v.places,
        dropHighLow: v.dropHighLow,
        noticeDays: v.noticeDays,
      }),
    onSuccess: (d) => {
      void qc.invalidateQueries({ queryKey: purchaseKeys.rounds });
      onClose();
      void navigate(`/purchase/rounds/${d.round.id}`);
    },
    onError: (e) => void message.error(errorMessage(e)),
  });
  return (
    <Modal
      open={open}
      title={t('purchase.round.new')}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={create.isPending}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{ places: 60, dropHighLow: true, noticeDays: 5 }}
        onFinish={(v) => create.mutate(v)}
      >
        <Form.Item name="title" label={t('purchase.round.title')} rules={[{ required: true }]}>
          <Input data-testid="round-title" />
        </Form.Item>
        <Form.Item name="scope" label={t('purchase.round.scope')} rules={[{ required: true }]}>
          <Input.TextArea rows={2} />
        </Form.Item>
        <Form.Item name="eligibility" label={t('purchase.round.eligibility')} rules={[{ required: true }]}>
          <Input.TextArea rows={2} />
        </Form.Item>
        <Space wrap>
          <Form.Item name="budget" label={t('purchase.round.budgetYuan')} rules={[{ required: true }]}>
            <InputNumber min={1} />
          </Form.Item>
          <Form.Item name="deadline" label={t('purchase.round.deadline')} rules={[{ required: true }]}>
            <DatePicker showTime />
          </Form.Item>
          <Form.Item name="places" label={t('purchase.round.places')}>
            <InputNumber min={1} />
          </Form.Item>
          <Form.Item name="noticeDays" label={t('purchase.round.noticeDays')}>
            <InputNumber min={1} max={30} />
          </Form.Item>
          <Form.Item name="dropHighLow" label={t('purchase.round.dropHighLow')} valuePropName="checked">
            <Switch />
          </Form.Item>
        </Space>
        <Typography.Text type="secondary">{t('purchase.round.criteriaHint')}</Typography.Text>
      </Form>
    </Modal>
  );
}

function RegisterOrg() {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const qc = useQueryClient();
  const reg = useMutation({
    mutationFn: (v: { name: string; creditCode: string; legalRep: string; intro?: string }) =>
      api.post('/purchase/orgs', v),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: purchaseKeys.org });
      void message.success(t('common.saved'));
    },
    onError: (e) => void message.error(errorMessage(e)),
  });
  return (
    <Card title={t('purchase.org.register')} size="small">
      <Form layout="inline" onFinish={(v: { name: string; creditCode: string; legalRep: string }) => reg.mutate(v)}>
        <Form.Item name="name" label={t('purchase.org.name')} rules={[{ required: true }]}>
          <Input style={{ width: 260 }} />
        </Form.Item>
        <Form.Item name="creditCode" label={t('purchase.org.creditCode')} rules={[{ required: true }]}>
          <Input style={{ width: 200 }} />
        </Form.Item>
        <Form.Item name="legalRep" label={t('purchase.org.legalRep')} rules={[{ required: true }]}>
          <Input style={{ width: 120 }} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={reg.isPending}>
          {t('purchase.org.submit')}
        </Button>
      </Form>
    </Card>
  );
}

function NeedsTab() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const can = useCan();
  const { message } = AntApp.useApp();
  const qc = useQueryClient();
  const needs = useNeeds(true);
  const [open, setOpen] = useState(false);
  const communities = useNeedCommunities(open);
  const add = useMutation({
    mutationFn: (v: {
      communityId: string;
      title: string;
      description: string;
      category: string;
      residents?: number;
    }) => api.post('/purchase/needs', v),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: purchaseKeys.needs });
      setOpen(false);
    },
    onError: (e) => void message.error(errorMessage(e)),
  });
  const columns: TableColumnsType<Need> = [
    {
      title: t('purchase.need.community'),
      dataIndex: 'communityName',
      render: (v: string, r) => `${r.streetName} · ${v}`,
    },
    { title: t('purchase.need.title'), dataIndex: 'title' },
    { title: t('purchase.need.category'), dataIndex: 'category' },
    { title: t('purchase.need.residents'), dataIndex: 'residents', align: 'right' },
    { title: t('purchase.need.createdAt'), dataIndex: 'createdAt', render: (v: string) => shanghaiTime(v) },
  ];
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      {can('purchase.needs') ? (
        <Button type="primary" onClick={() => setOpen(true)} data-testid="need-add">
          {t('purchase.need.add')}
        </Button>
      ) : null}
      <Table
        rowKey="id"
        size="small"
        loading={needs.isPending}
        dataSource={needs.data?.items ?? []}
        columns={columns}
        pagination={{ pageSize: 20 }}
      />
      <Modal open={open} title={t('purchase.need.add')} onCancel={() => setOpen(false)} footer={null} destroyOnHidden>
        <Form
          layout="vertical"
          onFinish={(v: {
            communityId: string;
            title: string;
            description: string;
            category: string;
            residents?: number;
          }) => add.mutate(v)}
        >
          <Form.Item
            name="communityId"
            label={t('purchase.need.community')}
            rules={[{ required: true }]}
            initialValue={me.orgUnit.kind === 'community' ? me.orgUnit.id : undefined}
          >
            <Select
              showSearch
              optionFilterProp="label"
              options={communities.map((c) => ({ value: c.id, label: c.name }))}
            />
          </Form.Item>
          <Form.Item name="title" label={t('purchase.need.title')} rules={[{ required: true }]}>
            <Input />
          </Form.Item>
          <Form.Item name="description" label={t('purchase.need.description')} rules={[{ required: true }]}>
            <Input.TextArea rows={3} />
          </Form.Item>
          <Space>
            <Form.Item name="category" label={t('purchase.need.category')} rules={[{ required: true }]}>
              <Input />
            </Form.Item>
            <Form.Item name="residents" label={t('purchase.need.residents')}>
              <InputNumber min={0} />
            </Form.Item>
          </Space>
          <Button type="primary" htmlType="submit" loading={add.isPending}>
            {t('common.save')}
          </Button>
        </Form>
      </Modal>
    </Space>
  );
}

/** Communities the user may record needs for: their own, or the children of their street. */
function useNeedCommunities(enabled: boolean): { id: string; name: string }[] {
  const me = useCurrentUser();
  const [items, setItems] = useState<{ id: string; name: string }[] | null>(null);
  if (enabled && items === null) {
    if (me.orgUnit.kind === 'community' || me.orgUnit.kind === 'village')
      setItems([{ id: me.orgUnit.id, name: me.orgUnit.name }]);
    else
      void api
        .get<{ items: OrgUnit[] }>(`/org-units/${encodeURIComponent(me.orgUnit.id)}/children`)
        .then((r) => setItems(r.items.filter((u) => u.kind === 'community' || u.kind === 'village')));
  }
  return items ?? [];
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
      render: (v: Round['status']) => <RoundStatusTag status={v} />,
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
