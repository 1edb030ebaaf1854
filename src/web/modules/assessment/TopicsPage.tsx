import { useState } from 'react';
import {
  Alert,
  App,
  Button,
  DatePicker,
  Drawer,
  Form,
  Input,
  Modal,
  Select,
  Space,
  Table,
  Tag,
  Typography,
  type TableColumnsType,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../lib/api';
import { useCan } from '../auth/useCurrentUser';
import { useCreateTopic, useHotspots, useTopic, useTopics, useTopicStep } from './assessment.api';
import { TopicEffectChart } from './TopicEffectChart';
import { EditTopicModal } from './TopicEditModal';
import { TOPIC_ACTION_STATUSES, type Hotspot, type Topic, type TopicActionStatus } from './types';

const lastMonth = () => dayjs().subtract(1, 'month').format('YYYY-MM');
const pct = (v: number | null) => (v === null ? '—' : `${v > 0 ? '+' : ''}${Math.round(v * 1000) / 10}%`);

/** 每月一题: the month's recurring problems, picked as governance topics with pilots, actions and effect. */
export default function TopicsPage() {
  const { t } = useTranslation();
  const [month, setMonth] = useState(lastMonth());
  const hotspots = useHotspots(month);
  const topics = useTopics();
  const canManage = useCan()('topics.manage');
  const [picking, setPicking] = useState<Hotspot | null>(null);
  const [openId, setOpenId] = useState<string | null>(null);

  const columns: TableColumnsType<Hotspot> = [
    { title: '', dataIndex: 'kind', width: 96, render: (k: Hotspot['kind']) => <Tag>{t(`topics.kind.${k}`)}</Tag> },
    { title: t('topics.place'), dataIndex: 'label', ellipsis: true },
    { title: t('topics.category'), dataIndex: 'categoryName', width: 120, responsive: ['md'] },
    {
      title: t('topics.trend'),
      dataIndex: 'trend',
      width: 130,
      responsive: ['sm'],
      render: (v: number[]) => <Typography.Text code>{v.join('·')}</Typography.Text>,
    },
    { title: t('topics.total'), dataIndex: 'total', width: 70, align: 'right' },
    {
      key: 'act',
      width: 100,
      render: (_: unknown, r) =>
        r.topicId ? (
          <Button size="small" type="link" onClick={() => setOpenId(r.topicId)}>
            {t('topics.picked')}
          </Button>
        ) : canManage ? (
          <Button size="small" type="primary" onClick={() => setPicking(r)}>
            {t('topics.pick')}
          </Button>
        ) : null,
    },
  ];
  const topicColumns: TableColumnsType<Topic> = [
    { title: t('topics.topicTitle'), dataIndex: 'title', ellipsis: true },
    { title: t('topics.startMonth'), dataIndex: 'startMonth', width: 90 },
    {
      title: t('topics.pilots'),
      width: 90,
      align: 'right',
      responsive: ['sm'],
      render: (_: unknown, r) => r.pilotCompounds.length,
    },
    {
      title: '',
      dataIndex: 'status',
      width: 80,
      responsive: ['md'],
      render: (s: Topic['status']) => <Tag color={s === 'active' ? 'blue' : undefined}>{t(`topics.status.${s}`)}</Tag>,
    },
    {
      key: 'open',
      width: 70,
      render: (_: unknown, r) => (
        <Button size="small" type="link" onClick={() => setOpenId(r.id)}>
          {t('topics.open')}
        </Button>
      ),
    },
  ];
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }} data-testid="assessment-topics-page">
      <Space orientation="vertical" size={0}>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('topics.title')}
        </Typography.Title>
        <Typography.Text type="secondary">{t('topics.subtitle')}</Typography.Text>
      </Space>
      <Space wrap>
        <span>{t('topics.month')}</span>
        <DatePicker
          picker="month"
          allowClear={false}
          value={dayjs(`${month}-01`)}
          onChange={(d: Dayjs | null) => d && setMonth(d.format('YYYY-MM'))}
        />
      </Space>
      {hotspots.error && <Alert type="error" title={errorMessage(hotspots.error)} />}
      <Typography.Title level={5} style={{ margin: 0 }}>
        {t('topics.candidates')}
      </Typography.Title>
      <Table<Hotspot>
        rowKey={(r) => `${r.kind}|${r.key}`}
        size="small"
        loading={hotspots.isLoading}
        columns={columns}
        dataSource={hotspots.data?.items ?? []}
        locale={{ emptyText: t('topics.none') }}
        scroll={{ x: 'max-content' }}
        pagination={{ pageSize: 10, hideOnSinglePage: true }}
        data-testid="hotspot-table"
      />
      <Space orientation="vertical" size={0}>
        <Typography.Title level={5} style={{ margin: 0 }}>
          {t('topics.topics')}
        </Typography.Title>
        {topics.data && (
          <Typography.Text type="secondary" data-testid="topic-pilot-count">
            {t('topics.pilotCount', { topics: topics.data.items.length, compounds: topics.data.pilotCompoundCount })}
          </Typography.Text>
        )}
      </Space>
      <Table<Topic>
        rowKey="id"
        size="small"
        loading={topics.isLoading}
        columns={topicColumns}
        dataSource={topics.data?.items ?? []}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        data-testid="topic-table"
      />
      {picking && <PickModal hotspot={picking} month={month} onClose={() => setPicking(null)} onCreated={setOpenId} />}
      <TopicDrawer id={openId} onClose={() => setOpenId(null)} />
    </Space>
  );
}

