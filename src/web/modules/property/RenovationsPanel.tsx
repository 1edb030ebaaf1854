import { useState } from 'react';
import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  Col,
  DatePicker,
  Form,
  Input,
  InputNumber,
  Row,
  Select,
  Space,
  Statistic,
  Table,
  Tag,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../lib/api';
import { useCan } from '../auth/useCurrentUser';
import { RENOVATION_ITEM_LIST, RENOVATION_ITEMS, RENOVATION_STATUSES } from '../../../shared/property.constants';
import {
  useRecordRenovation,
  useRenovations,
  useRenovationSummary,
  type Renovation,
  type RenovationInput,
} from './property.api';

const wan = (yuan: number) => (yuan / 10_000).toFixed(1);
const STATUS_COLOR = { planned: 'default', in_progress: 'processing', completed: 'success' } as const;

/** 老旧小区改造 of the caller's scope: old compounds, renovated, in progress, investment, by year. */
export function RenovationsView() {
  const { t } = useTranslation();
  const q = useRenovationSummary();
  if (q.error) return <Alert type="error" title={errorMessage(q.error)} />;
  const d = q.data;
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Row gutter={[16, 16]}>
        {(
          [
            ['oldCompounds', d?.oldCompounds],
            ['renovated', d?.renovated],
            ['inProgress', d?.inProgress],
          ] as const
        ).map(([k, v]) => (
          <Col key={k} xs={12} md={6}>
            <Card size="small" loading={!d} data-testid={`renovation-${k}`}>
              <Statistic title={t(`renovation.${k}`)} value={v ?? 0} />
            </Card>
          </Col>
        ))}
        <Col xs={12} md={6}>
          <Card size="small" loading={!d}>
            <Statistic
              title={t('renovation.investment')}
              value={d ? wan(d.investmentYuan) : 0}
              suffix={t('renovation.wan')}
            />
          </Card>
        </Col>
      </Row>
      <Card size="small" title={t('renovation.byYear')}>
        <Table
          rowKey="year"
          size="small"
          pagination={false}
          dataSource={d?.byYear ?? []}
          columns={[
            { title: t('renovation.year'), dataIndex: 'year' },
            { title: t('renovation.compounds'), dataIndex: 'compounds', align: 'right' },
            {
              title: `${t('renovation.investment')}（${t('renovation.wan')}）`,
              dataIndex: 'investmentYuan',
              align: 'right',
              render: (v: number) => wan(v),
            },
          ]}
        />
      </Card>
    </Space>
  );
}

interface FormValues {
  year: number;
  items: RenovationInput['items'];
  investmentWan: number;
  implementer: string;
  status: RenovationInput['status'];
  startedOn?: Dayjs;
  completedOn?: Dayjs;
  note?: string;
}

