import { Alert, Button, Space, Typography } from 'antd';
import { ResponsiveTable } from '../../app/ResponsiveTable';
import { DownloadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../lib/api';
import { RedeemCard } from './RedeemCard';
import { LEDGER_XLSX_URL, type LedgerEntry, useLedger } from './volunteers.api';
import { formatDateTime } from '../../lib/time';

/** The points ledger in scope, with the love-supermarket counter above it for those who may redeem. */
export function LedgerTab({ canRedeem }: { canRedeem: boolean }) {
  const { t } = useTranslation();
  const q = useLedger();
  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }}>
      {canRedeem && <RedeemCard />}
      <a href={LEDGER_XLSX_URL} download data-testid="ledger-export">
        <Button icon={<DownloadOutlined />}>{t('volunteers.exportLedger')}</Button>
      </a>
      {q.isError && <Alert type="error" showIcon title={errorMessage(q.error)} />}
      <ResponsiveTable<LedgerEntry>
        data-testid="ledger-table"
        rowKey="id"
        size="small"
        loading={q.isFetching}
        dataSource={q.data ?? []}
        pagination={{ pageSize: 20, showSizeChanger: false }}
        columns={[
          {
            title: t('volunteers.time'),
            dataIndex: 'createdAt',
            width: 170,
            render: (v: string) => formatDateTime(v),
          },
          { title: t('volunteers.person'), dataIndex: 'personName', width: 100 },
          {
            title: t('volunteers.delta'),
            dataIndex: 'delta',
            width: 90,
            align: 'right',
            render: (v: number) => (
              <Typography.Text type={v < 0 ? 'danger' : 'success'}>{v > 0 ? `+${v}` : v}</Typography.Text>
            ),
          },
          { title: t('volunteers.balance'), dataIndex: 'balanceAfter', width: 90, align: 'right' },
          { title: t('volunteers.station'), dataIndex: 'stationName', render: (v: string | null) => v ?? '—' },
          { title: t('volunteers.note'), dataIndex: 'note' },
        ]}
      />
    </Space>
  );
}
