import 'leaflet/dist/leaflet.css';
import { CircleMarker, MapContainer, ScaleControl, TileLayer, Tooltip, useMapEvents } from 'react-leaflet';
import type { MapConfig } from '../map/map.api';

export interface LatLng {
  lat: number;
  lng: number;
}
export interface PointMapProps {
  center: LatLng;
  tiles: MapConfig['tiles'];
  /** the answers' points (results) */
  points?: LatLng[];
  /** the chosen point (answering) */
  value?: LatLng | null;
  onChange?: (p: LatLng) => void;
  height: number;
  testId?: string;
}

function Picker({ onChange }: { onChange: (p: LatLng) => void }) {
  useMapEvents({ click: (e) => onChange({ lat: e.latlng.lat, lng: e.latlng.lng }) });
  return null;
}

/** A small Leaflet map: tap to choose a point, or see every answer's point. Without tiles it draws on a plain ground. */
export default function PointMap(p: PointMapProps) {
  return (
    <div data-testid={p.testId ?? 'point-map'} style={{ width: '100%' }}>
      <MapContainer
        center={[p.center.lat, p.center.lng]}
        zoom={17}
        style={{ height: p.height, width: '100%', background: p.tiles ? undefined : '#f3f1ea' }}
        attributionControl={!!p.tiles}
      >
        {p.tiles && <TileLayer url={p.tiles.url} attribution={p.tiles.attribution} />}
        <ScaleControl imperial={false} />
        <CircleMarker
          center={[p.center.lat, p.center.lng]}
          radius={4}
          pathOptions={{ color: '#595959', fillOpacity: 0.6 }}
          interactive={false}
        />
        {p.points?.map((x, i) => (
          <CircleMarker
            key={i}
            center={[x.lat, x.lng]}
            radius={6}
            pathOptions={{ color: '#c0392b', fillColor: '#c0392b', fillOpacity: 0.5, weight: 1 }}
          />
        ))}
        {p.value && (
          <CircleMarker
            center={[p.value.lat, p.value.lng]}
            radius={9}
            pathOptions={{ color: '#b71c1c', fillColor: '#b71c1c', fillOpacity: 0.8 }}
          >
            <Tooltip permanent direction="top">
              {p.value.lat.toFixed(5)}, {p.value.lng.toFixed(5)}
            </Tooltip>
          </CircleMarker>
        )}
        {p.onChange && <Picker onChange={p.onChange} />}
      </MapContainer>
    </div>
  );
}
