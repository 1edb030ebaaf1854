import { useState } from 'react';
import {
  Alert,
  App as AntApp,
  Button,
  Descriptions,
  Divider,
  Form,
  Input,
  Modal,
  Popconfirm,
  Radio,
  Select,
  Space,
  Spin,
  Typography,
} from 'antd';
import { KeyOutlined, StopOutlined, UnlockOutlined, CheckCircleOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../lib/api';
import type { Grantable, ManagedUser, Role } from '../../lib/types';
import { useResetPassword, useUpdateUser, useUser } from './users.api';
import { PASSWORD_RULE } from './CreateUserModal';
import { UnitPicker } from './UnitPicker';
import { UserStatusTags } from './UserStatusTags';
import { WorkUnitSelect } from './WorkUnitSelect';
import { ApiKeysCard } from './ApiKeysCard';
import { LoginMobileForm } from './LoginMobileForm';
import { formatDateTime } from '../../lib/time';

interface BindingValues {
  displayName: string;
  role: Role;
  orgUnitId: string;
  workUnitId: string | null;
}

/** One account: what it is bound to, and the actions the caller's grants allow (reset, unlock, disable, rebind). */
export function UserDetailPanel({ id, grantable }: { id: string; grantable: Grantable }) {
  const user = useUser(id);
  if (user.isLoading) return <Spin />;
  if (user.isError)
    return <Alert type="error" showIcon title={errorMessage(user.error)} data-testid="users-detail-error" />;
  if (!user.data) return null;
  return <Detail user={user.data} grantable={grantable} />;
}

function Detail({ user, grantable }: { user: ManagedUser; grantable: Grantable }) {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const update = useUpdateUser(user.id);
  const [resetOpen, setResetOpen] = useState(false);
  const may = (a: 'create' | 'reset' | 'disable') => user.actions.includes(a);
  const done = (text: string) => ({
    onSuccess: () => void message.success(text),
    onError: (e: unknown) => void message.error(errorMessage(e)),
  });

  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }} data-testid="users-detail">
      <Descriptions column={1} size="small" bordered>
        <Descriptions.Item label={t('users.displayName')}>{user.displayName}</Descriptions.Item>
        <Descriptions.Item label={t('users.username')}>
          <Typography.Text code>{user.username}</Typography.Text>
        </Descriptions.Item>
        <Descriptions.Item label={t('users.role')}>{t(`roles.${user.role}`)}</Descriptions.Item>
        <Descriptions.Item label={t('users.orgUnit')}>
          {t('users.unitWithKind', { name: user.orgUnitName, kind: t(`orgKind.${user.orgUnitKind}`) })}
        </Descriptions.Item>
        <Descriptions.Item label={t('users.workUnit')}>{user.workUnitName ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={t('users.mobile')}>
          <span data-testid="users-detail-mobile">{user.mobileMasked ?? '—'}</span>
        </Descriptions.Item>
        <Descriptions.Item label={t('users.statusLabel')}>
          <span data-testid="users-detail-status">
            <UserStatusTags user={user} />
          </span>
        </Descriptions.Item>
        <Descriptions.Item label={t('users.createdAt')}>{formatDateTime(user.createdAt)}</Descriptions.Item>
      </Descriptions>
      {user.actions.length === 0 && <Alert type="info" showIcon title={t('users.noActions')} />}
      <Space wrap>
        {may('reset') && (
          <Button icon={<KeyOutlined />} onClick={() => setResetOpen(true)} data-testid="users-reset">
            {t('users.resetPassword')}
          </Button>
        )}
        {may('reset') && user.isLocked && (
          <Button
            icon={<UnlockOutlined />}
            loading={update.isPending}
            onClick={() => update.mutate({ unlock: true }, done(t('users.unlocked')))}
            data-testid="users-unlock"
          >
            {t('users.unlock')}
          </Button>
        )}
        {may('disable') && user.isActive && (
          <Popconfirm
            title={t('users.confirmDisable', { name: user.displayName })}
            okText={t('users.disable')}
            cancelText={t('common.cancel')}
            onConfirm={() => update.mutate({ isActive: false }, done(t('users.disabled')))}
            okButtonProps={{ danger: true, ...({ 'data-testid': 'users-disable-confirm' } as Record<string, string>) }}
          >
            <Button danger icon={<StopOutlined />} data-testid="users-disable">
              {t('users.disable')}
            </Button>
          </Popconfirm>
        )}
        {may('disable') && !user.isActive && (
          <Button
            icon={<CheckCircleOutlined />}
            loading={update.isPending}
            onClick={() => update.mutate({ isActive: true }, done(t('users.enabled')))}
            data-testid="users-enable"
          >
            {t('users.enable')}
          </Button>
        )}
      </Space>
      {may('create') && <BindingForm user={user} grantable={grantable} />}
      {may('reset') && <LoginMobileForm user={user} />}
      {may('reset') && <ApiKeysCard owner={user.id} />}
      <ResetPasswordModal user={user} open={resetOpen} onClose={() => setResetOpen(false)} />
    </Space>
  );
}

