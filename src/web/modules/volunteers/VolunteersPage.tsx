import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App as AntApp,
  Button,
  Card,
  Col,
  Form,
  Input,
  InputNumber,
  Modal,
  Row,
  Select,
  Space,
  Statistic,
  Table,
  Tabs,
  Tag,
  Typography,
} from 'antd';
import { DownloadOutlined, QrcodeOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { api, errorMessage } from '../../lib/api';
import { useCurrentUser } from '../auth/useCurrentUser';
import { HoursTrendChart } from './HoursTrendChart';
import type { Activity, CounterAccount, Item, LedgerEntry, MemberRow, Qr, ServiceRecord, Summary } from './types';
import { presenceProof, recentMonths } from './types';

const GRADE_COLOR = { excellent: 'green', good: 'blue', pass: 'gold', fail: 'red' } as const;

function Overview({ month }: { month: string }) {
  const { t } = useTranslation();
  const [by, setBy] = useState<'compound' | 'work_unit'>('compound');
  const q = useQuery({
    queryKey: ['volunteers', 'summary', month, by],
    queryFn: () => api.get<Summary>('/compound-reports/summary', { month, by }),
  });
  const s = q.data;
  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }}>
      {q.isError && <Alert type="error" showIcon title={errorMessage(q.error)} />}
      <Row gutter={[12, 12]} data-testid="volunteer-kpis">
        {s &&
          (
            [
              ['partyMembers', s.totals.partyMembers],
              ['riders', s.totals.riders],
              ['workUnits', s.totals.workUnits],
              ['teams', s.totals.teams],
              ['activitiesThisYear', s.totals.activitiesThisYear],
              ['avgHoursPerPartyMember', s.totals.avgHoursPerPartyMember],
            ] as const
          ).map(([k, v]) => (
            <Col key={k} xs={12} md={8} xl={4}>
              <Card size="small" data-testid={`kpi-${k}`}>
                <Statistic title={t(`volunteers.kpi.${k}`)} value={v} />
              </Card>
            </Col>
          ))}
      </Row>
      <Card size="small" title={t('volunteers.trendTitle')}>
        <HoursTrendChart trend={s?.trend ?? []} />
      </Card>
      <Card
        size="small"
        title={t('volunteers.groupsTitle')}
        extra={
          <Select
            value={by}
            onChange={setBy}
            style={{ width: 160 }}
            options={[
              { value: 'compound', label: t('volunteers.byCompound') },
              { value: 'work_unit', label: t('volunteers.byWorkUnit') },
            ]}
          />
        }
      >
        <Table
          rowKey="id"
          size="small"
          loading={q.isFetching}
          dataSource={s?.groups ?? []}
          pagination={{ pageSize: 10, showSizeChanger: false }}
          columns={[
            { title: t('volunteers.group'), dataIndex: 'name' },
            { title: t('volunteers.members'), dataIndex: 'members', align: 'right' },
            { title: t('volunteers.hours'), dataIndex: 'hours', align: 'right' },
            { title: t('volunteers.groupAvg'), dataIndex: 'avgHours', align: 'right' },
          ]}
        />
      </Card>
    </Space>
  );
}

function QrModal({ activity, onClose }: { activity: Activity; onClose: () => void }) {
  const { t } = useTranslation();
  const q = useQuery({
    queryKey: ['volunteers', 'qr', activity.id],
    queryFn: () => api.get<{ items: Qr[] }>(`/volunteer-activities/${activity.id}/qr`),
  });
  return (
    <Modal open title={`${t('volunteers.qrTitle')} · ${activity.title}`} onCancel={onClose} footer={null} width={640}>
      {q.isError && <Alert type="error" showIcon title={errorMessage(q.error)} />}
      <Row gutter={16}>
        {(q.data?.items ?? []).map((c) => (
          <Col span={12} key={c.phase} style={{ textAlign: 'center' }}>
            <Typography.Title level={5}>{t(`volunteers.phase.${c.phase}`)}</Typography.Title>
            <div
              style={{ width: 220, margin: '0 auto' }}
              dangerouslySetInnerHTML={{ __html: c.svg }}
              data-testid={`qr-${c.phase}`}
              data-url={c.url}
            />
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('volunteers.qrExpires', { at: new Date(c.expiresAt).toLocaleString() })}
            </Typography.Text>
          </Col>
        ))}
      </Row>
    </Modal>
  );
}

