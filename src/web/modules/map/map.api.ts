import { useQuery } from '@tanstack/react-query';
import { api } from '../../lib/api';
import type { MapConfig, MapPlaces } from '../../../shared/stations.schema';

export type { MapConfig, MapPlaces };

export const mapKeys = {
  config: ['map', 'config'] as const,
  places: ['map', 'places'] as const,
};

/** The deployment's tile source (none by default: the map draws its own ground). */
export function useMapConfig() {
  return useQuery({
    queryKey: mapKeys.config,
    queryFn: ({ signal }) => api.get<MapConfig>('/map/config', undefined, { signal }),
    staleTime: Infinity,
  });
}

/** Located compounds (open and overdue orders) and stations in the caller's scope, with generated outlines. */
export function useMapPlaces(enabled = true) {
  return useQuery({
    queryKey: mapKeys.places,
    queryFn: ({ signal }) => api.get<MapPlaces>('/map/places', undefined, { signal }),
    enabled,
  });
}
