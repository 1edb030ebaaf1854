import { useEffect, useState } from 'react';
import { Alert, App as AntApp, Button, Card, Checkbox, Form, Input, Space, Switch, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../lib/api';
import { usePreferences, useSavePreferences } from './notifications.api';
import type { NotificationGroup } from './types';

/** 提醒设置: which channel for which kind of reminder, contact addresses, quiet hours and the daily digest. */
export default function PreferencesPage() {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const prefs = usePreferences();
  const save = useSavePreferences();
  const [off, setOff] = useState<string[]>([]);
  const [email, setEmail] = useState('');
  const [phone, setPhone] = useState('');
  const [digest, setDigest] = useState(false);
  const [quiet, setQuiet] = useState(true);

  useEffect(() => {
    if (!prefs.data) return;
    setOff(prefs.data.off);
    setEmail(prefs.data.email ?? '');
    setDigest(prefs.data.emailDigest);
    setQuiet(prefs.data.quietHours);
  }, [prefs.data]);

  if (!prefs.data) return <Card loading />;
  const p = prefs.data;
  const toggle = (key: string, on: boolean) => setOff((o) => (on ? o.filter((k) => k !== key) : [...o, key]));

  const onSave = () =>
    save.mutate(
      {
        email: email.trim() ? email.trim() : null,
        ...(phone.trim() ? { phone: phone.trim() } : {}),
        emailDigest: digest,
        quietHours: quiet,
        off,
      },
      {
        onSuccess: () => {
          setPhone('');
          void message.success(t('notifications.prefs.saved'));
        },
        onError: (e) => void message.error(errorMessage(e)),
      },
    );

  return (
    <Card title={t('notifications.prefs.title')}>
      {(!p.configured.email || !p.configured.sms) && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          message={t('notifications.prefs.notConfigured', {
            channels: [
              !p.configured.email && t('notifications.channels.email'),
              !p.configured.sms && t('notifications.channels.sms'),
            ]
              .filter(Boolean)
              .join('、'),
          })}
        />
      )}
      <Form layout="vertical" style={{ maxWidth: 720 }}>
        <Table
          size="small"
          pagination={false}
          rowKey="group"
          scroll={{ x: true }}
          style={{ marginBottom: 16 }}
          dataSource={p.groups.map((g) => ({ group: g }))}
          columns={[
            {
              title: t('notifications.prefs.topic'),
              dataIndex: 'group',
              render: (g: NotificationGroup) => t(`notifications.groups.${g}`),
            },
            ...p.channels.map((c) => ({
              title: t(`notifications.channels.${c}`),
              key: c,
              render: (_: unknown, r: { group: NotificationGroup }) => (
                <Checkbox
                  data-testid={`pref-${c}-${r.group}`}
                  checked={!off.includes(`${c}:${r.group}`)}
                  onChange={(e) => toggle(`${c}:${r.group}`, e.target.checked)}
                />
              ),
            })),
          ]}
        />
        <Form.Item label={t('notifications.prefs.email')}>
          <Input value={email} onChange={(e) => setEmail(e.target.value)} placeholder="name@example.cn" type="email" />
        </Form.Item>
        <Form.Item
          label={t('notifications.prefs.phone')}
          extra={p.phoneMasked ? t('notifications.prefs.phoneNow', { phone: p.phoneMasked }) : undefined}
        >
          <Input value={phone} onChange={(e) => setPhone(e.target.value)} placeholder="13800000000" inputMode="tel" />
        </Form.Item>
        <Form.Item>
          <Space direction="vertical">
            <Space>
              <Switch checked={quiet} onChange={setQuiet} data-testid="pref-quiet" />
              <Typography.Text>{t('notifications.prefs.quietHours')}</Typography.Text>
            </Space>
            <Space>
              <Switch checked={digest} onChange={setDigest} data-testid="pref-digest" />
              <Typography.Text>{t('notifications.prefs.digest')}</Typography.Text>
            </Space>
          </Space>
        </Form.Item>
        <Button type="primary" onClick={onSave} loading={save.isPending} data-testid="pref-save">
          {t('common.save')}
        </Button>
      </Form>
    </Card>
  );
}
