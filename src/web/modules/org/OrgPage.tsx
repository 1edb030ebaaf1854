import { useCallback, useEffect, useRef, useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Card, Col, Row, Select, Space, Tabs, Tag, Tree, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { useLazyTree } from '../../lib/useLazyTree';
import type { OrgUnit } from '../../lib/types';
import { useCurrentUser } from '../auth/useCurrentUser';
import { ImportPanel } from './ImportPanel';
import { fetchUnit, loadChildren, orgKeys, searchUnits, useOrgUnit } from './org.api';
import { OrgDetail } from './OrgDetail';

function UnitSearch({ onPick }: { onPick: (id: string) => void }) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const results = useQuery({
    queryKey: orgKeys.search(q),
    queryFn: () => searchUnits(q),
    enabled: q.trim().length > 0,
  });
  return (
    <Select
      showSearch={{ filterOption: false, onSearch: setQ }}
      value={null}
      placeholder={t('org.searchPlaceholder')}
      style={{ width: '100%' }}
      loading={results.isFetching}
      notFoundContent={null}
      onChange={(id: string) => onPick(id)}
      data-testid="org-search"
      options={(results.data ?? []).map((u) => ({
        value: u.id,
        label: `${u.name}（${t(`orgKind.${u.kind}`)}）`,
      }))}
    />
  );
}

/** Property module: org tree (lazy), unit detail with compound/building editing, and the xlsx import. */
export default function OrgPage() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const qc = useQueryClient();
  const [params, setParams] = useSearchParams();
  const selected = params.get('id') ?? me.orgUnit.id;
  const tab = params.get('tab') === 'import' ? 'import' : 'browse';
  const canWrite = me.abilities.includes('org.write');
  const canImport = me.abilities.includes('import.run');

  const fetchKids = useCallback((id: string, fresh: boolean) => loadChildren(qc, id, fresh), [qc]);
  const renderTitle = useCallback(
    (u: OrgUnit) => (
      <span data-testid={`org-node-${u.id}`}>
        {u.name}
        {u.kind !== 'compound' && u.childCount > 0 && (
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {' '}
            ({u.childCount})
          </Typography.Text>
        )}
        {u.kind === 'compound' && u.isOld && (
          <Tag style={{ marginInlineStart: 6 }} color="orange">
            {t('org.isOld')}
          </Tag>
        )}
      </span>
    ),
    [t],
  );
  const isLeaf = useCallback((u: OrgUnit) => u.childCount === 0, []);
  const getId = useCallback((u: OrgUnit) => u.id, []);
  const tree = useLazyTree<OrgUnit>({ root: me.orgUnit, getId, isLeaf, renderTitle, fetchChildren: fetchKids });

  // The tree starts collapsed at the user's own unit (its children are listed in the detail card);
  // expanding a node loads its children.

  // A unit selected by URL or search: load and expand its ancestors so it shows in the tree.
  const selectedUnit = useOrgUnit(selected);
  const revealed = useRef<string | null>(null);
  useEffect(() => {
    const data = selectedUnit.data;
    if (!data || revealed.current === data.unit.id) return;
    revealed.current = data.unit.id;
    const chain = data.ancestors
      .filter((a) => a.path.startsWith(me.orgUnit.path) && a.id !== data.unit.id)
      .map((a) => a.id);
    if (chain.length > 0) void tree.expandTo(chain);
  }, [selectedUnit.data, me.orgUnit.path, tree]);

  const select = (id: string) => {
    const next = new URLSearchParams(params);
    next.set('id', id);
    next.delete('tab');
    setParams(next);
  };

  // After a create/delete the parent's child list and childCount change: refresh both in the tree.
  const refreshParent = (parentId: string) => {
    void tree.reload(parentId);
    void qc.fetchQuery({ queryKey: orgKeys.unit(parentId), queryFn: () => fetchUnit(parentId), staleTime: 0 }).then(
      (r) => tree.update(r.unit),
      () => undefined,
    );
  };
  const onCompoundSaved = (u: OrgUnit, created: boolean) => {
    if (created && u.parentId) refreshParent(u.parentId);
    if (created) select(u.id);
    else tree.update(u);
  };
  const onCompoundDeleted = (u: OrgUnit) => {
    if (u.parentId) {
      refreshParent(u.parentId);
      select(u.parentId);
    }
  };

  const browse = (
    <Row gutter={[16, 16]}>
      <Col xs={24} lg={9} xl={7}>
        <Card size="small" title={t('org.tree')}>
          <Space orientation="vertical" style={{ width: '100%' }} size={8}>
            <UnitSearch onPick={select} />
            <div style={{ maxHeight: 'calc(100vh - 260px)', overflow: 'auto' }}>
              <Tree
                data-testid="org-tree"
                showLine
                blockNode
                treeData={tree.treeData}
                loadData={tree.loadData}
                loadedKeys={tree.loadedKeys}
                expandedKeys={tree.expandedKeys}
                onExpand={(keys) => tree.setExpandedKeys(keys)}
                selectedKeys={[selected]}
                onSelect={(keys) => {
                  const k = keys[0];
                  if (k !== undefined) select(String(k));
                }}
              />
            </div>
          </Space>
        </Card>
      </Col>
      <Col xs={24} lg={15} xl={17}>
        <OrgDetail
          id={selected}
          canWrite={canWrite}
          scopePath={me.orgUnit.path}
          onSelect={select}
          onCompoundSaved={onCompoundSaved}
          onCompoundDeleted={onCompoundDeleted}
        />
      </Col>
    </Row>
  );

  return (
    <Space orientation="vertical" size={8} style={{ width: '100%' }}>
      <Typography.Title level={4} style={{ margin: 0 }}>
        {t('org.title')}
      </Typography.Title>
      {canImport ? (
        <Tabs
          activeKey={tab}
          onChange={(k) => {
            const next = new URLSearchParams(params);
            if (k === 'import') next.set('tab', 'import');
            else next.delete('tab');
            setParams(next);
          }}
          items={[
            { key: 'browse', label: t('org.tree'), children: browse },
            {
              key: 'import',
              label: <span data-testid="import-tab">{t('org.importTitle')}</span>,
              children: (
                <ImportPanel
                  onImported={() => {
                    tree.reset();
                    void tree.expandTo([me.orgUnit.id]);
                  }}
                />
              ),
            },
          ]}
        />
      ) : (
        browse
      )}
    </Space>
  );
}
