import { useState } from 'react';
import {
  App,
  Button,
  Card,
  DatePicker,
  Descriptions,
  Empty,
  Form,
  Input,
  Popconfirm,
  Select,
  Space,
  Table,
  Tag,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../lib/api';
import { dash } from '../../lib/format';
import { useCan } from '../auth/useCurrentUser';
import { useAssignCompany, useCompanies, useCompoundProperty, useEndContract, type Contract } from './property.api';

interface AssignForm {
  companyId: string;
  startsOn: Dayjs;
  endsOn?: Dayjs;
  feeStandard: string;
  scope: string;
  note?: string;
}

export function ContractTag({ c }: { c: Pick<Contract, 'status' | 'endReason'> }) {
  const { t } = useTranslation();
  if (c.status === 'active') return <Tag color="green">{t('propertyCo.active')}</Tag>;
  return <Tag>{t(`propertyCo.endReasons.${c.endReason ?? 'expired'}`)}</Tag>;
}

/** One compound: its company now, the history of its companies, and (with property.manage) a change of company. */
export function CompoundContractPanel({ compoundId }: { compoundId: string }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const can = useCan();
  const view = useCompoundProperty(compoundId);
  const companies = useCompanies();
  const assign = useAssignCompany(compoundId);
  const end = useEndContract();
  const [form] = Form.useForm<AssignForm>();
  const [editing, setEditing] = useState(false);
  if (!view.data) return <Card loading={view.isLoading}>{view.error ? errorMessage(view.error) : null}</Card>;
  const { current, history, compound, contractVersion } = view.data;
  const submit = async () => {
    const v = await form.validateFields();
    try {
      await assign.mutateAsync({
        companyId: v.companyId,
        startsOn: v.startsOn.format('YYYY-MM-DD'),
        endsOn: v.endsOn ? v.endsOn.format('YYYY-MM-DD') : null,
        feeStandard: v.feeStandard,
        scope: v.scope,
        note: v.note ?? null,
        expectedVersion: contractVersion,
      });
      message.success(t('propertyCo.assigned'));
      setEditing(false);
    } catch (e) {
      message.error(errorMessage(e));
    }
  };
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Card title={`${compound.name} · ${t('propertyCo.current')}`}>
        {can('property.manage') && (
          <Space wrap style={{ marginBottom: 12 }}>
            <Button data-testid="assign-open" onClick={() => setEditing(true)}>
              {current ? t('propertyCo.change') : t('propertyCo.assign')}
            </Button>
            {current && (
              <Popconfirm
                title={t('propertyCo.endConfirm')}
                onConfirm={() =>
                  end
                    .mutateAsync({
                      id: current.id,
                      endedOn: dayjs().format('YYYY-MM-DD'),
                      reason: 'terminated',
                      version: current.version,
                    })
                    .catch((e: unknown) => message.error(errorMessage(e)))
                }
              >
                <Button danger>{t('propertyCo.end')}</Button>
              </Popconfirm>
            )}
          </Space>
        )}
        {current ? (
          <Descriptions column={{ xs: 1, md: 2 }} size="small">
            <Descriptions.Item label={t('propertyCo.company')}>{current.companyName}</Descriptions.Item>
            <Descriptions.Item label={t('propertyCo.period')}>
              {current.startsOn} ~ {dash(current.endsOn)}
            </Descriptions.Item>
            <Descriptions.Item label={t('propertyCo.fee')}>{current.feeStandard}</Descriptions.Item>
            <Descriptions.Item label={t('propertyCo.scope')}>{current.scope}</Descriptions.Item>
          </Descriptions>
        ) : (
          <Empty description={<Tag color="red">{t('propertyCo.unmanagedTag')}</Tag>} />
        )}
        {editing && (
          <Form form={form} layout="vertical" style={{ marginTop: 16, maxWidth: 560 }}>
            <Form.Item name="companyId" label={t('propertyCo.company')} rules={[{ required: true }]}>
              <Select
                showSearch
                optionFilterProp="label"
                data-testid="assign-company"
                options={(companies.data?.items ?? [])
                  .filter((c) => c.id !== current?.companyId)
                  .map((c) => ({ value: c.id, label: c.name }))}
              />
            </Form.Item>
            <Space wrap>
              <Form.Item name="startsOn" label={t('propertyCo.startsOn')} rules={[{ required: true }]}>
                <DatePicker />
              </Form.Item>
              <Form.Item name="endsOn" label={t('propertyCo.endsOn')}>
                <DatePicker />
              </Form.Item>
            </Space>
            <Form.Item name="feeStandard" label={t('propertyCo.fee')} rules={[{ required: true, max: 200 }]}>
              <Input placeholder="住宅 0.80 元/㎡·月" />
            </Form.Item>
            <Form.Item name="scope" label={t('propertyCo.scope')} rules={[{ required: true, max: 500 }]}>
              <Input placeholder="保洁、绿化、秩序维护、共用设施维修" />
            </Form.Item>
            <Form.Item name="note" label={t('propertyCo.note')}>
              <Input.TextArea rows={2} maxLength={500} />
            </Form.Item>
            <Space>
              <Button type="primary" loading={assign.isPending} onClick={() => void submit()}>
                {t('common.save')}
              </Button>
              <Button onClick={() => setEditing(false)}>{t('common.cancel')}</Button>
            </Space>
          </Form>
        )}
      </Card>
      <Card title={t('propertyCo.history')} size="small">
        <Table<Contract>
          rowKey="id"
          size="small"
          pagination={false}
          scroll={{ x: 600 }}
          dataSource={history}
          columns={[
            { title: t('propertyCo.company'), dataIndex: 'companyName' },
            { title: t('propertyCo.period'), render: (_v, c) => `${c.startsOn} ~ ${c.endedOn ?? dash(c.endsOn)}` },
            { title: t('propertyCo.fee'), dataIndex: 'feeStandard' },
            { title: t('propertyCo.status'), render: (_v, c) => <ContractTag c={c} /> },
            { title: t('propertyCo.note'), dataIndex: 'endNote', render: (v: string | null) => dash(v) },
          ]}
        />
      </Card>
    </Space>
  );
}
