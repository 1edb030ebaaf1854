import { App as AntApp, Button, Form, Input, Modal, Select, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../lib/api';
import type { CreateUserInput, GrantableRole, ManagedUser, Role } from '../../lib/types';
import { useCreateUser } from './users.api';
import { UnitPicker } from './UnitPicker';
import { WorkUnitSelect } from './WorkUnitSelect';

/** A readable password that passes the server's rule (letters and digits, 12 characters). */
export function suggestPassword(): string {
  const letters = 'abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ';
  const digits = '23456789';
  const pick = (s: string) => s[crypto.getRandomValues(new Uint32Array(1))[0]! % s.length]!;
  return (
    Array.from({ length: 8 }, () => pick(letters)).join('') + Array.from({ length: 4 }, () => pick(digits)).join('')
  );
}

export const PASSWORD_RULE = /^(?=.*[A-Za-z])(?=.*\d).{10,200}$/;

export function CreateUserModal({
  open,
  roles,
  onClose,
  onCreated,
}: {
  open: boolean;
  roles: GrantableRole[];
  onClose: () => void;
  onCreated: (u: ManagedUser) => void;
}) {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<CreateUserInput>();
  const role = Form.useWatch('role', form) as Role | undefined;
  const kinds = roles.find((r) => r.role === role)?.unitKinds ?? [];
  const create = useCreateUser();

  const submit = (v: CreateUserInput) =>
    create.mutate(
      { ...v, workUnitId: v.workUnitId || undefined, mobile: v.mobile?.trim() || undefined },
      {
        onSuccess: (u) => {
          void message.success(t('users.created', { name: u.username }));
          form.resetFields();
          onClose();
          onCreated(u);
        },
        onError: (e) => void message.error(errorMessage(e)),
      },
    );

  return (
    <Modal
      open={open}
      title={t('users.create')}
      okText={t('users.createOk')}
      cancelText={t('common.cancel')}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={create.isPending}
      forceRender
      okButtonProps={{ 'data-testid': 'users-create-submit' } as Record<string, string>}
    >
      <Form<CreateUserInput> form={form} layout="vertical" onFinish={submit} data-testid="users-create-form">
        <Form.Item
          name="role"
          label={t('users.role')}
          rules={[{ required: true, message: t('users.roleRequired') }]}
          extra={t('users.rolesHint')}
        >
          <Select
            data-testid="users-create-role"
            options={roles.map((r) => ({ value: r.role, label: t(`roles.${r.role}`) }))}
            onChange={() => form.setFieldValue('orgUnitId', undefined)}
          />
        </Form.Item>
        <Form.Item
          name="orgUnitId"
          label={t('users.orgUnit')}
          rules={[{ required: true, message: t('users.unitRequired') }]}
        >
          <UnitPicker kinds={kinds} testId="users-create-unit" />
        </Form.Item>
        <Form.Item
          name="workUnitId"
          label={t('users.workUnit')}
          rules={[{ required: role === 'department_staff', message: t('users.workUnitRequired') }]}
          extra={role === 'department_staff' ? undefined : t('users.workUnitOptional')}
        >
          <WorkUnitSelect testId="users-create-work-unit" />
        </Form.Item>
        <Form.Item
          name="displayName"
          label={t('users.displayName')}
          rules={[{ required: true, whitespace: true, message: t('users.displayNameRequired') }, { max: 40 }]}
        >
          <Input maxLength={40} data-testid="users-create-display-name" />
        </Form.Item>
        <Form.Item
          name="username"
          label={t('users.username')}
          rules={[{ required: true, pattern: /^[a-z0-9][a-z0-9._-]{2,39}$/, message: t('users.usernameRule') }]}
        >
          <Input maxLength={40} autoComplete="off" data-testid="users-create-username" />
        </Form.Item>
        <Form.Item
          name="mobile"
          label={t('users.mobile')}
          extra={t('users.mobileHint')}
          rules={[{ pattern: /^1[3-9]\d{9}$/, message: t('users.mobileRule') }]}
        >
          <Input inputMode="numeric" maxLength={11} autoComplete="off" data-testid="users-create-mobile" />
        </Form.Item>
        <Form.Item label={t('users.initialPassword')} required extra={t('users.passwordRule')}>
          <Space.Compact style={{ width: '100%' }}>
            <Form.Item
              name="password"
              noStyle
              rules={[{ required: true, pattern: PASSWORD_RULE, message: t('users.passwordRule') }]}
            >
              <Input autoComplete="new-password" data-testid="users-create-password" />
            </Form.Item>
            <Button onClick={() => form.setFieldValue('password', suggestPassword())}>{t('users.generate')}</Button>
          </Space.Compact>
        </Form.Item>
      </Form>
    </Modal>
  );
}
