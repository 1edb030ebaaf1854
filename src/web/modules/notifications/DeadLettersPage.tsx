import { App as AntApp, Button, Card, Popconfirm, Space, Table, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../lib/api';
import { timeOf } from './NotificationBell';
import { useDeadJobs, useJobAction, type DeadJob } from './notifications.api';

/** 投递失败任务: jobs out of attempts, for an administrator to retry (after fixing the receiver) or discard. */
export default function DeadLettersPage() {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const dead = useDeadJobs();
  const act = useJobAction();
  const run = (id: number, action: 'retry' | 'discard') =>
    act.mutate(
      { id, action },
      {
        onSuccess: () => void message.success(t(`notifications.dead.${action}Done`)),
        onError: (e) => void message.error(errorMessage(e)),
      },
    );
  return (
    <Card
      title={t('notifications.dead.title')}
      extra={
        <Space wrap>
          {(dead.data?.queues ?? []).map((q) => (
            <Tag key={`${q.queue}-${q.status}`}>
              {q.queue} · {q.status}: {q.n}
            </Tag>
          ))}
        </Space>
      }
    >
      <Table<DeadJob>
        rowKey="id"
        size="small"
        loading={dead.isLoading}
        scroll={{ x: true }}
        dataSource={dead.data?.items ?? []}
        locale={{ emptyText: t('notifications.dead.empty') }}
        columns={[
          { title: 'ID', dataIndex: 'id' },
          { title: t('notifications.dead.queue'), dataIndex: 'queue' },
          {
            title: t('notifications.dead.channel'),
            dataIndex: 'channel',
            render: (c: DeadJob['channel']) => (c ? t(`notifications.channels.${c}`) : '—'),
          },
          { title: t('notifications.dead.recipient'), dataIndex: 'recipient', render: (r: string | null) => r ?? '—' },
          { title: t('notifications.dead.topic'), dataIndex: 'topic', render: (r: string | null) => r ?? '—' },
          { title: t('notifications.dead.attempts'), dataIndex: 'attempts' },
          { title: t('notifications.dead.error'), dataIndex: 'lastError', ellipsis: true },
          { title: t('notifications.dead.at'), dataIndex: 'updatedAt', render: (v: string) => timeOf(v) },
          {
            title: '',
            key: 'actions',
            render: (_, j) => (
              <Space>
                <Button size="small" onClick={() => run(j.id, 'retry')} data-testid="dead-retry">
                  {t('notifications.dead.retry')}
                </Button>
                <Popconfirm title={t('notifications.dead.discardConfirm')} onConfirm={() => run(j.id, 'discard')}>
                  <Button size="small" danger>
                    {t('notifications.dead.discard')}
                  </Button>
                </Popconfirm>
              </Space>
            ),
          },
        ]}
      />
    </Card>
  );
}