function BindingForm({ user, grantable }: { user: ManagedUser; grantable: Grantable }) {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<BindingValues>();
  const update = useUpdateUser(user.id);
  const roles = grantable.roles.filter((r) => r.actions.includes('create'));
  const role = (Form.useWatch('role', form) as Role | undefined) ?? user.role;
  const kinds = roles.find((r) => r.role === role)?.unitKinds ?? [];
  const submit = (v: BindingValues) => {
    const patch = {
      ...(v.displayName !== user.displayName ? { displayName: v.displayName } : {}),
      ...(v.role !== user.role ? { role: v.role } : {}),
      ...(v.orgUnitId !== user.orgUnitId ? { orgUnitId: v.orgUnitId } : {}),
      ...((v.workUnitId ?? null) !== user.workUnitId ? { workUnitId: v.workUnitId ?? null } : {}),
    };
    if (Object.keys(patch).length === 0) {
      void message.info(t('users.nothingChanged'));
      return;
    }
    update.mutate(patch, {
      onSuccess: () => void message.success(t('common.saved')),
      onError: (e) => void message.error(errorMessage(e)),
    });
  };
  return (
    <>
      <Divider titlePlacement="start" style={{ margin: '8px 0' }}>
        {t('users.binding')}
      </Divider>
      <Form<BindingValues>
        form={form}
        layout="vertical"
        initialValues={{
          displayName: user.displayName,
          role: user.role,
          orgUnitId: user.orgUnitId,
          workUnitId: user.workUnitId,
        }}
        onFinish={submit}
        data-testid="users-binding-form"
      >
        <Form.Item
          name="displayName"
          label={t('users.displayName')}
          rules={[{ required: true, whitespace: true }, { max: 40 }]}
        >
          <Input maxLength={40} />
        </Form.Item>
        <Form.Item name="role" label={t('users.role')} rules={[{ required: true }]} extra={t('users.rebindHint')}>
          <Select
            options={roles.map((r) => ({ value: r.role, label: t(`roles.${r.role}`) }))}
            onChange={() => form.setFieldValue('orgUnitId', undefined)}
            data-testid="users-binding-role"
          />
        </Form.Item>
        <Form.Item
          name="orgUnitId"
          label={t('users.orgUnit')}
          rules={[{ required: true, message: t('users.unitRequired') }]}
        >
          <UnitPicker kinds={kinds} valueName={user.orgUnitName} testId="users-binding-unit" />
        </Form.Item>
        <Form.Item
          name="workUnitId"
          label={t('users.workUnit')}
          rules={[{ required: role === 'department_staff', message: t('users.workUnitRequired') }]}
        >
          <WorkUnitSelect valueName={user.workUnitName} testId="users-binding-work-unit" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={update.isPending} data-testid="users-binding-save">
          {t('common.save')}
        </Button>
      </Form>
    </>
  );
}

function ResetPasswordModal({ user, open, onClose }: { user: ManagedUser; open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const reset = useResetPassword(user.id);
  const [mode, setMode] = useState<'generate' | 'set'>('generate');
  const [password, setPassword] = useState('');
  const [shown, setShown] = useState<string | null>(null);
  const close = () => {
    setShown(null);
    setPassword('');
    reset.reset();
    onClose();
  };
  const valid = mode === 'generate' || PASSWORD_RULE.test(password);
  const submit = () =>
    reset.mutate(mode === 'set' ? password : undefined, {
      onSuccess: (r) => {
        if (r.generatedPassword) setShown(r.generatedPassword);
        else {
          void message.success(t('users.passwordSet'));
          close();
        }
      },
      onError: (e) => void message.error(errorMessage(e)),
    });
  return (
    <Modal
      open={open}
      title={t('users.resetPasswordOf', { name: user.displayName })}
      onCancel={close}
      footer={
        shown
          ? [
              <Button key="done" type="primary" onClick={close} data-testid="users-reset-done">
                {t('users.done')}
              </Button>,
            ]
          : [
              <Button key="cancel" onClick={close}>
                {t('common.cancel')}
              </Button>,
              <Button
                key="ok"
                type="primary"
                disabled={!valid}
                loading={reset.isPending}
                onClick={submit}
                data-testid="users-reset-submit"
              >
                {t('users.resetPassword')}
              </Button>,
            ]
      }
    >
      {shown ? (
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Alert type="success" showIcon title={t('users.generatedTitle')} description={t('users.generatedHint')} />
          <Typography.Paragraph copyable={{ text: shown }} style={{ fontSize: 20, textAlign: 'center', margin: 0 }}>
            <Typography.Text code data-testid="users-generated-password">
              {shown}
            </Typography.Text>
          </Typography.Paragraph>
        </Space>
      ) : (
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
            {t('users.resetHint')}
          </Typography.Paragraph>
          <Radio.Group
            value={mode}
            onChange={(e) => setMode(e.target.value as 'generate' | 'set')}
            data-testid="users-reset-mode"
          >
            <Space orientation="vertical">
              <Radio value="generate">{t('users.resetGenerate')}</Radio>
              <Radio value="set">{t('users.resetSet')}</Radio>
            </Space>
          </Radio.Group>
          {mode === 'set' && (
            <Input.Password
              value={password}
              onChange={(e) => setPassword(e.target.value)}
              autoComplete="new-password"
              placeholder={t('users.passwordRule')}
              data-testid="users-reset-password"
            />
          )}
        </Space>
      )}
    </Modal>
  );
}
