import { useEffect } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App as AntApp, Form, Input, Modal, Select, Switch } from 'antd';
import { useTranslation } from 'react-i18next';
import { ApiError, errorMessage } from '../../lib/api';
import type { OrgUnit, OwnersCommitteeKind } from '../../lib/types';
import { createCompound, orgKeys, updateCompound, type CompoundInput } from './org.api';

interface Props {
  open: boolean;
  /** Editing this compound, or creating one under communityId. */
  compound?: OrgUnit | null;
  communityId?: string;
  onClose: () => void;
  onSaved: (unit: OrgUnit, created: boolean) => void;
}

interface Values {
  name: string;
  address?: string;
  isOld: boolean;
  isRenovated: boolean;
  ownersCommittee: OwnersCommitteeKind;
  propertyCompany?: string;
}

const blankToNull = (v: string | undefined) => (v && v.trim() ? v.trim() : null);

export function CompoundFormModal({ open, compound, communityId, onClose, onSaved }: Props) {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<Values>();
  const editing = !!compound;

  useEffect(() => {
    if (!open) return;
    form.setFieldsValue({
      name: compound?.name ?? '',
      address: compound?.address ?? '',
      isOld: compound?.isOld ?? false,
      isRenovated: compound?.isRenovated ?? false,
      ownersCommittee: compound?.ownersCommittee ?? 'none',
      propertyCompany: compound?.propertyCompany ?? '',
    });
  }, [open, compound, form]);

  const save = useMutation({
    mutationFn: async (v: Values) => {
      const input: CompoundInput = {
        name: v.name.trim(),
        address: blankToNull(v.address),
        isOld: v.isOld,
        isRenovated: v.isRenovated,
        ownersCommittee: v.ownersCommittee,
        propertyCompany: blankToNull(v.propertyCompany),
      };
      if (compound)
        return { unit: await updateCompound(compound.id, { ...input, version: compound.version }), created: false };
      if (!communityId) throw new Error('communityId missing');
      return { unit: await createCompound(communityId, input), created: true };
    },
    onSuccess: ({ unit, created }) => {
      void message.success(created ? t('common.created') : t('common.saved'));
      onSaved(unit, created);
      onClose();
    },
    onError: (e) => {
      void message.error(errorMessage(e));
      if (e instanceof ApiError && e.code === 'VERSION_CONFLICT' && compound) {
        void qc.invalidateQueries({ queryKey: orgKeys.unit(compound.id) });
        onClose();
      }
    },
  });

  return (
    <Modal
      open={open}
      title={editing ? t('org.editCompound') : t('org.addCompound')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={save.isPending}
      forceRender
      okButtonProps={{ 'data-testid': 'compound-form-submit' } as Record<string, string>}
    >
      <Form<Values> form={form} layout="vertical" onFinish={(v) => save.mutate(v)} data-testid="compound-form">
        <Form.Item
          name="name"
          label={t('org.name')}
          rules={[{ required: true, whitespace: true, message: t('org.nameRequired') }, { max: 60 }]}
        >
          <Input maxLength={60} data-testid="compound-name" />
        </Form.Item>
        <Form.Item name="address" label={t('org.address')} rules={[{ max: 200 }]}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="isOld" label={t('org.isOld')} valuePropName="checked">
          <Switch checkedChildren={t('common.yes')} unCheckedChildren={t('common.no')} />
        </Form.Item>
        <Form.Item name="isRenovated" label={t('org.isRenovated')} valuePropName="checked">
          <Switch checkedChildren={t('common.yes')} unCheckedChildren={t('common.no')} />
        </Form.Item>
        <Form.Item name="ownersCommittee" label={t('org.ownersCommittee')} rules={[{ required: true }]}>
          <Select
            options={(['owners_committee', 'property_committee', 'none'] as const).map((k) => ({
              value: k,
              label: t(`ownersCommittee.${k}`),
            }))}
          />
        </Form.Item>
        <Form.Item name="propertyCompany" label={t('org.propertyCompany')} rules={[{ max: 200 }]}>
          <Input maxLength={200} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
