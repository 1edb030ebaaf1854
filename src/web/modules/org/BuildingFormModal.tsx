import { useEffect } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App as AntApp, Form, Input, InputNumber, Modal } from 'antd';
import { useTranslation } from 'react-i18next';
import { ApiError, errorMessage } from '../../lib/api';
import type { Building } from '../../lib/types';
import { createBuilding, orgKeys, updateBuilding } from './org.api';

interface Props {
  open: boolean;
  compoundId: string;
  building?: Building | null;
  onClose: () => void;
}

interface Values {
  name: string;
  units: number;
  floors: number;
  address?: string;
}

export function BuildingFormModal({ open, compoundId, building, onClose }: Props) {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<Values>();

  useEffect(() => {
    if (!open) return;
    form.setFieldsValue({
      name: building?.name ?? '',
      units: building?.units ?? 1,
      floors: building?.floors ?? 6,
      address: building?.address ?? '',
    });
  }, [open, building, form]);

  const save = useMutation({
    mutationFn: (v: Values) => {
      const input = {
        name: v.name.trim(),
        units: v.units,
        floors: v.floors,
        address: v.address?.trim() ? v.address.trim() : null,
      };
      return building
        ? updateBuilding(building.id, { ...input, version: building.version })
        : createBuilding(compoundId, input);
    },
    onSuccess: () => {
      void message.success(building ? t('common.saved') : t('common.created'));
      void qc.invalidateQueries({ queryKey: orgKeys.buildings(compoundId) });
      onClose();
    },
    onError: (e) => {
      void message.error(errorMessage(e));
      if (e instanceof ApiError && e.code === 'VERSION_CONFLICT') {
        void qc.invalidateQueries({ queryKey: orgKeys.buildings(compoundId) });
        onClose();
      }
    },
  });

  return (
    <Modal
      open={open}
      title={building ? t('org.editBuilding') : t('org.addBuilding')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={save.isPending}
      forceRender
    >
      <Form<Values> form={form} layout="vertical" onFinish={(v) => save.mutate(v)} data-testid="building-form">
        <Form.Item
          name="name"
          label={t('org.buildingName')}
          rules={[{ required: true, whitespace: true, message: t('org.nameRequired') }, { max: 30 }]}
        >
          <Input maxLength={30} data-testid="building-name" />
        </Form.Item>
        <Form.Item name="units" label={t('org.units')} rules={[{ required: true, message: t('org.numberRequired') }]}>
          <InputNumber min={1} max={50} precision={0} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="floors" label={t('org.floors')} rules={[{ required: true, message: t('org.numberRequired') }]}>
          <InputNumber min={1} max={120} precision={0} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="address" label={t('org.address')} rules={[{ max: 200 }]}>
          <Input maxLength={200} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