/** One compound's renovation projects, and (with property.manage) recording one. */
export function RenovationsPanel({ compoundId }: { compoundId: string }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const can = useCan();
  const q = useRenovations(compoundId);
  const record = useRecordRenovation(compoundId);
  const [adding, setAdding] = useState(false);
  const [form] = Form.useForm<FormValues>();
  const submit = async () => {
    const v = await form.validateFields();
    try {
      await record.mutateAsync({
        year: v.year,
        items: v.items,
        investmentYuan: Math.round((v.investmentWan ?? 0) * 10_000),
        implementer: v.implementer,
        status: v.status,
        startedOn: v.startedOn?.format('YYYY-MM-DD') ?? null,
        completedOn: v.completedOn?.format('YYYY-MM-DD') ?? null,
        note: v.note ?? '',
      });
      void message.success(t('common.saved'));
      form.resetFields();
      setAdding(false);
    } catch (e) {
      void message.error(errorMessage(e));
    }
  };
  const compound = q.data?.compound;
  return (
    <Card
      size="small"
      title={t('renovation.title')}
      data-testid="renovations-panel"
      extra={
        <Space size={4}>
          {compound?.isOld && <Tag>{t('propertyCo.old')}</Tag>}
          {compound?.isRenovated && <Tag color="green">{t('renovation.done')}</Tag>}
          {can('property.manage') && !adding && (
            <Button size="small" onClick={() => setAdding(true)} data-testid="renovation-add">
              {t('renovation.add')}
            </Button>
          )}
        </Space>
      }
    >
      {q.error && <Alert type="error" title={errorMessage(q.error)} />}
      <Table<Renovation>
        rowKey="id"
        size="small"
        loading={q.isLoading}
        pagination={false}
        scroll={{ x: 720 }}
        dataSource={q.data?.items ?? []}
        columns={[
          { title: t('renovation.year'), dataIndex: 'year', width: 70 },
          {
            title: t('renovation.items'),
            dataIndex: 'items',
            render: (items: Renovation['items']) => items.map((i) => t(`renovation.itemNames.${i}`)).join('、'),
          },
          {
            title: `${t('renovation.projectInvestment')}（${t('renovation.wan')}）`,
            dataIndex: 'investmentYuan',
            align: 'right',
            width: 110,
            render: (v: number) => wan(v),
          },
          { title: t('renovation.implementer'), dataIndex: 'implementer' },
          {
            title: t('renovation.status'),
            dataIndex: 'status',
            width: 150,
            render: (s: Renovation['status'], r) => (
              <Tag color={STATUS_COLOR[s]}>
                {t(`renovation.statuses.${s}`)}
                {r.completedOn ? ` ${r.completedOn}` : ''}
              </Tag>
            ),
          },
        ]}
      />
      {adding && (
        <Form<FormValues>
          form={form}
          layout="vertical"
          style={{ marginTop: 12 }}
          initialValues={{ year: new Date().getFullYear(), status: 'in_progress', items: [] }}
          data-testid="renovation-form"
        >
          <Form.Item name="items" label={t('renovation.items')} rules={[{ required: true, type: 'array', min: 1 }]}>
            <Checkbox.Group
              options={RENOVATION_ITEM_LIST.map((i) => ({
                value: i,
                label: `${t(`renovation.itemNames.${i}`)}（${t(`renovation.kinds.${RENOVATION_ITEMS[i]}`)}）`,
              }))}
            />
          </Form.Item>
          <Space wrap>
            <Form.Item name="year" label={t('renovation.year')} rules={[{ required: true }]}>
              <InputNumber min={2000} max={2100} />
            </Form.Item>
            <Form.Item name="investmentWan" label={`${t('renovation.projectInvestment')}（${t('renovation.wan')}）`}>
              <InputNumber min={0} step={10} data-testid="renovation-investment" />
            </Form.Item>
            <Form.Item name="status" label={t('renovation.status')} rules={[{ required: true }]}>
              <Select
                style={{ width: 120 }}
                options={RENOVATION_STATUSES.map((s) => ({ value: s, label: t(`renovation.statuses.${s}`) }))}
                data-testid="renovation-status"
              />
            </Form.Item>
            <Form.Item name="startedOn" label={t('renovation.startedOn')}>
              <DatePicker />
            </Form.Item>
            <Form.Item name="completedOn" label={t('renovation.completedOn')}>
              <DatePicker data-testid="renovation-completed" />
            </Form.Item>
          </Space>
          <Form.Item name="implementer" label={t('renovation.implementer')} rules={[{ required: true, min: 2 }]}>
            <Input maxLength={100} data-testid="renovation-implementer" />
          </Form.Item>
          <Space>
            <Button
              type="primary"
              loading={record.isPending}
              onClick={() => void submit()}
              data-testid="renovation-save"
            >
              {t('common.save')}
            </Button>
            <Button onClick={() => setAdding(false)}>{t('common.cancel')}</Button>
          </Space>
        </Form>
      )}
    </Card>
  );
}