function PickModal(p: { hotspot: Hotspot; month: string; onClose: () => void; onCreated: (id: string) => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const create = useCreateTopic();
  const [form] = Form.useForm<{ title: string; owners: string }>();
  const submit = async () => {
    const v = await form.validateFields();
    try {
      const res = await create.mutateAsync({
        title: v.title,
        description: p.hotspot.sampleTitles.join('；'),
        categoryId: p.hotspot.categoryId,
        sourceKind: p.hotspot.kind,
        sourceKey: p.hotspot.key,
        startMonth: dayjs(`${p.month}-01`).add(1, 'month').format('YYYY-MM'),
        pilotCompoundIds: p.hotspot.compoundIds,
        owners: v.owners
          .split(/[,，、]/)
          .map((s) => s.trim())
          .filter(Boolean),
      });
      p.onClose();
      p.onCreated(res.topic.id);
    } catch (e) {
      void message.error(errorMessage(e));
    }
  };
  return (
    <Modal open title={t('topics.pick')} okText={t('topics.create')} onOk={submit} onCancel={p.onClose}>
      <Form form={form} layout="vertical" initialValues={{ title: `${p.hotspot.label} · ${p.hotspot.categoryName}` }}>
        <Form.Item name="title" label={t('topics.topicTitle')} rules={[{ required: true, max: 100 }]}>
          <Input />
        </Form.Item>
        <Form.Item name="owners" label={t('topics.owners')} extra={t('topics.ownersHint')} rules={[{ required: true }]}>
          <Input />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function TopicDrawer({ id, onClose }: { id: string | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const detail = useTopic(id);
  const step = useTopicStep();
  const [form] = Form.useForm<{ title: string; owner: string; dueDate: Dayjs }>();
  const d = detail.data;
  const run = async (s: Parameters<typeof step.mutateAsync>[0]) => {
    try {
      await step.mutateAsync(s);
      return true;
    } catch (e) {
      void message.error(errorMessage(e));
      return false;
    }
  };
  const addAction = async () => {
    if (!d) return;
    const v = await form.validateFields();
    const ok = await run({
      path: `${d.topic.id}/actions`,
      method: 'post',
      body: { title: v.title, owner: v.owner, dueDate: v.dueDate.format('YYYY-MM-DD'), version: d.topic.version },
    });
    if (ok) form.resetFields();
  };
  const [editing, setEditing] = useState(false);
  const closeTopic = () => {
    if (!d) return;
    modal.confirm({
      title: t('topics.closeConfirm', { title: d.topic.title }),
      okText: t('topics.close'),
      okButtonProps: { ...{ 'data-testid': 'topic-close-ok' } },
      onOk: () => run({ path: d.topic.id, method: 'patch', body: { status: 'closed', version: d.topic.version } }),
    });
  };
  const e = d?.effect;
  return (
    <Drawer open={!!id} onClose={onClose} size="large" title={d?.topic.title ?? ''} data-testid="topic-drawer">
      {detail.error && <Alert type="error" title={errorMessage(detail.error)} />}
      {d && e && (
        <Space orientation="vertical" size={12} style={{ width: '100%' }}>
          <Typography.Text>
            {d.topic.categoryName} · {t('topics.startMonth')} {d.topic.startMonth} ·{' '}
            <Tag>{t(`topics.status.${d.topic.status}`)}</Tag>
          </Typography.Text>
          {d.topic.can.manage && d.topic.status === 'active' && (
            <Space wrap>
              <Button size="small" onClick={() => setEditing(true)} data-testid="topic-edit">
                {t('topics.edit')}
              </Button>
              <Button size="small" danger onClick={closeTopic} data-testid="topic-close">
                {t('topics.close')}
              </Button>
            </Space>
          )}
          {d.topic.description && (
            <Typography.Paragraph style={{ margin: 0 }}>{d.topic.description}</Typography.Paragraph>
          )}
          <Typography.Text>
            {t('topics.owners')}：{d.topic.owners.join('、')}
          </Typography.Text>
          <Typography.Text>
            {t('topics.pilots')}（{d.topic.pilotCompounds.length}）：
            {d.topic.pilotCompounds
              .slice(0, 12)
              .map((c) => c.name)
              .join('、')}
            {d.topic.pilotCompounds.length > 12 ? '…' : ''}
          </Typography.Text>
          <Typography.Title level={5} style={{ margin: 0 }}>
            {t('topics.effect')}
          </Typography.Title>
          <TopicEffectChart effect={e} startMonth={d.topic.startMonth} />
          <Typography.Text type="secondary" data-testid="topic-effect-note">
            {t('topics.effectNote', {
              n: e.monthsCompared,
              pilotBefore: e.pilot.before,
              pilotAfter: e.pilot.after,
              pilotChange: pct(e.pilot.change),
              othersBefore: e.others.before,
              othersAfter: e.others.after,
              othersChange: pct(e.others.change),
            })}
          </Typography.Text>
          <Typography.Title level={5} style={{ margin: 0 }}>
            {t('topics.actions')}
          </Typography.Title>
          <Table
            rowKey="id"
            size="small"
            pagination={false}
            dataSource={d.topic.actions}
            columns={[
              { title: t('topics.actionTitle'), dataIndex: 'title' },
              { title: t('topics.actionOwner'), dataIndex: 'owner', width: 110, responsive: ['sm'] },
              { title: t('topics.dueDate'), dataIndex: 'dueDate', width: 110 },
              {
                title: '',
                width: 120,
                render: (_: unknown, a: Topic['actions'][number]) =>
                  d.topic.can.manage ? (
                    <Select<TopicActionStatus>
                      size="small"
                      value={a.status}
                      style={{ width: 110 }}
                      options={TOPIC_ACTION_STATUSES.map((s) => ({ value: s, label: t(`topics.actionStatus.${s}`) }))}
                      onChange={(status) =>
                        void run({
                          path: `${d.topic.id}/actions/${a.id}`,
                          method: 'patch',
                          body: { status, version: a.version },
                        })
                      }
                    />
                  ) : (
                    <Tag>{t(`topics.actionStatus.${a.status}`)}</Tag>
                  ),
              },
            ]}
          />
          {d.topic.can.manage && d.topic.status === 'active' && (
            <Form form={form} layout="inline" style={{ rowGap: 8 }}>
              <Form.Item name="title" rules={[{ required: true, max: 200 }]}>
                <Input placeholder={t('topics.actionTitle')} style={{ width: 200 }} />
              </Form.Item>
              <Form.Item name="owner" rules={[{ required: true, max: 60 }]}>
                <Input placeholder={t('topics.actionOwner')} style={{ width: 120 }} />
              </Form.Item>
              <Form.Item name="dueDate" rules={[{ required: true }]}>
                <DatePicker placeholder={t('topics.dueDate')} />
              </Form.Item>
              <Button onClick={addAction} loading={step.isPending}>
                {t('topics.addAction')}
              </Button>
            </Form>
          )}
        </Space>
      )}
      {d && editing && (
        <EditTopicModal
          topic={d.topic}
          saving={step.isPending}
          onClose={() => setEditing(false)}
          onSave={async (body) => {
            if (await run({ path: d.topic.id, method: 'patch', body: { ...body, version: d.topic.version } }))
              setEditing(false);
          }}
        />
      )}
    </Drawer>
  );
}