function Activities({ canManage }: { canManage: boolean }) {
  const { t } = useTranslation();
  const [qrFor, setQrFor] = useState<Activity | null>(null);
  const q = useQuery({
    queryKey: ['volunteers', 'activities'],
    queryFn: () => api.get<{ items: Activity[] }>('/volunteer-activities', { limit: 100 }),
  });
  return (
    <>
      {q.isError && <Alert type="error" showIcon title={errorMessage(q.error)} />}
      <Table<Activity>
        data-testid="activities-table"
        rowKey="id"
        size="small"
        loading={q.isFetching}
        dataSource={q.data?.items ?? []}
        pagination={{ pageSize: 20, showSizeChanger: false }}
        columns={[
          { title: t('volunteers.activity'), dataIndex: 'title' },
          {
            title: t('volunteers.kindLabel'),
            dataIndex: 'kind',
            width: 110,
            render: (k: Activity['kind']) => t(`volunteers.kinds.${k}`),
          },
          { title: t('volunteers.place'), dataIndex: 'orgUnitName' },
          {
            title: t('volunteers.startsAt'),
            dataIndex: 'startsAt',
            width: 170,
            render: (v: string) => new Date(v).toLocaleString(),
          },
          {
            title: t('volunteers.signups'),
            dataIndex: 'signups',
            width: 90,
            align: 'right',
            render: (v: number, r) => `${v} / ${r.capacity}`,
          },
          {
            title: t('volunteers.status'),
            dataIndex: 'status',
            width: 90,
            render: (s: Activity['status']) => (
              <Tag color={s === 'open' ? 'green' : 'default'}>{t(`volunteers.activityStatus.${s}`)}</Tag>
            ),
          },
          ...(canManage
            ? [
                {
                  title: '',
                  key: 'qr',
                  width: 110,
                  render: (_: unknown, r: Activity) => (
                    <Button
                      size="small"
                      icon={<QrcodeOutlined />}
                      data-testid="activity-qr"
                      data-activity={r.title}
                      onClick={() => setQrFor(r)}
                    >
                      {t('volunteers.qr')}
                    </Button>
                  ),
                },
              ]
            : []),
        ]}
      />
      {qrFor && <QrModal activity={qrFor} onClose={() => setQrFor(null)} />}
    </>
  );
}

function Pending({ canManage }: { canManage: boolean }) {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const qc = useQueryClient();
  const [hours, setHours] = useState<Record<string, number>>({});
  const q = useQuery({
    queryKey: ['volunteers', 'records', 'pending'],
    queryFn: () => api.get<{ items: ServiceRecord[] }>('/service-records', { status: 'pending', limit: 200 }),
  });
  const decide = useMutation({
    mutationFn: (v: { id: string; approve: boolean; hours?: number }) =>
      api.post<{ record: ServiceRecord }>(`/service-records/${v.id}/confirm`, { approve: v.approve, hours: v.hours }),
    onSuccess: (r) => {
      void message.success(
        r.record.status === 'confirmed'
          ? t('volunteers.confirmed', { points: r.record.points ?? 0 })
          : t('volunteers.rejected'),
      );
      void qc.invalidateQueries({ queryKey: ['volunteers'] });
    },
    onError: (e) => void message.error(errorMessage(e)),
  });
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <a href="/api/service-records.xlsx" download data-testid="records-export">
        <Button icon={<DownloadOutlined />}>{t('volunteers.exportRecords')}</Button>
      </a>
      {q.isError && <Alert type="error" showIcon title={errorMessage(q.error)} />}
      <Table<ServiceRecord>
        data-testid="pending-table"
        rowKey="id"
        size="small"
        loading={q.isFetching}
        dataSource={q.data?.items ?? []}
        pagination={{ pageSize: 20, showSizeChanger: false }}
        columns={[
          { title: t('volunteers.person'), dataIndex: 'personName', width: 100 },
          { title: t('volunteers.content'), dataIndex: 'title' },
          { title: t('volunteers.place'), dataIndex: 'orgUnitName' },
          { title: t('volunteers.servedOn'), dataIndex: 'servedOn', width: 110 },
          {
            title: t('volunteers.hours'),
            dataIndex: 'hours',
            width: 120,
            render: (v: number, r) =>
              canManage ? (
                <InputNumber
                  size="small"
                  min={0.5}
                  max={24}
                  step={0.25}
                  value={hours[r.id] ?? v}
                  onChange={(x) => setHours((h) => ({ ...h, [r.id]: x ?? v }))}
                  data-testid="record-hours"
                />
              ) : (
                v
              ),
          },
          ...(canManage
            ? [
                {
                  title: '',
                  key: 'act',
                  width: 160,
                  render: (_: unknown, r: ServiceRecord) => (
                    <Space>
                      <Button
                        size="small"
                        type="primary"
                        data-testid="record-confirm"
                        data-person={r.personName}
                        loading={decide.isPending}
                        onClick={() => decide.mutate({ id: r.id, approve: true, hours: hours[r.id] ?? r.hours })}
                      >
                        {t('volunteers.confirm')}
                      </Button>
                      <Button size="small" danger onClick={() => decide.mutate({ id: r.id, approve: false })}>
                        {t('volunteers.reject')}
                      </Button>
                    </Space>
                  ),
                },
              ]
            : []),
        ]}
      />
    </Space>
  );
}

