import { useState } from 'react';
import { Alert, Card, Empty, Space, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { errorMessage } from '../../lib/api';
import { useCurrentUser } from '../auth/useCurrentUser';
import { LazyPlacesMap } from '../map/LazyPlacesMap';
import { useMapConfig } from '../map/map.api';
import { CompoundPicker } from '../work-orders/CompoundPicker';
import { StationKindTag } from './StationKindTag';
import { type LivingCircle, type StationKind, useLivingCircle } from './stations.api';

/** 15 分钟便民生活圈: the stations and services within 15 minutes' walk of a compound. */
export default function LivingCirclePage() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const canPick = me.abilities.includes('org.read');
  const [picked, setPicked] = useState<{ id?: string; name?: string }>({});
  const [params] = useSearchParams();
  const compoundId =
    picked.id ?? params.get('compound') ?? (me.orgUnit.kind === 'compound' ? me.orgUnit.id : undefined);
  const q = useLivingCircle(compoundId);
  const c = q.data;
  const mapConfig = useMapConfig();
  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }} data-testid="living-circle-page">
      <Space style={{ justifyContent: 'space-between', width: '100%' }} wrap>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('circle.title')}
          {c ? ` · ${c.compoundName}` : ''}
        </Typography.Title>
        {canPick && (
          <CompoundPicker value={picked.id} valueName={picked.name} onChange={(id, name) => setPicked({ id, name })} />
        )}
      </Space>
      {c && (
        <Typography.Text type="secondary">
          {t('circle.model', { speed: c.model.speedKmh, detour: c.model.detourFactor, minutes: c.model.circleMinutes })}
        </Typography.Text>
      )}
      {q.isError && <Alert type="error" showIcon title={errorMessage(q.error)} />}
      {!compoundId && <Empty description={t('circle.pick')} />}
      {c && !c.located && <Alert type="info" showIcon title={t('circle.noLocation')} />}
      {c && c.located && c.lat !== null && c.lng !== null && mapConfig.data && (
        <Card size="small">
          <LazyPlacesMap
            compounds={[{ id: c.compoundId, name: c.compoundName, lat: c.lat, lng: c.lng, isHere: true }]}
            stations={c.items.map((i) => ({ id: i.stationId, kind: i.kind, name: i.name, lat: i.lat, lng: i.lng }))}
            radiusMeters={Math.round((((c.model.speedKmh * 1000) / 60) * c.model.circleMinutes) / c.model.detourFactor)}
            tiles={mapConfig.data.tiles}
            height={360}
            legend={['here', 'station']}
          />
        </Card>
      )}
      {c && c.located && (
        <Card size="small">
          <Table
            rowKey="stationId"
            size="small"
            pagination={false}
            dataSource={c.items}
            data-testid="circle-table"
            columns={[
              { title: t('stations.name'), dataIndex: 'name' },
              {
                title: t('stations.kind'),
                dataIndex: 'kind',
                width: 130,
                render: (k: StationKind) => <StationKindTag kind={k} />,
              },
              { title: t('circle.minutes'), dataIndex: 'minutes', width: 110, align: 'right' },
              { title: t('circle.meters'), dataIndex: 'meters', width: 110, align: 'right' },
              {
                title: t('circle.services'),
                dataIndex: 'services',
                render: (s: LivingCircle['items'][number]['services']) => s.map((x) => x.name).join('；') || '—',
              },
            ]}
          />
        </Card>
      )}
    </Space>
  );
}
