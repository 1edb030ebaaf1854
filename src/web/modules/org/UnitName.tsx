import { Tooltip } from 'antd';
import { useUnitPath } from './org.api';

/**
 * An org unit as people know it — "平城区 / 水泊寺街道 / 太和社区 / 星港城" — instead of its code or
 * materialised path; the code stays on hover. `idOrPath` is a unit id or a path ending in one.
 */
export function UnitName({ idOrPath, full = true }: { idOrPath: string | null | undefined; full?: boolean }) {
  const id = idOrPath?.split('/').filter(Boolean).pop();
  const q = useUnitPath(id);
  if (!id) return <>—</>;
  if (!q.data) return <span title={id}>{q.isError ? id : '…'}</span>;
  const names = [...(full ? q.data.ancestors.map((a) => a.name) : []), q.data.unit.name];
  return (
    <Tooltip title={id}>
      <span data-testid="unit-name">{names.join(' / ')}</span>
    </Tooltip>
  );
}
