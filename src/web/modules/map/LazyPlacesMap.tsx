import { lazy, Suspense } from 'react';
import { Space, Spin, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { PlacesMapProps } from './PlacesMap';
import { MAP_LEGEND } from './legend';

// Leaflet is loaded only by pages that show a map.
const PlacesMap = lazy(() => import('./PlacesMap'));

/** The map with its legend, Leaflet loaded on first use. */
export function LazyPlacesMap(props: PlacesMapProps & { legend?: (keyof typeof MAP_LEGEND)[] }) {
  const { t } = useTranslation();
  const { legend = [], ...rest } = props;
  return (
    <Space orientation="vertical" size={6} style={{ width: '100%' }} data-testid="map-panel">
      <Suspense fallback={<Spin description={t('map.loading')} />}>
        <PlacesMap {...rest} />
      </Suspense>
      <Space wrap size={12}>
        {legend.map((k) => (
          <Space key={k} size={4}>
            <span
              style={{
                display: 'inline-block',
                width: 10,
                height: 10,
                borderRadius: 5,
                background: MAP_LEGEND[k].colour,
              }}
            />
            <Typography.Text type="secondary">{t(MAP_LEGEND[k].label)}</Typography.Text>
          </Space>
        ))}
        {!props.tiles && <Typography.Text type="secondary">{t('map.noTiles')}</Typography.Text>}
      </Space>
    </Space>
  );
}
