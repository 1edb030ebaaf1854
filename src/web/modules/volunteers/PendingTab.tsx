import { useState } from 'react';
import { Alert, App as AntApp, Button, InputNumber, Space } from 'antd';
import { ResponsiveTable } from '../../app/ResponsiveTable';
import { DownloadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../lib/api';
import { RECORDS_XLSX_URL, type ServiceRecord, useDecideRecord, usePendingRecords } from './volunteers.api';

/** Service hours waiting for the community: confirmed (hours corrected if need be) into points, or rejected. */
export function PendingTab({ canManage }: { canManage: boolean }) {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const [hours, setHours] = useState<Record<string, number>>({});
  const q = usePendingRecords();
  const decide = useDecideRecord();
  const run = (v: { id: string; approve: boolean; hours?: number }) =>
    decide.mutate(v, {
      onSuccess: (record) =>
        void message.success(
          record.status === 'confirmed'
            ? t('volunteers.confirmed', { points: record.points ?? 0 })
            : t('volunteers.rejected'),
        ),
      onError: (e) => void message.error(errorMessage(e)),
    });
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <a href={RECORDS_XLSX_URL} download data-testid="records-export">
        <Button icon={<DownloadOutlined />}>{t('volunteers.exportRecords')}</Button>
      </a>
      {q.isError && <Alert type="error" showIcon title={errorMessage(q.error)} />}
      <ResponsiveTable<ServiceRecord>
        data-testid="pending-table"
        rowKey="id"
        size="small"
        loading={q.isFetching}
        dataSource={q.data ?? []}
        pagination={{ pageSize: 20, showSizeChanger: false }}
        columns={[
          { title: t('volunteers.person'), dataIndex: 'personName', width: 100 },
          { title: t('volunteers.content'), dataIndex: 'title' },
          { title: t('volunteers.place'), dataIndex: 'orgUnitName' },
          { title: t('volunteers.servedOn'), dataIndex: 'servedOn', width: 110 },
          {
            title: t('volunteers.hours'),
            dataIndex: 'hours',
            width: 120,
            render: (v: number, r) =>
              canManage ? (
                <InputNumber
                  size="small"
                  min={0.5}
                  max={24}
                  step={0.25}
                  value={hours[r.id] ?? v}
                  onChange={(x) => setHours((h) => ({ ...h, [r.id]: x ?? v }))}
                  data-testid="record-hours"
                />
              ) : (
                v
              ),
          },
          ...(canManage
            ? [
                {
                  title: '',
                  key: 'act',
                  width: 160,
                  render: (_: unknown, r: ServiceRecord) => (
                    <Space>
                      <Button
                        size="small"
                        type="primary"
                        data-testid="record-confirm"
                        data-person={r.personName}
                        loading={decide.isPending}
                        onClick={() => run({ id: r.id, approve: true, hours: hours[r.id] ?? r.hours })}
                      >
                        {t('volunteers.confirm')}
                      </Button>
                      <Button size="small" danger onClick={() => run({ id: r.id, approve: false })}>
                        {t('volunteers.reject')}
                      </Button>
                    </Space>
                  ),
                },
              ]
            : []),
        ]}
      />
    </Space>
  );
}
