import { useMemo, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import {
  Alert,
  Card,
  Input,
  Segmented,
  Select,
  Space,
  Statistic,
  Table,
  Typography,
  type TableColumnsType,
} from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { errorMessage } from '../../lib/api';
import { dash } from '../../lib/format';
import type { OrgUnit, OwnersCommitteeKind } from '../../lib/types';
import { useCurrentUser } from '../auth/useCurrentUser';
import { OwnersCommitteeTag } from '../org/OrgDetail';
import { committeeSummary, fetchChildren, orgKeys, searchUnits } from '../org/org.api';

type Filter = 'all' | OwnersCommitteeKind;

/** Self-governance: compounds with their owners' committee / property management committee status. */
export default function CommitteesPage() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const [params, setParams] = useSearchParams();
  const ownCommunity = me.orgUnit.kind === 'community' || me.orgUnit.kind === 'village' ? me.orgUnit.id : undefined;
  const communityId = params.get('community') ?? ownCommunity;
  const q = params.get('q') ?? '';
  const [draft, setDraft] = useState(q);
  const [filter, setFilter] = useState<Filter>('all');
  const [communityQ, setCommunityQ] = useState('');

  const communities = useQuery({
    queryKey: orgKeys.search(communityQ, 'community'),
    queryFn: () => searchUnits(communityQ, 'community'),
    enabled: !ownCommunity,
  });

  const rowsQ = useQuery({
    queryKey: communityId ? orgKeys.children(communityId) : orgKeys.search(q, 'compound'),
    queryFn: () => (communityId ? fetchChildren(communityId) : searchUnits(q, 'compound')),
  });
  const all = useMemo(() => (rowsQ.data ?? []).filter((u) => u.kind === 'compound'), [rowsQ.data]);
  const rows = useMemo(
    () => (filter === 'all' ? all : all.filter((u) => (u.ownersCommittee ?? 'none') === filter)),
    [all, filter],
  );
  // the totals count every compound in scope on the server, not the rows this page happens to hold
  const summary = useQuery({
    queryKey: ['org', 'committee-summary', communityId ?? '', communityId ? '' : q],
    queryFn: () => committeeSummary(communityId, communityId ? '' : q),
  });
  const count = (k: OwnersCommitteeKind) => summary.data?.[k];

  const setParam = (k: string, v: string | undefined) => {
    const next = new URLSearchParams(params);
    if (v) next.set(k, v);
    else next.delete(k);
    setParams(next);
  };

  const columns: TableColumnsType<OrgUnit> = [
    {
      title: t('org.name'),
      dataIndex: 'name',
      render: (v: string, u) => <Link to={`/org?id=${encodeURIComponent(u.id)}`}>{v}</Link>,
    },
    {
      title: t('org.ownersCommittee'),
      dataIndex: 'ownersCommittee',
      render: (v: OrgUnit['ownersCommittee']) => <OwnersCommitteeTag kind={v} />,
    },
    { title: t('org.propertyCompany'), dataIndex: 'propertyCompany', render: (v: string | null) => dash(v) },
    {
      title: t('org.isOld'),
      dataIndex: 'isOld',
      width: 100,
      render: (v: boolean | null) => (v === null ? '—' : v ? t('common.yes') : t('common.no')),
    },
    {
      title: t('org.isRenovated'),
      dataIndex: 'isRenovated',
      width: 100,
      render: (v: boolean | null) => (v === null ? '—' : v ? t('common.yes') : t('common.no')),
    },
    { title: t('org.address'), dataIndex: 'address', render: (v: string | null) => dash(v) },
  ];

  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }}>
      <Typography.Title level={4} style={{ margin: 0 }}>
        {t('committees.title')}
      </Typography.Title>
      <Card size="small">
        <Space wrap>
          {!ownCommunity && (
            <Select
              allowClear
              showSearch={{ filterOption: false, onSearch: setCommunityQ }}
              placeholder={t('orgKind.community')}
              style={{ width: 240 }}
              value={communityId}
              loading={communities.isFetching}
              onChange={(v: string | undefined) => setParam('community', v)}
              options={(communities.data ?? []).map((u) => ({ value: u.id, label: u.name }))}
              data-testid="committees-community"
            />
          )}
          {!communityId && (
            <Input.Search
              allowClear
              value={draft}
              onChange={(e) => setDraft(e.target.value)}
              onSearch={(v) => setParam('q', v.trim() || undefined)}
              placeholder={t('committees.searchPlaceholder')}
              style={{ width: 260 }}
              maxLength={40}
            />
          )}
        </Space>
        <div style={{ maxWidth: '100%', overflowX: 'auto', marginTop: 8 }}>
          <Segmented<Filter>
            value={filter}
            onChange={setFilter}
            options={[
              { value: 'all', label: t('committees.filterAll') },
              { value: 'owners_committee', label: t('ownersCommittee.owners_committee') },
              { value: 'property_committee', label: t('ownersCommittee.property_committee') },
              { value: 'none', label: t('ownersCommittee.none') },
            ]}
          />
        </div>
        {!communityId && (
          <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0' }}>
            {t('committees.hint')}
          </Typography.Paragraph>
        )}
      </Card>
      {rowsQ.isError && <Alert type="error" showIcon title={errorMessage(rowsQ.error)} />}
      <Card size="small">
        <Space size={[32, 8]} wrap style={{ marginBottom: 12 }}>
          <Statistic title={t('dashboard.compounds')} value={summary.data?.total} loading={summary.isPending} />
          <Statistic title={t('ownersCommittee.owners_committee')} value={count('owners_committee')} />
          <Statistic title={t('ownersCommittee.property_committee')} value={count('property_committee')} />
          <Statistic title={t('ownersCommittee.none')} value={count('none')} />
        </Space>
        {summary.data && summary.data.total > all.length && (
          <Typography.Paragraph type="secondary" data-testid="committees-partial">
            {t('committees.partial', { shown: all.length, total: summary.data.total })}
          </Typography.Paragraph>
        )}
        <Table<OrgUnit>
          data-testid="committees-table"
          rowKey="id"
          size="small"
          loading={rowsQ.isFetching}
          dataSource={rows}
          columns={columns}
          scroll={{ x: 'max-content' }}
          pagination={{ pageSize: 20, showSizeChanger: false, showTotal: (n) => t('common.total', { count: n }) }}
        />
      </Card>
    </Space>
  );
}
