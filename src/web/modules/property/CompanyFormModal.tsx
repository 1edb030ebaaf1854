import { App, Form, Input, Modal, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../lib/api';
import { isValidCreditCode, QUALIFICATIONS, useCreateCompany, type CompanyInput } from './property.api';

/** 登记物业服务企业: the credit code's check character is verified as it is typed (and again by the server). */
export function CompanyFormModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<CompanyInput>();
  const create = useCreateCompany();
  const submit = async () => {
    const v = await form.validateFields();
    try {
      await create.mutateAsync(v);
      message.success(t('propertyCo.registered'));
      form.resetFields();
      onClose();
    } catch (e) {
      message.error(errorMessage(e));
    }
  };
  return (
    <Modal
      open={open}
      title={t('propertyCo.register')}
      onCancel={onClose}
      onOk={() => void submit()}
      confirmLoading={create.isPending}
      okButtonProps={{ 'data-testid': 'company-submit' }}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" initialValues={{ qualification: 'none' }}>
        <Form.Item name="name" label={t('propertyCo.name')} rules={[{ required: true, min: 2, max: 100 }]}>
          <Input data-testid="company-name" />
        </Form.Item>
        <Form.Item
          name="creditCode"
          label={t('propertyCo.creditCode')}
          extra={t('propertyCo.creditCodeHint')}
          rules={[
            { required: true },
            {
              validator: (_r, v: string | undefined) =>
                !v || isValidCreditCode(v.replace(/\s+/g, '').toUpperCase())
                  ? Promise.resolve()
                  : Promise.reject(new Error(t('propertyCo.creditCodeInvalid'))),
            },
          ]}
        >
          <Input data-testid="company-credit" maxLength={24} />
        </Form.Item>
        <Form.Item name="qualification" label={t('propertyCo.qualification')}>
          <Select options={QUALIFICATIONS.map((q) => ({ value: q, label: t(`propertyCo.qualifications.${q}`) }))} />
        </Form.Item>
        <Form.Item name="contactName" label={t('propertyCo.contactName')}>
          <Input maxLength={40} />
        </Form.Item>
        <Form.Item name="contactPhone" label={t('propertyCo.contactPhone')}>
          <Input maxLength={30} />
        </Form.Item>
        <Form.Item name="address" label={t('propertyCo.address')}>
          <Input maxLength={200} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
