import { useCallback } from 'react';
import { Alert, App as AntApp, Badge, Button, Card, Empty, Spin, Tag, Typography } from 'antd';
import { BellOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { currentLang } from '../../i18n';
import { errorMessage } from '../../lib/api';
import { timeOf } from '../notifications/NotificationBell';
import {
  useMarkAllRead,
  useMarkRead,
  useNotifications,
  useNotificationStream,
  useUnreadCount,
  type NotificationItem,
} from '../notifications/notifications.api';

/** A notification's page on the phone: an order opens in /m/, an activity in /m/activities, the rest in the back office. */
export function mobileHref(href: string | null): string | null {
  if (!href) return null;
  const order = /^\/orders\/([^/]+)$/.exec(href);
  if (order) return `/m/orders/${order[1]}`;
  if (href === '/orders') return '/m/';
  if (href === '/volunteers') return '/m/activities';
  return href;
}

/** The header's bell on the phone: the unread count, live over the SSE stream (a toast for each new one). */
export function MobileBell() {
  const { t } = useTranslation();
  const { notification } = AntApp.useApp();
  const unread = useUnreadCount();
  const onNew = useCallback(
    (n: NotificationItem) =>
      notification.info({ message: n.title, description: n.body, placement: 'top', duration: 5 }),
    [notification],
  );
  useNotificationStream(currentLang() === 'en' ? 'en' : 'zh', onNew);
  return (
    <Link
      to="/m/notifications"
      aria-label={t('notifications.title')}
      data-testid="m-bell"
      data-unread={unread.data ?? 0}
    >
      <Badge count={unread.data ?? 0} size="small" offset={[-2, 2]}>
        <BellOutlined style={{ fontSize: 20, color: '#fff', padding: 4 }} />
      </Badge>
    </Link>
  );
}

/** 消息: the in-app list, newest first; opening one marks it read and goes to its page. */
export function MobileNotifications() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { message } = AntApp.useApp();
  const list = useNotifications(false, 50);
  const markRead = useMarkRead();
  const markAll = useMarkAllRead();
  if (list.isPending) return <Spin />;
  if (list.isError) return <Alert type="error" showIcon message={errorMessage(list.error)} />;
  const open = (n: NotificationItem) => {
    if (!n.readAt) markRead.mutate(n.id, { onError: (e) => void message.error(errorMessage(e)) });
    const to = mobileHref(n.href);
    if (to) void navigate(to);
  };
  return (
    <div data-testid="m-notifications" style={{ display: 'flex', flexDirection: 'column', gap: 8 }}>
      <div style={{ display: 'flex', alignItems: 'center', justifyContent: 'space-between' }}>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('notifications.title')}
        </Typography.Title>
        <Button
          type="link"
          disabled={!list.data.unread}
          onClick={() => markAll.mutate(undefined, { onError: (e) => void message.error(errorMessage(e)) })}
          data-testid="m-mark-all"
        >
          {t('notifications.markAll')}
        </Button>
      </div>
      {list.data.items.length === 0 && <Empty description={t('notifications.empty')} />}
      {list.data.items.map((n) => (
        <Card
          key={n.id}
          size="small"
          hoverable
          onClick={() => open(n)}
          data-testid="m-notification"
          data-topic={n.topic}
          data-read={n.readAt ? '1' : '0'}
          style={{ borderLeft: n.readAt ? undefined : '3px solid #b71c1c' }}
        >
          <Typography.Text strong={!n.readAt}>{n.title}</Typography.Text>
          {n.urgent && (
            <Tag color="red" style={{ marginLeft: 6 }}>
              {t('notifications.urgent')}
            </Tag>
          )}
          <Typography.Paragraph type="secondary" style={{ margin: '4px 0 0', fontSize: 13 }}>
            {n.body}
          </Typography.Paragraph>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {timeOf(n.createdAt)}
          </Typography.Text>
        </Card>
      ))}
    </div>
  );
}
