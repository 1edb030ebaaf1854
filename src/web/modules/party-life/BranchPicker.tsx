import { useEffect, useState } from 'react';
import { Select, Space, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { usePartyRoot } from '../party/party.api';
import { usePartyChildrenOf } from './party-life.api';

const isBranch = (kind: string) => kind === 'compound_branch' || kind === 'station_branch';

function Level({
  parentId,
  value,
  onPick,
}: {
  parentId: string;
  value?: string;
  onPick: (id: string, branch: boolean) => void;
}) {
  const { t } = useTranslation();
  const children = usePartyChildrenOf(parentId);
  const items = (children.data ?? []).filter((o) => o.kind !== 'building_group');
  return (
    <Select
      showSearch
      optionFilterProp="label"
      style={{ minWidth: 200, maxWidth: '100%' }}
      placeholder={t('partyLife.pickOrg')}
      loading={children.isLoading}
      value={value}
      data-testid={`branch-level-${parentId}`}
      options={items.map((o) => ({ value: o.id, label: o.name }))}
      onChange={(id: string) => onPick(id, isBranch(items.find((o) => o.id === id)?.kind ?? ''))}
    />
  );
}

/** Down the party tree from the caller's own organisation to one branch (a secretary's is their own). */
export function BranchPicker({ onChange }: { onChange: (id: string | undefined) => void }) {
  const root = usePartyRoot();
  const [chain, setChain] = useState<string[]>([]);
  const [branchId, setBranchId] = useState<string>();
  const rootIsBranch = !!root.data && isBranch(root.data.kind);
  useEffect(() => {
    if (rootIsBranch) onChange(root.data!.id);
  }, [rootIsBranch, root.data, onChange]);
  if (!root.data) return null;
  if (rootIsBranch) return <Tag color="red">{root.data.name}</Tag>;
  const parents = [root.data.id, ...chain];
  return (
    <Space wrap>
      {parents.map((p, i) => (
        <Level
          key={p}
          parentId={p}
          value={chain[i] ?? (i === chain.length ? branchId : undefined)}
          onPick={(id, branch) => {
            setChain(branch ? chain.slice(0, i) : [...chain.slice(0, i), id]);
            setBranchId(branch ? id : undefined);
            onChange(branch ? id : undefined);
          }}
        />
      ))}
    </Space>
  );
}
