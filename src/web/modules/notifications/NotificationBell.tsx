import { useCallback } from 'react';
import { App as AntApp, Badge, Button, Empty, List, Popover, Space, Tag, Typography } from 'antd';
import { BellOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { currentLang } from '../../i18n';
import { errorMessage } from '../../lib/api';
import {
  useMarkAllRead,
  useMarkRead,
  useNotifications,
  useNotificationStream,
  useUnreadCount,
  type NotificationItem,
} from './notifications.api';

export function timeOf(iso: string): string {
  const d = new Date(iso);
  return d.toLocaleString(currentLang() === 'en' ? 'en-GB' : 'zh-CN', {
    timeZone: 'Asia/Shanghai',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  });
}

/** The header's bell: unread count (live over SSE), the latest ten, mark read, and the way to the full list. */
export function NotificationBell() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { notification, message } = AntApp.useApp();
  const unread = useUnreadCount();
  const latest = useNotifications(false, 10);
  const markRead = useMarkRead();
  const markAll = useMarkAllRead();
  const lang = currentLang() === 'en' ? 'en' : 'zh';

  const onNew = useCallback(
    (n: NotificationItem) => {
      notification.info({ message: n.title, description: n.body, placement: 'topRight', duration: 6 });
    },
    [notification],
  );
  useNotificationStream(lang, onNew);

  const open = (n: NotificationItem) => {
    if (!n.readAt) markRead.mutate(n.id, { onError: (e) => void message.error(errorMessage(e)) });
    if (n.href) void navigate(n.href);
  };

  const items = latest.data?.items ?? [];
  const content = (
    <div style={{ width: 'min(360px, 86vw)' }} data-testid="notification-dropdown">
      <Space style={{ width: '100%', justifyContent: 'space-between', marginBottom: 8 }}>
        <Typography.Text strong>{t('notifications.title')}</Typography.Text>
        <Button
          size="small"
          type="link"
          disabled={!unread.data}
          onClick={() => markAll.mutate(undefined, { onError: (e) => void message.error(errorMessage(e)) })}
          data-testid="notification-mark-all"
        >
          {t('notifications.markAll')}
        </Button>
      </Space>
      {items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('notifications.empty')} />
      ) : (
        <List
          size="small"
          dataSource={items}
          style={{ maxHeight: 380, overflowY: 'auto' }}
          renderItem={(n) => (
            <List.Item
              key={n.id}
              data-testid="notification-item"
              data-topic={n.topic}
              data-href={n.href ?? ''}
              onClick={() => open(n)}
              style={{ cursor: 'pointer', background: n.readAt ? undefined : '#fff7e6', paddingInline: 8 }}
            >
              <List.Item.Meta
                title={
                  <Space size={4} wrap>
                    {n.urgent && <Tag color="red">{t('notifications.urgent')}</Tag>}
                    <span style={{ fontWeight: n.readAt ? 400 : 600 }}>{n.title}</span>
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
      )}
      <Space style={{ width: '100%', justifyContent: 'space-between', marginTop: 8 }}>
        <Button size="small" type="link" onClick={() => void navigate('/notifications')} data-testid="notification-all">
          {t('notifications.viewAll')}
        </Button>
        <Button size="small" type="link" onClick={() => void navigate('/notifications/settings')}>
          {t('notifications.settings')}
        </Button>
      </Space>
    </div>
  );

  return (
    <Popover content={content} trigger="click" placement="bottomRight" arrow={false}>
      <Button
        type="text"
        aria-label={t('notifications.title')}
        data-testid="notification-bell"
        style={{ color: 'inherit' }}
        icon={
          <Badge count={unread.data ?? 0} size="small" offset={[2, -2]} data-testid="notification-badge">
            <BellOutlined style={{ color: '#fff', fontSize: 18 }} />
          </Badge>
        }
      />
    </Popover>
  );
}