/** The counter: the resident shows a presence code (or its QR) or their points card; no debit by a bare person id. */
function Redeem() {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const qc = useQueryClient();
  const [stationId, setStationId] = useState<string | undefined>();
  const [proof, setProof] = useState('');
  const [form] = Form.useForm<{ itemId: string; quantity: number }>();
  const items = useQuery({
    queryKey: ['volunteers', 'items'],
    queryFn: () => api.get<{ items: Item[] }>('/love-supermarket/items'),
  });
  const stations = [...new Map((items.data?.items ?? []).map((i) => [i.stationId, i.stationName])).entries()];
  // a lookup is a POST (the code is a secret, and a wrong one counts against this login): never refetched by itself
  const account = useMutation({
    mutationFn: (v: { stationId: string; proof: string }) =>
      api.post<CounterAccount>('/points/counter/lookup', { stationId: v.stationId, ...presenceProof(v.proof) }),
  });
  const redeem = useMutation({
    mutationFn: (v: { itemId: string; quantity: number }) =>
      api.post<{ balance: number; spent: number }>('/points/redemptions', { ...presenceProof(proof), ...v }),
    onSuccess: (r) => {
      void message.success(t('volunteers.redeemed', { spent: r.spent, balance: r.balance }));
      if (account.data?.via === 'code') {
        void message.info(t('volunteers.presenceUsed'));
        setProof('');
        account.reset();
      }
      void qc.invalidateQueries({ queryKey: ['volunteers'] });
    },
    onError: (e) => void message.error(errorMessage(e)),
  });
  return (
    <Card size="small" title={t('volunteers.redeemTitle')} data-testid="redeem-card">
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Space wrap>
          <Select
            style={{ width: 280 }}
            placeholder={t('volunteers.counterStation')}
            value={stationId}
            onChange={(v: string) => {
              setStationId(v);
              setProof('');
              account.reset();
              form.resetFields(['itemId']);
            }}
            options={stations.map(([value, label]) => ({ value, label }))}
            data-testid="redeem-station"
          />
          <Input.Search
            placeholder={t('volunteers.personIdPlaceholder')}
            enterButton={t('volunteers.lookup')}
            style={{ width: 440 }}
            data-testid="redeem-person"
            autoComplete="off"
            onSearch={(v) => {
              if (!stationId) return void message.warning(t('volunteers.counterStationRequired'));
              setProof(v.trim());
              if (v.trim()) account.mutate({ stationId, proof: v.trim() });
            }}
          />
        </Space>
        {account.isError && <Alert type="error" showIcon title={errorMessage(account.error)} />}
        {account.data && proof && (
          <Typography.Text data-testid="redeem-balance">
            {t('volunteers.balanceOf', { name: account.data.personName, balance: account.data.balance })} ·{' '}
            {t(`volunteers.via.${account.data.via}`)}
          </Typography.Text>
        )}
        <Form
          form={form}
          layout="inline"
          initialValues={{ quantity: 1 }}
          onFinish={(v) => redeem.mutate(v)}
          disabled={!account.data || !proof}
        >
          <Form.Item name="itemId" rules={[{ required: true, message: t('volunteers.itemRequired') }]}>
            <Select
              style={{ width: 320 }}
              showSearch={{ optionFilterProp: 'label' }}
              placeholder={t('volunteers.item')}
              data-testid="redeem-item"
              options={(items.data?.items ?? [])
                .filter((i) => i.stationId === stationId)
                .map((i) => ({
                  value: i.id,
                  label: `${i.name}（${i.pointsCost} ${t('volunteers.pointsUnit')}，${t('volunteers.stock')} ${i.stock}）`,
                }))}
            />
          </Form.Item>
          <Form.Item name="quantity">
            <InputNumber min={1} max={50} />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={redeem.isPending} data-testid="redeem-submit">
            {t('volunteers.redeem')}
          </Button>
        </Form>
      </Space>
    </Card>
  );
}

