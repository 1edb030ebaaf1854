import { useState } from 'react';
import { Alert, App, Button, Drawer, Form, Input, Modal, Select, Table, Tag, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { errorMessage } from '../../lib/api';
import { useCan } from '../auth/useCurrentUser';
import { useDrill, useFileAppeal } from './assessment.api';
import { APPEAL_REASONS, type AppealReason, type Drill, type RateKey, type UnitKind } from './types';

export interface DrillTarget {
  month: string;
  unitKind: UnitKind;
  unitId: string;
  unitName: string;
  rate: RateKey;
}
type Row = Drill['rows'][number];

/** The orders behind one number, each with its share and why; the unit itself may appeal one from here. */
export function DrillDrawer({ target, onClose }: { target: DrillTarget | null; onClose: () => void }) {
  const { t } = useTranslation();
  const can = useCan();
  const drill = useDrill(
    target && { month: target.month, unitKind: target.unitKind, unitId: target.unitId, rate: target.rate },
  );
  const [appealFor, setAppealFor] = useState<Row | null>(null);
  const mayAppeal = can('appeals.file') && target?.unitKind !== 'district';

  const columns: TableColumnsType<Row> = [
    {
      title: t('assessment.drill.no'),
      dataIndex: 'no',
      width: 150,
      render: (v: string, r) => <Link to={`/orders/${r.orderId}`}>{v}</Link>,
    },
    { title: t('assessment.drill.orderTitle'), dataIndex: 'title' },
    {
      title: t('assessment.drill.counted'),
      dataIndex: 'counted',
      width: 90,
      render: (v: number, r) => (r.excluded ? <Tag color="orange">{t('assessment.drill.excluded')}</Tag> : v),
    },
    { title: t('assessment.drill.detail'), dataIndex: 'detail' },
    ...(mayAppeal
      ? [
          {
            key: 'appeal',
            width: 70,
            render: (_: unknown, r: Row) =>
              r.excluded ? null : (
                <Button size="small" onClick={() => setAppealFor(r)}>
                  {t('assessment.drill.appeal')}
                </Button>
              ),
          },
        ]
      : []),
  ];

  return (
    <Drawer
      open={!!target}
      onClose={onClose}
      size="large"
      title={
        target ? t('assessment.drill.title', { unit: target.unitName, rate: t(`assessment.rates.${target.rate}`) }) : ''
      }
      data-testid="assessment-drill"
    >
      {drill.error && <Alert type="error" title={errorMessage(drill.error)} />}
      {drill.data && (
        <>
          <p>
            <b>{drill.data.value.value === null ? '—' : `${(drill.data.value.value * 100).toFixed(2)}%`}</b> ={' '}
            {drill.data.value.numerator} / {drill.data.value.denominator}
          </p>
          {drill.data.hidden > 0 && (
            <Alert type="info" title={t('assessment.drill.hidden', { count: drill.data.hidden })} />
          )}
        </>
      )}
      <Table<Row>
        rowKey={(r) => `${r.orderId}-${r.detail}`}
        size="small"
        loading={drill.isLoading}
        columns={columns}
        dataSource={drill.data?.rows ?? []}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        scroll={{ x: 640 }}
      />
      {target && appealFor && <AppealModal target={target} row={appealFor} onClose={() => setAppealFor(null)} />}
    </Drawer>
  );
}

function AppealModal({ target, row, onClose }: { target: DrillTarget; row: Row; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const file = useFileAppeal();
  const [form] = Form.useForm<{ reason: AppealReason; explanation: string; evidence?: string }>();
  const submit = async () => {
    const v = await form.validateFields();
    await file.mutateAsync({
      orderId: row.orderId,
      unitKind: target.unitKind as 'street' | 'community' | 'department',
      unitId: target.unitId,
      reason: v.reason,
      explanation: v.explanation,
      evidence: (v.evidence ?? '')
        .split('\n')
        .map((s) => s.trim())
        .filter(Boolean),
    });
    void message.success(t('assessment.appeals.filedOk'));
    onClose();
  };
  return (
    <Modal
      open
      title={`${t('assessment.appeals.file')} · ${row.no}`}
      onCancel={onClose}
      onOk={submit}
      confirmLoading={file.isPending}
    >
      {file.error && <Alert type="error" title={errorMessage(file.error)} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical">
        <Form.Item name="reason" label={t('assessment.appeals.reason')} rules={[{ required: true }]}>
          <Select options={APPEAL_REASONS.map((r) => ({ value: r, label: t(`assessment.appeals.reasons.${r}`) }))} />
        </Form.Item>
        <Form.Item
          name="explanation"
          label={t('assessment.appeals.explanation')}
          rules={[{ required: true, max: 1000 }]}
        >
          <Input.TextArea rows={3} />
        </Form.Item>
        <Form.Item name="evidence" label={t('assessment.appeals.evidence')}>
          <Input.TextArea rows={2} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
