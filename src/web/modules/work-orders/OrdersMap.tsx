import { Alert, Card, Empty, Spin } from 'antd';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../lib/api';
import { LazyPlacesMap } from '../map/LazyPlacesMap';
import { useMapConfig, useMapPlaces } from '../map/map.api';

/** The orders view's map: open orders per compound in scope, red where one is overdue. */
export function OrdersMap() {
  const { t } = useTranslation();
  const config = useMapConfig();
  const places = useMapPlaces();
  const error = config.error ?? places.error;
  if (error) return <Alert type="error" showIcon title={errorMessage(error)} />;
  if (!config.data || !places.data) return <Spin />;
  const p = places.data;
  return (
    <Card size="small" data-testid="orders-map">
      {p.compounds.length + p.stations.length === 0 ? (
        <Empty description={t('map.empty')} />
      ) : (
        <LazyPlacesMap
          compounds={p.compounds}
          stations={p.stations}
          showOrders={p.hasOrders}
          outline={p.outline}
          streets={p.streets}
          tiles={config.data.tiles}
          height="min(64vh, 620px)"
          legend={p.hasOrders ? ['overdue', 'open', 'none', 'station'] : ['none', 'station']}
        />
      )}
    </Card>
  );
}
