import { useEffect, useMemo, useState } from 'react';
import {
  Alert,
  Button,
  Card,
  Drawer,
  Grid,
  Input,
  Select,
  Space,
  Table,
  Typography,
  type TableColumnsType,
} from 'antd';
import { PlusOutlined, SearchOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams, useSearchParams } from 'react-router';
import { errorMessage } from '../../lib/api';
import type { ManagedUser, Role, UserStatusFilter } from '../../lib/types';
import { useGrantable, useUsers } from './users.api';
import { CreateUserModal } from './CreateUserModal';
import { MinorGrantersCard } from './MinorGrantersCard';
import { UserDetailPanel } from './UserDetailPanel';
import { UserStatusTags } from './UserStatusTags';

const STATUSES: UserStatusFilter[] = ['active', 'disabled', 'locked'];

/** Account management (账号管理): the accounts in the caller's scope whose roles the caller may grant; /users/:id opens one. */
export default function UsersPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { id } = useParams();
  const [params, setParams] = useSearchParams();
  const screens = Grid.useBreakpoint();
  const q = params.get('q') ?? '';
  const role = (params.get('role') as Role | null) ?? undefined;
  const status = (params.get('status') as UserStatusFilter | null) ?? undefined;
  const [draft, setDraft] = useState(q);
  useEffect(() => setDraft(q), [q]);
  const [creating, setCreating] = useState(false);

  const users = useUsers({ q, role, status });
  const grantable = useGrantable();
  const creatable = useMemo(
    () => (grantable.data?.roles ?? []).filter((r) => r.actions.includes('create')),
    [grantable.data],
  );
  const qs = params.toString();

  const setFilter = (key: string, value: string | undefined) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next);
  };
  const open = (uid: string) => void navigate(`/users/${encodeURIComponent(uid)}${qs ? `?${qs}` : ''}`);
  const close = () => void navigate(`/users${qs ? `?${qs}` : ''}`);

  const columns: TableColumnsType<ManagedUser> = [
    {
      title: t('users.displayName'),
      dataIndex: 'displayName',
      render: (v: string, u) => (
        <Space orientation="vertical" size={0}>
          <Typography.Link>{v}</Typography.Link>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {screens.sm ? u.username : `${u.username} · ${t(`roles.${u.role}`)}`}
          </Typography.Text>
        </Space>
      ),
    },
    { title: t('users.role'), dataIndex: 'role', responsive: ['sm'], render: (r: Role) => t(`roles.${r}`) },
    { title: t('users.orgUnit'), dataIndex: 'orgUnitName', responsive: ['md'] },
    {
      title: t('users.workUnit'),
      dataIndex: 'workUnitName',
      responsive: ['lg'],
      render: (v: string | null) => v ?? '—',
    },
    {
      title: t('users.statusLabel'),
      key: 'status',
      width: screens.sm ? 120 : 90,
      render: (_: unknown, u) => <UserStatusTags user={u} />,
    },
  ];

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Space style={{ width: '100%', justifyContent: 'space-between' }} wrap>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('users.title')}
        </Typography.Title>
        {creatable.length > 0 && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="users-create">
            {t('users.create')}
          </Button>
        )}
      </Space>
      <Card size="small">
        <Space wrap style={{ width: '100%' }}>
          <Input
            allowClear
            value={draft}
            onChange={(e) => setDraft(e.target.value)}
            onPressEnter={() => setFilter('q', draft.trim())}
            placeholder={t('users.searchPlaceholder')}
            prefix={<SearchOutlined />}
            style={{ width: screens.md ? 320 : '100%' }}
            maxLength={60}
            data-testid="users-search"
          />
          <Select
            allowClear
            placeholder={t('users.filterRole')}
            value={role}
            onChange={(v: Role | undefined) => setFilter('role', v)}
            style={{ width: 200 }}
            data-testid="users-role-filter"
            options={(grantable.data?.roles ?? []).map((r) => ({ value: r.role, label: t(`roles.${r.role}`) }))}
          />
          <Select
            allowClear
            placeholder={t('users.filterStatus')}
            value={status}
            onChange={(v: UserStatusFilter | undefined) => setFilter('status', v)}
            style={{ width: 140 }}
            data-testid="users-status-filter"
            options={STATUSES.map((s) => ({ value: s, label: t(`users.status.${s}`) }))}
          />
          <Button icon={<SearchOutlined />} onClick={() => setFilter('q', draft.trim())}>
            {t('common.search')}
          </Button>
        </Space>
      </Card>
      {users.isError && <Alert type="error" showIcon title={errorMessage(users.error)} />}
      <Card size="small">
        <Table<ManagedUser>
          data-testid="users-table"
          rowKey="id"
          size="small"
          columns={columns}
          dataSource={users.data ?? []}
          loading={users.isFetching}
          pagination={{ pageSize: 20, hideOnSinglePage: true, showTotal: (n) => t('common.total', { count: n }) }}
          onRow={(u) =>
            ({
              onClick: () => open(u.id),
              style: { cursor: 'pointer' },
              'data-testid': `users-row-${u.username}`,
            }) as React.HTMLAttributes<HTMLElement>
          }
        />
      </Card>
      {grantable.data?.mayEditMinorGranters && <MinorGrantersCard grantable={grantable.data} />}
      <Drawer open={!!id} onClose={close} title={t('users.detail')} size={screens.md ? 560 : '100%'} destroyOnHidden>
        {id && grantable.data && <UserDetailPanel key={id} id={id} grantable={grantable.data} />}
      </Drawer>
      {grantable.data && (
        <CreateUserModal
          open={creating}
          roles={creatable}
          onClose={() => setCreating(false)}
          onCreated={(u) => open(u.id)}
        />
      )}
    </Space>
  );
}
