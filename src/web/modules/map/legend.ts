/** The map's colours, shared by the markers and the legend (kept out of PlacesMap so the legend needs no Leaflet). */
export const MAP_COLORS = { none: '#8c8c8c', open: '#1677ff', overdue: '#cf1322', station: '#389e0d', here: '#d48806' };

export const MAP_LEGEND = {
  here: { colour: MAP_COLORS.here, label: 'map.legendHere' },
  open: { colour: MAP_COLORS.open, label: 'map.legendOpen' },
  overdue: { colour: MAP_COLORS.overdue, label: 'map.legendOverdue' },
  none: { colour: MAP_COLORS.none, label: 'map.legendNone' },
  station: { colour: MAP_COLORS.station, label: 'map.legendStation' },
} as const;
