import { Alert, Card, Select, Space, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { errorMessage } from '../../lib/api';
import { dash } from '../../lib/format';
import { StationKindTag } from './StationKindTag';
import { STATION_KINDS, type Station, type StationKind, useStations } from './stations.api';

function isKind(v: string | null): v is StationKind {
  return !!v && (STATION_KINDS as string[]).includes(v);
}

/** Life services: party-mass stations, rider stations, canteens and convenience stations in scope. */
export default function StationsPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const raw = params.get('kind');
  const kind = isKind(raw) ? raw : undefined;
  const stations = useStations(kind);
  const rows = stations.data ?? [];

  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }}>
      <Typography.Title level={4} style={{ margin: 0 }}>
        {t('stations.title')}
      </Typography.Title>
      <Card size="small">
        <Select
          allowClear
          placeholder={t('stations.allKinds')}
          style={{ width: 220 }}
          value={kind}
          onChange={(v: StationKind | undefined) => setParams(v ? { kind: v } : {})}
          options={STATION_KINDS.map((k) => ({ value: k, label: t(`stations.kinds.${k}`) }))}
          data-testid="stations-kind"
        />
      </Card>
      {stations.isError && <Alert type="error" showIcon title={errorMessage(stations.error)} />}
      <Card size="small">
        <Table<Station>
          data-testid="stations-table"
          rowKey="id"
          size="small"
          loading={stations.isFetching}
          dataSource={rows}
          pagination={{ pageSize: 20, showSizeChanger: false, showTotal: (n) => t('common.total', { count: n }) }}
          columns={[
            { title: t('stations.name'), dataIndex: 'name' },
            {
              title: t('stations.kind'),
              dataIndex: 'kind',
              width: 160,
              render: (k: StationKind) => <StationKindTag kind={k} />,
            },
            { title: t('stations.orgUnit'), dataIndex: 'orgUnitName', render: (v: string | null) => dash(v) },
            { title: t('stations.address'), dataIndex: 'address', render: (v: string | null) => dash(v) },
            { title: t('stations.partyOrg'), dataIndex: 'partyOrgName', render: (v: string | null) => dash(v) },
          ]}
        />
      </Card>
    </Space>
  );
}