function Ledger({ canRedeem }: { canRedeem: boolean }) {
  const { t } = useTranslation();
  const q = useQuery({
    queryKey: ['volunteers', 'ledger'],
    queryFn: () => api.get<{ items: LedgerEntry[] }>('/points/ledger', { limit: 200 }),
  });
  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }}>
      {canRedeem && <Redeem />}
      <a href="/api/points/ledger.xlsx" download data-testid="ledger-export">
        <Button icon={<DownloadOutlined />}>{t('volunteers.exportLedger')}</Button>
      </a>
      {q.isError && <Alert type="error" showIcon title={errorMessage(q.error)} />}
      <Table<LedgerEntry>
        data-testid="ledger-table"
        rowKey="id"
        size="small"
        loading={q.isFetching}
        dataSource={q.data?.items ?? []}
        pagination={{ pageSize: 20, showSizeChanger: false }}
        columns={[
          {
            title: t('volunteers.time'),
            dataIndex: 'createdAt',
            width: 170,
            render: (v: string) => new Date(v).toLocaleString(),
          },
          { title: t('volunteers.person'), dataIndex: 'personName', width: 100 },
          {
            title: t('volunteers.delta'),
            dataIndex: 'delta',
            width: 90,
            align: 'right',
            render: (v: number) => (
              <Typography.Text type={v < 0 ? 'danger' : 'success'}>{v > 0 ? `+${v}` : v}</Typography.Text>
            ),
          },
          { title: t('volunteers.balance'), dataIndex: 'balanceAfter', width: 90, align: 'right' },
          { title: t('volunteers.station'), dataIndex: 'stationName', render: (v: string | null) => v ?? '—' },
          { title: t('volunteers.note'), dataIndex: 'note' },
        ]}
      />
    </Space>
  );
}

interface Team {
  id: string;
  name: string;
  kind: string;
  orgUnitName: string;
  memberCount: number;
}
interface AssessmentConfig {
  year: number;
  items: { key: string; label: string; pointsPerUnit: number; max: number }[];
  grades: { excellent: number; good: number; pass: number };
  version: number;
}

function Teams() {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const r = useQuery({
    queryKey: ['volunteers', 'teams', q],
    queryFn: () => api.get<{ items: Team[]; total: number }>('/volunteer-teams', { q, limit: 200 }),
  });
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Space>
        <Input.Search
          allowClear
          placeholder={t('volunteers.teamSearch')}
          onSearch={(v) => setQ(v.trim())}
          style={{ width: 280 }}
        />
        <Typography.Text type="secondary" data-testid="teams-total">
          {t('volunteers.teamsTotal', { count: r.data?.total ?? 0 })}
        </Typography.Text>
      </Space>
      {r.isError && <Alert type="error" showIcon title={errorMessage(r.error)} />}
      <Table<Team>
        rowKey="id"
        size="small"
        loading={r.isFetching}
        dataSource={r.data?.items ?? []}
        pagination={{ pageSize: 20, showSizeChanger: false }}
        columns={[
          { title: t('volunteers.teamName'), dataIndex: 'name' },
          {
            title: t('volunteers.kindLabel'),
            dataIndex: 'kind',
            width: 120,
            render: (k: string) => t(`volunteers.teamKinds.${k as 'general'}`),
          },
          { title: t('volunteers.place'), dataIndex: 'orgUnitName' },
          { title: t('volunteers.teamMembers'), dataIndex: 'memberCount', width: 100, align: 'right' },
        ]}
      />
    </Space>
  );
}

