import { useState } from 'react';
import { App as AntApp, Button, Card, List, Segmented, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { errorMessage } from '../../lib/api';
import { useCan } from '../auth/useCurrentUser';
import { timeOf } from './NotificationBell';
import { useMarkAllRead, useMarkRead, useNotifications } from './notifications.api';

/** 我的消息: every notification of the signed-in person, newest first, with mark read and the deep link. */
export default function NotificationsPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const can = useCan();
  const { message } = AntApp.useApp();
  const [unreadOnly, setUnreadOnly] = useState(false);
  const list = useNotifications(unreadOnly, 100);
  const markRead = useMarkRead();
  const markAll = useMarkAllRead();
  const onError = (e: unknown) => void message.error(errorMessage(e));

  return (
    <Card
      title={t('notifications.title')}
      extra={
        <Space wrap>
          <Button onClick={() => void navigate('/notifications/settings')}>{t('notifications.settings')}</Button>
          {can('notifications.admin') && (
            <Button onClick={() => void navigate('/notifications/dead-letters')}>
              {t('notifications.dead.title')}
            </Button>
          )}
        </Space>
      }
    >
      <Space style={{ marginBottom: 12 }} wrap>
        <Segmented
          value={unreadOnly ? 'unread' : 'all'}
          onChange={(v) => setUnreadOnly(v === 'unread')}
          options={[
            { value: 'all', label: t('notifications.all') },
            { value: 'unread', label: `${t('notifications.unread')} (${list.data?.unread ?? 0})` },
          ]}
        />
        <Button onClick={() => markAll.mutate(undefined, { onError })} disabled={!list.data?.unread}>
          {t('notifications.markAll')}
        </Button>
      </Space>
      <List
        loading={list.isLoading}
        dataSource={list.data?.items ?? []}
        locale={{ emptyText: t('notifications.empty') }}
        renderItem={(n) => (
          <List.Item
            data-testid="notification-row"
            actions={[
              ...(n.href
                ? [
                    <Button
                      key="open"
                      type="link"
                      onClick={() => {
                        if (!n.readAt) markRead.mutate(n.id, { onError });
                        void navigate(n.href!);
                      }}
                    >
                      {t('notifications.open')}
                    </Button>,
                  ]
                : []),
              ...(n.readAt
                ? []
                : [
                    <Button key="read" type="link" onClick={() => markRead.mutate(n.id, { onError })}>
                      {t('notifications.markRead')}
                    </Button>,
                  ]),
            ]}
          >
            <List.Item.Meta
              title={
                <Space size={4} wrap>
                  {n.urgent && <Tag color="red">{t('notifications.urgent')}</Tag>}
                  {!n.readAt && <Tag color="orange">{t('notifications.unread')}</Tag>}
                  <span>{n.title}</span>
                </Space>
              }
              description={
                <>
                  <div>{n.body}</div>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {timeOf(n.createdAt)}
                  </Typography.Text>
                </>
              }
            />
          </List.Item>
        )}
      />
    </Card>
  );
}
