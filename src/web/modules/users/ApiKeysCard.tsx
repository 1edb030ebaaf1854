import { useState } from 'react';
import {
  Alert,
  App as AntApp,
  Button,
  Card,
  Form,
  Input,
  Modal,
  Popconfirm,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import { ApiOutlined, CopyOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../lib/api';
import type { ApiKey } from '../../lib/types';
import { useApiKeys, useIssueApiKey, useRevokeApiKey } from './users.api';
import { formatDateTime } from '../../lib/time';

const when = formatDateTime;

/**
 * The Open311 api_keys of an account: `owner` is `'me'` (one's own) or the id of an account the caller
 * manages. Issue (the key is shown once, in a dialog), list with last use, revoke.
 */
export function ApiKeysCard({ owner, title }: { owner: string; title?: string }) {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const keys = useApiKeys(owner);
  const issue = useIssueApiKey(owner);
  const revoke = useRevokeApiKey(owner);
  const [form] = Form.useForm<{ name: string }>();
  const [secret, setSecret] = useState<string | null>(null);

  const columns = [
    { title: t('apiKeys.name'), dataIndex: 'name', key: 'name' },
    {
      title: t('apiKeys.prefix'),
      key: 'prefix',
      render: (_: unknown, k: ApiKey) => (k.prefix ? <Typography.Text code>{`${k.prefix}…`}</Typography.Text> : '—'),
    },
    { title: t('apiKeys.createdAt'), key: 'createdAt', render: (_: unknown, k: ApiKey) => when(k.createdAt) },
    { title: t('apiKeys.createdBy'), key: 'createdBy', render: (_: unknown, k: ApiKey) => k.createdByName ?? '—' },
    {
      title: t('apiKeys.lastUsed'),
      key: 'lastUsed',
      render: (_: unknown, k: ApiKey) => (k.lastUsedAt ? when(k.lastUsedAt) : t('apiKeys.never')),
    },
    {
      title: t('apiKeys.status'),
      key: 'status',
      render: (_: unknown, k: ApiKey) =>
        k.revokedAt ? (
          <Tag>{t('apiKeys.revoked', { at: when(k.revokedAt) })}</Tag>
        ) : (
          <Space>
            <Tag color="green">{t('apiKeys.active')}</Tag>
            <Popconfirm
              title={t('apiKeys.confirmRevoke', { name: k.name })}
              okText={t('apiKeys.revoke')}
              cancelText={t('common.cancel')}
              okButtonProps={{
                danger: true,
                ...({ 'data-testid': 'api-key-revoke-confirm' } as Record<string, string>),
              }}
              onConfirm={() =>
                revoke.mutate(k.keyId, {
                  onSuccess: () => void message.success(t('apiKeys.revokedDone')),
                  onError: (e) => void message.error(errorMessage(e)),
                })
              }
            >
              <Button size="small" danger data-testid="api-key-revoke">
                {t('apiKeys.revoke')}
              </Button>
            </Popconfirm>
          </Space>
        ),
    },
  ];

  return (
    <Card
      size="small"
      title={
        <Space>
          <ApiOutlined />
          {title ?? t('apiKeys.title')}
        </Space>
      }
      data-testid="api-keys"
    >
      <Space orientation="vertical" size={12} style={{ width: '100%' }}>
        <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
          {t('apiKeys.intro', { url: `${window.location.origin}/open311/v2/discovery.xml` })}
        </Typography.Paragraph>
        <Form
          form={form}
          layout="inline"
          onFinish={(v) =>
            issue.mutate(v, {
              onSuccess: (r) => {
                form.resetFields();
                setSecret(r.secret);
              },
              onError: (e) => void message.error(errorMessage(e)),
            })
          }
        >
          <Form.Item name="name" label={t('apiKeys.name')} rules={[{ required: true, min: 2, max: 40 }]}>
            <Input placeholder={t('apiKeys.namePlaceholder')} maxLength={40} data-testid="api-key-name" />
          </Form.Item>
          <Form.Item>
            <Button type="primary" htmlType="submit" loading={issue.isPending} data-testid="api-key-issue">
              {t('apiKeys.issue')}
            </Button>
          </Form.Item>
        </Form>
        {keys.isError ? (
          <Alert type="error" showIcon title={errorMessage(keys.error)} />
        ) : (
          <Table
            rowKey="keyId"
            size="small"
            loading={keys.isLoading}
            dataSource={keys.data ?? []}
            columns={columns}
            pagination={false}
            scroll={{ x: 720 }}
            locale={{ emptyText: t('apiKeys.empty') }}
            data-testid="api-key-list"
          />
        )}
      </Space>
      <Modal
        open={secret !== null}
        title={t('apiKeys.shownOnceTitle')}
        onCancel={() => setSecret(null)}
        maskClosable={false}
        footer={
          <Button type="primary" onClick={() => setSecret(null)} data-testid="api-key-secret-close">
            {t('apiKeys.close')}
          </Button>
        }
      >
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Alert type="warning" showIcon title={t('apiKeys.shownOnce')} />
          <Space.Compact style={{ width: '100%' }}>
            <Input readOnly value={secret ?? ''} data-testid="api-key-secret" style={{ fontFamily: 'monospace' }} />
            <Button
              icon={<CopyOutlined />}
              onClick={() =>
                void navigator.clipboard?.writeText(secret ?? '').then(() => void message.success(t('apiKeys.copied')))
              }
            >
              {t('apiKeys.copy')}
            </Button>
          </Space.Compact>
        </Space>
      </Modal>
    </Card>
  );
}