function AssessmentRules() {
  const { t } = useTranslation();
  const r = useQuery({
    queryKey: ['volunteers', 'assessment-config'],
    queryFn: () => api.get<AssessmentConfig>('/assessment-config'),
  });
  const c = r.data;
  return (
    <Card size="small" title={t('volunteers.rulesTitle', { year: c?.year ?? '' })}>
      {r.isError && <Alert type="error" showIcon title={errorMessage(r.error)} />}
      <Table
        rowKey="key"
        size="small"
        pagination={false}
        dataSource={c?.items ?? []}
        columns={[
          { title: t('volunteers.ruleItem'), dataIndex: 'label' },
          { title: t('volunteers.rulePoints'), dataIndex: 'pointsPerUnit', align: 'right' },
          { title: t('volunteers.ruleMax'), dataIndex: 'max', align: 'right' },
        ]}
      />
      {c && <Typography.Text type="secondary">{t('volunteers.ruleGrades', c.grades)}</Typography.Text>}
    </Card>
  );
}

function Members({ month }: { month: string }) {
  const { t } = useTranslation();
  const q = useQuery({
    queryKey: ['volunteers', 'members', month],
    queryFn: () => api.get<{ items: MemberRow[] }>('/compound-reports/members', { month, limit: 1000 }),
  });
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <AssessmentRules />
      <a href={`/api/compound-reports/members.xlsx?month=${month}`} download data-testid="members-export">
        <Button icon={<DownloadOutlined />}>{t('volunteers.exportMembers')}</Button>
      </a>
      {q.isError && <Alert type="error" showIcon title={errorMessage(q.error)} />}
      <Table<MemberRow>
        data-testid="members-table"
        rowKey="personId"
        size="small"
        loading={q.isFetching}
        dataSource={q.data?.items ?? []}
        pagination={{ pageSize: 20, showSizeChanger: false }}
        columns={[
          { title: t('volunteers.person'), dataIndex: 'name', width: 100 },
          {
            title: t('volunteers.kindLabel'),
            dataIndex: 'kind',
            width: 110,
            render: (k: MemberRow['kind']) => t(`volunteers.reportKinds.${k}`),
          },
          { title: t('volunteers.compound'), dataIndex: 'compoundName' },
          { title: t('volunteers.workUnit'), dataIndex: 'workUnitName', render: (v: string | null) => v ?? '—' },
          { title: t('volunteers.hours'), dataIndex: 'hours', align: 'right', sorter: (a, b) => a.hours - b.hours },
          { title: t('volunteers.tasksDone'), dataIndex: 'tasksDone', align: 'right' },
          { title: t('volunteers.workOrders'), dataIndex: 'workOrders', align: 'right' },
          { title: t('volunteers.score'), dataIndex: 'score', align: 'right', sorter: (a, b) => a.score - b.score },
          {
            title: t('volunteers.grade'),
            dataIndex: 'grade',
            width: 90,
            render: (g: MemberRow['grade']) => <Tag color={GRADE_COLOR[g]}>{t(`volunteers.grades.${g}`)}</Tag>,
          },
        ]}
      />
    </Space>
  );
}

/** 志愿服务与双报到: overview with the hours trend, activities and their QR codes, hours to confirm, the points ledger and love-supermarket counter, members' assessment. */
export default function VolunteersPage() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const [params, setParams] = useSearchParams();
  const months = recentMonths();
  const [month, setMonth] = useState(months[1]!);
  const tab = params.get('tab') ?? 'overview';
  const canManage = me.abilities.includes('volunteers.manage');
  const canRedeem = me.abilities.includes('points.redeem');
  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }} data-testid="volunteers-page">
      <Space style={{ justifyContent: 'space-between', width: '100%' }}>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('volunteers.title')}
        </Typography.Title>
        <Select
          value={month}
          onChange={setMonth}
          style={{ width: 140 }}
          options={months.map((m) => ({ value: m, label: m }))}
          data-testid="volunteers-month"
        />
      </Space>
      <Tabs
        activeKey={tab}
        onChange={(k) => setParams({ tab: k })}
        items={[
          { key: 'overview', label: t('volunteers.tabs.overview'), children: <Overview month={month} /> },
          { key: 'teams', label: t('volunteers.tabs.teams'), children: <Teams /> },
          { key: 'activities', label: t('volunteers.tabs.activities'), children: <Activities canManage={canManage} /> },
          { key: 'pending', label: t('volunteers.tabs.pending'), children: <Pending canManage={canManage} /> },
          { key: 'ledger', label: t('volunteers.tabs.ledger'), children: <Ledger canRedeem={canRedeem} /> },
          { key: 'members', label: t('volunteers.tabs.members'), children: <Members month={month} /> },
        ]}
      />
    </Space>
  );
}
