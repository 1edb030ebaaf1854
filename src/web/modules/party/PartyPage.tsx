import { useCallback, useEffect, useRef } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Col, Descriptions, Empty, Row, Skeleton, Space, Tag, Tree, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { UnitName } from '../org/UnitName';
import { Link, useSearchParams } from 'react-router';
import { errorMessage } from '../../lib/api';
import { dash } from '../../lib/format';
import { useLazyTree } from '../../lib/useLazyTree';
import type { PartyOrg } from '../../lib/types';
import { useCurrentUser } from '../auth/useCurrentUser';
import { loadPartyChildren, usePartyOrg, usePartyRoot } from './party.api';
import { PartyOrgManage } from './PartyOrgManage';

function FormationTag({ formation }: { formation: PartyOrg['formation'] }) {
  const { t } = useTranslation();
  if (!formation) return <>—</>;
  const color = formation === 'standalone' ? 'red' : formation === 'attached' ? 'orange' : 'purple';
  return <Tag color={color}>{t(`party.formations.${formation}`)}</Tag>;
}

function PartyOrgDetail({ id, placeholder }: { id: string; placeholder?: PartyOrg }) {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const org = usePartyOrg(id, placeholder);
  if (org.isPending)
    return (
      <Card>
        <Skeleton active />
      </Card>
    );
  if (org.isError) return <Alert type="error" showIcon title={errorMessage(org.error)} />;
  const o = org.data;
  const canOrg = me.abilities.includes('org.read');
  return (
    <>
      <Card
        data-testid="party-detail"
        title={
          <Space>
            <span>{o.name}</span>
            <Tag color="red">{t(`party.kinds.${o.kind}`)}</Tag>
          </Space>
        }
      >
        <Descriptions
          size="small"
          bordered
          column={1}
          styles={{ label: { width: 140 } }}
          items={[
            { key: 'kind', label: t('party.kind'), children: t(`party.kinds.${o.kind}`) },
            {
              key: 'secretary',
              label: t('party.secretary'),
              children: o.secretaryName ?? <Typography.Text type="warning">{t('party.noSecretary')}</Typography.Text>,
            },
            { key: 'formation', label: t('party.formation'), children: <FormationTag formation={o.formation} /> },
            {
              key: 'compounds',
              label: t('party.compounds'),
              children: o.compounds.length ? (
                <Space wrap size={4}>
                  {o.compounds.map((c) =>
                    canOrg ? (
                      <Link key={c.id} to={`/org?id=${encodeURIComponent(c.id)}`}>
                        <Tag>{c.name}</Tag>
                      </Link>
                    ) : (
                      <Tag key={c.id}>{c.name}</Tag>
                    ),
                  )}
                </Space>
              ) : (
                '—'
              ),
            },
            { key: 'station', label: t('party.station'), children: dash(o.stationName) },
            { key: 'children', label: t('party.childCount'), children: o.childCount },
            {
              key: 'unit',
              label: t('org.path'),
              children: canOrg ? (
                <Link to={`/org?id=${encodeURIComponent(o.orgUnitId)}`}>
                  <Button size="small" type="link" style={{ padding: 0 }}>
                    <UnitName idOrPath={o.orgUnitId} />
                  </Button>
                </Link>
              ) : (
                <UnitName idOrPath={o.orgUnitId} />
              ),
            },
          ]}
        />
      </Card>
      {me.abilities.includes('party.manage') && <PartyOrgManage key={o.id} org={o} />}
    </>
  );
}

/** Party affairs: the party organisation tree from the user's top party org down to building groups. */
export default function PartyPage() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [params, setParams] = useSearchParams();
  const root = usePartyRoot();
  const selected = params.get('id') ?? root.data?.id;

  const fetchKids = useCallback((id: string, fresh: boolean) => loadPartyChildren(qc, id, fresh), [qc]);
  const getId = useCallback((o: PartyOrg) => o.id, []);
  const isLeaf = useCallback((o: PartyOrg) => o.childCount === 0, []);
  const renderTitle = useCallback(
    (o: PartyOrg) => (
      <span data-testid={`party-node-${o.id}`}>
        {o.name}
        {o.secretaryName && (
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {' '}
            · {t('party.secretary')} {o.secretaryName}
          </Typography.Text>
        )}
        {o.formation && (
          <Tag
            style={{ marginInlineStart: 6 }}
            color={o.formation === 'standalone' ? 'red' : o.formation === 'attached' ? 'orange' : 'purple'}
          >
            {t(`party.formations.${o.formation}`)}
          </Tag>
        )}
      </span>
    ),
    [t],
  );
  const tree = useLazyTree<PartyOrg>({ root: root.data, getId, isLeaf, renderTitle, fetchChildren: fetchKids });

  const started = useRef<string | null>(null);
  useEffect(() => {
    const id = root.data?.id;
    if (!id || started.current === id) return;
    started.current = id;
    void tree.expandTo([id]);
  }, [root.data?.id, tree]);

  return (
    <Space orientation="vertical" size={8} style={{ width: '100%' }}>
      <Typography.Title level={4} style={{ margin: 0 }}>
        {t('party.title')}
      </Typography.Title>
      {root.isError && <Alert type="error" showIcon title={errorMessage(root.error)} />}
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={10} xl={9}>
          <Card size="small">
            {root.isPending ? (
              <Skeleton active />
            ) : (
              <div style={{ maxHeight: 'calc(100vh - 200px)', overflow: 'auto' }}>
                <Tree
                  data-testid="party-tree"
                  showLine
                  blockNode
                  treeData={tree.treeData}
                  loadData={tree.loadData}
                  loadedKeys={tree.loadedKeys}
                  expandedKeys={tree.expandedKeys}
                  onExpand={(keys) => tree.setExpandedKeys(keys)}
                  selectedKeys={selected ? [selected] : []}
                  onSelect={(keys) => {
                    const k = keys[0];
                    if (k !== undefined) setParams({ id: String(k) });
                  }}
                />
              </div>
            )}
          </Card>
        </Col>
        <Col xs={24} lg={14} xl={15}>
          {selected ? (
            <PartyOrgDetail key={selected} id={selected} placeholder={tree.items[selected]} />
          ) : (
            <Card>
              <Empty description={t('party.selectHint')} />
            </Card>
          )}
        </Col>
      </Row>
    </Space>
  );
}
