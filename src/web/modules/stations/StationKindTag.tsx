import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { StationKind } from './stations.api';

const COLORS: Record<StationKind, string> = {
  party_mass: 'red',
  rider: 'blue',
  canteen: 'orange',
  convenience: 'green',
};

/** A station's kind as a coloured tag (the stations list, the living circle). */
export function StationKindTag({ kind }: { kind: StationKind }) {
  const { t } = useTranslation();
  return <Tag color={COLORS[kind]}>{t(`stations.kinds.${kind}`)}</Tag>;
}
