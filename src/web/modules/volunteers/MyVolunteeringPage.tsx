import {
  Alert,
  App as AntApp,
  Button,
  Card,
  Col,
  InputNumber,
  List,
  Row,
  Space,
  Statistic,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../lib/api';
import {
  type MyAction,
  type Task,
  useMyAction,
  useMyOpenActivities,
  useMyTasks,
  useMyVolunteering,
} from './volunteers.api';
import { formatDateTime } from '../../lib/time';
import { PresenceCard } from './PresenceCard';

/** The volunteer's own page: points card, this month's hours, activities to join, tasks and work orders to claim. */
export default function MyVolunteeringPage() {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const [hours, setHours] = useState<Record<string, number>>({});
  const mine = useMyVolunteering();
  const acts = useMyOpenActivities();
  const tasks = useMyTasks();
  const act = useMyAction();
  const run = (a: MyAction) =>
    act.mutate(a, {
      onSuccess: () => void message.success(t('volunteers.saved')),
      onError: (e) => void message.error(errorMessage(e)),
    });
  const m = mine.data;
  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }} data-testid="my-volunteering-page">
      <Typography.Title level={4} style={{ margin: 0 }}>
        {t('volunteers.myTitle')}
      </Typography.Title>
      {mine.isError && <Alert type="error" showIcon title={errorMessage(mine.error)} />}
      {m && (
        <Row gutter={[12, 12]}>
          <Col xs={12} md={6}>
            <Card size="small">
              <Statistic title={t('volunteers.balance')} value={m.balance} data-testid="my-balance" />
            </Card>
          </Col>
          <Col xs={12} md={6}>
            <Card size="small">
              <Statistic title={t('volunteers.earnedTotal')} value={m.earnedTotal} />
            </Card>
          </Col>
          <Col xs={12} md={6}>
            <Card size="small">
              <Statistic title={t('volunteers.hoursThisMonth')} value={m.hoursThisMonth} />
            </Card>
          </Col>
          <Col xs={12} md={6}>
            <Card size="small">
              <Typography.Text type="secondary">{t('volunteers.cardNo')}</Typography.Text>
              <div data-testid="my-card-no">
                {m.cardLast4 ? t('volunteers.cardLast4', { last4: m.cardLast4 }) : t('volunteers.noCard')}
              </div>
              {m.report && (
                <Tag color="red">
                  {t(`volunteers.reportKinds.${m.report.kind}`)} · {m.report.compoundName}
                </Tag>
              )}
            </Card>
          </Col>
        </Row>
      )}
      {m && <PresenceCard />}
      <Card size="small" title={t('volunteers.openActivities')}>
        <List
          dataSource={acts.data ?? []}
          locale={{ emptyText: t('volunteers.none') }}
          renderItem={(a) => (
            <List.Item
              actions={[
                a.mySignup ? (
                  <Tag key="s">{t(`volunteers.signupStatus.${a.mySignup}`)}</Tag>
                ) : (
                  <Button key="b" size="small" onClick={() => run({ kind: 'signUp', activityId: a.id })}>
                    {t('volunteers.signUp')}
                  </Button>
                ),
              ]}
            >
              <List.Item.Meta title={a.title} description={`${a.orgUnitName} · ${formatDateTime(a.startsAt)}`} />
            </List.Item>
          )}
        />
      </Card>
      <Card size="small" title={t('volunteers.myTasks')}>
        <Table<Task>
          rowKey="id"
          size="small"
          scroll={{ x: 'max-content' }}
          pagination={false}
          dataSource={tasks.data?.tasks ?? []}
          columns={[
            { title: t('volunteers.content'), dataIndex: 'title' },
            { title: t('volunteers.compound'), dataIndex: 'compoundName' },
            {
              title: t('volunteers.status'),
              dataIndex: 'status',
              render: (s: Task['status']) => t(`volunteers.taskStatus.${s}`),
            },
            {
              title: '',
              key: 'a',
              width: 220,
              render: (_: unknown, r: Task) =>
                r.status === 'open' ? (
                  <Button size="small" onClick={() => run({ kind: 'claimTask', taskId: r.id })}>
                    {t('volunteers.claim')}
                  </Button>
                ) : r.status === 'claimed' ? (
                  <Space>
                    <InputNumber
                      size="small"
                      min={0.5}
                      max={24}
                      step={0.5}
                      value={hours[r.id] ?? 1}
                      onChange={(v) => setHours((h) => ({ ...h, [r.id]: v ?? 1 }))}
                    />
                    <Button
                      size="small"
                      type="primary"
                      onClick={() => run({ kind: 'completeTask', taskId: r.id, hours: hours[r.id] ?? 1 })}
                    >
                      {t('volunteers.complete')}
                    </Button>
                  </Space>
                ) : null,
            },
          ]}
        />
      </Card>
      <Card size="small" title={t('volunteers.claimableOrders')}>
        <List
          dataSource={tasks.data?.orders ?? []}
          locale={{ emptyText: t('volunteers.none') }}
          renderItem={(o) => (
            <List.Item
              actions={[
                o.claimed ? (
                  <Tag key="c">{t('volunteers.claimed')}</Tag>
                ) : (
                  <Button key="b" size="small" onClick={() => run({ kind: 'claimOrder', orderId: o.id })}>
                    {t('volunteers.claimOrder')}
                  </Button>
                ),
              ]}
            >
              <List.Item.Meta title={`${o.no} ${o.title}`} description={o.compoundName} />
            </List.Item>
          )}
        />
      </Card>
      <Card size="small" title={t('volunteers.tabs.ledger')}>
        <Table
          rowKey="id"
          size="small"
          scroll={{ x: 'max-content' }}
          pagination={{ pageSize: 10 }}
          dataSource={m?.ledger ?? []}
          data-testid="my-ledger"
          columns={[
            {
              title: t('volunteers.time'),
              dataIndex: 'createdAt',
              render: (v: string) => formatDateTime(v),
            },
            { title: t('volunteers.delta'), dataIndex: 'delta', render: (v: number) => (v > 0 ? `+${v}` : v) },
            { title: t('volunteers.balance'), dataIndex: 'balanceAfter' },
            { title: t('volunteers.note'), dataIndex: 'note' },
          ]}
        />
      </Card>
    </Space>
  );
}
