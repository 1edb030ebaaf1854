import 'leaflet/dist/leaflet.css';
import './map.css';
import { CircleMarker, MapContainer, Polygon, Popup, ScaleControl, TileLayer, Tooltip, Circle } from 'react-leaflet';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { LatLngBoundsExpression } from 'leaflet';
import type { MapConfig, MapPlaces } from './map.api';
import { MAP_COLORS } from './legend';

export interface MapCompound {
  id: string;
  name: string;
  lat: number;
  lng: number;
  openOrders?: number;
  overdueOrders?: number;
  /** the compound the page is about (the living circle's centre) */
  isHere?: boolean;
}
export type MapStation = MapPlaces['stations'][number];

export interface PlacesMapProps {
  compounds: MapCompound[];
  stations: MapStation[];
  /** show open/overdue counts and link to the filtered order list */
  showOrders?: boolean;
  outline?: MapPlaces['outline'];
  streets?: MapPlaces['streets'];
  /** a circle around the centre compound (metres), e.g. the 15-minute walk */
  radiusMeters?: number;
  tiles: MapConfig['tiles'];
  height: number | string;
}

const colourOf = (c: MapCompound, showOrders: boolean) =>
  c.isHere
    ? MAP_COLORS.here
    : !showOrders || !c.openOrders
      ? MAP_COLORS.none
      : c.overdueOrders
        ? MAP_COLORS.overdue
        : MAP_COLORS.open;

function boundsOf(points: { lat: number; lng: number }[]): LatLngBoundsExpression {
  const lats = points.map((p) => p.lat);
  const lngs = points.map((p) => p.lng);
  const pad = 0.002;
  return [
    [Math.min(...lats) - pad, Math.min(...lngs) - pad],
    [Math.max(...lats) + pad, Math.max(...lngs) + pad],
  ];
}

/**
 * Compounds, stations and open orders on a Leaflet map. With no tile source configured it draws on a plain
 * ground the outlines generated from the places themselves, with a scale — never a blank page.
 */
export default function PlacesMap(p: PlacesMapProps) {
  const { t } = useTranslation();
  const showOrders = p.showOrders ?? false;
  const points = [...p.compounds, ...p.stations];
  const enc = encodeURIComponent;
  if (points.length === 0) return null;
  return (
    <div data-testid="places-map" style={{ width: '100%' }}>
      <MapContainer
        bounds={boundsOf(points)}
        style={{ height: p.height, width: '100%', background: p.tiles ? undefined : '#f3f1ea' }}
        scrollWheelZoom
        attributionControl={!!p.tiles}
      >
        {p.tiles && <TileLayer url={p.tiles.url} attribution={p.tiles.attribution} />}
        {!p.tiles && p.outline && p.outline.length >= 3 && (
          <Polygon
            positions={p.outline}
            pathOptions={{ color: '#595959', weight: 2, dashArray: '6 4', fillColor: '#ffffff', fillOpacity: 0.7 }}
            interactive={false}
          />
        )}
        {!p.tiles &&
          p.streets?.map((s) => (
            <Polygon
              key={s.id}
              positions={s.outline}
              pathOptions={{ color: '#bfbfbf', weight: 1, fillColor: '#e6f4ff', fillOpacity: 0.35 }}
              interactive={false}
            >
              {s.name && (
                <Tooltip permanent direction="center" className="map-street-label" opacity={0.85}>
                  {s.name}
                </Tooltip>
              )}
            </Polygon>
          ))}
        {p.radiusMeters !== undefined &&
          p.compounds
            .filter((c) => c.isHere)
            .map((c) => (
              <Circle
                key={`r-${c.id}`}
                center={[c.lat, c.lng]}
                radius={p.radiusMeters!}
                pathOptions={{ color: MAP_COLORS.here, weight: 1, fillOpacity: 0.06 }}
                interactive={false}
              />
            ))}
        {p.stations.map((s) => (
          <CircleMarker
            key={`s-${s.id}`}
            className="map-station"
            center={[s.lat, s.lng]}
            radius={5}
            pathOptions={{
              color: '#ffffff',
              weight: 1,
              fillColor: MAP_COLORS.station,
              fillOpacity: 0.95,
            }}
          >
            <Popup>
              <strong>{s.name}</strong>
              <br />
              {t(`stations.kinds.${s.kind}`)}
              <br />
              <Link to={`/stations?kind=${enc(s.kind)}`}>{t('map.stationLink')}</Link>
            </Popup>
          </CircleMarker>
        ))}
        {p.compounds.map((c) => {
          const overdue = showOrders && (c.overdueOrders ?? 0) > 0;
          return (
            <CircleMarker
              key={`c-${c.id}`}
              className={overdue ? 'map-compound map-compound-overdue' : 'map-compound'}
              center={[c.lat, c.lng]}
              radius={c.isHere ? 9 : showOrders ? Math.min(14, 5 + Math.sqrt(c.openOrders ?? 0) * 2) : 6}
              pathOptions={{
                color: '#ffffff',
                weight: 1.5,
                fillColor: colourOf(c, showOrders),
                fillOpacity: 0.9,
              }}
            >
              <Popup>
                <strong>{c.name}</strong>
                {showOrders && (
                  <>
                    <br />
                    {t('map.openOrders', { n: c.openOrders ?? 0 })}
                    {overdue && (
                      <span style={{ color: MAP_COLORS.overdue }}>
                        ，{t('map.overdueOrders', { n: c.overdueOrders })}
                      </span>
                    )}
                    <br />
                    <Link to={`/orders?box=open&compoundId=${enc(c.id)}`}>{t('map.ordersLink')}</Link>
                    {overdue && (
                      <>
                        {' · '}
                        <Link to={`/orders?box=overdue&compoundId=${enc(c.id)}`}>{t('map.overdueLink')}</Link>
                      </>
                    )}
                  </>
                )}
                <br />
                <Link to={`/living-circle?compound=${enc(c.id)}`}>{t('map.circleLink')}</Link>
              </Popup>
            </CircleMarker>
          );
        })}
        <ScaleControl imperial={false} position="bottomleft" />
      </MapContainer>
    </div>
  );
}
