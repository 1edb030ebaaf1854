import { App, Button, Form, InputNumber, Modal } from 'antd';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../lib/api';
import type { Programme } from '../../../shared/party-programmes.schema';
import { useOpenYear, useSetTargets } from './programmes.api';

/** 建立年度工程: the district opens a year that has no programmes yet (this year or next), from the year before. */
export function OpenYearButton({ year }: { year: number }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const open = useOpenYear();
  return (
    <Button
      type="primary"
      loading={open.isPending}
      onClick={() =>
        open.mutate(year, {
          onSuccess: () => void message.success(t('programmes.opened', { year })),
          onError: (e) => void message.error(errorMessage(e)),
        })
      }
      data-testid="programmes-open-year"
    >
      {t('programmes.openYear', { year })}
    </Button>
  );
}

/** 调整目标: the district sets the targets of a programme's indicators. */
export function TargetsModal({ p, onClose }: { p: Programme; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const save = useSetTargets();
  const [form] = Form.useForm<Record<string, number>>();
  const submit = (v: Record<string, number>) =>
    save.mutate(
      {
        id: p.id,
        version: p.version,
        targets: p.indicators.map((i) => ({ key: i.key, target: v[i.key] ?? i.target })),
      },
      {
        onSuccess: () => {
          void message.success(t('common.saved'));
          onClose();
        },
        onError: (e) => void message.error(errorMessage(e)),
      },
    );
  return (
    <Modal
      open
      title={`${p.name} · ${t('programmes.targets')}`}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={save.isPending}
      okButtonProps={{ ...({ 'data-testid': 'targets-save' } as Record<string, string>) }}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={Object.fromEntries(p.indicators.map((i) => [i.key, i.target]))}
      >
        {p.indicators.map((i) => (
          <Form.Item key={i.key} name={i.key} label={i.name} rules={[{ required: true }]}>
            <InputNumber
              min={0}
              max={1e9}
              addonAfter={i.unit}
              style={{ width: '100%' }}
              data-testid={`target-${i.key}`}
            />
          </Form.Item>
        ))}
      </Form>
    </Modal>
  );
}
