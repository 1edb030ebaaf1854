import { useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App as AntApp,
  Breadcrumb,
  Button,
  Card,
  Descriptions,
  Popconfirm,
  Result,
  Skeleton,
  Space,
  Table,
  Tag,
  Typography,
  type TableColumnsType,
} from 'antd';
import { DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { ApiError, errorMessage } from '../../lib/api';
import { dash } from '../../lib/format';
import type { Building, OrgUnit } from '../../lib/types';
import { BuildingFormModal } from './BuildingFormModal';
import { CompoundFormModal } from './CompoundFormModal';
import { deleteBuilding, deleteCompound, orgKeys, useBuildings, useOrgChildren, useOrgUnit } from './org.api';

interface Props {
  id: string;
  canWrite: boolean;
  scopePath: string;
  onSelect: (id: string) => void;
  onCompoundSaved: (unit: OrgUnit, created: boolean) => void;
  onCompoundDeleted: (unit: OrgUnit) => void;
}

export function OwnersCommitteeTag({ kind }: { kind: OrgUnit['ownersCommittee'] }) {
  const { t } = useTranslation();
  if (!kind) return <>—</>;
  const color = kind === 'owners_committee' ? 'green' : kind === 'property_committee' ? 'blue' : 'default';
  return <Tag color={color}>{t(`ownersCommittee.${kind}`)}</Tag>;
}

function YesNo({ v }: { v: boolean | null }) {
  const { t } = useTranslation();
  if (v === null) return <>—</>;
  return <>{v ? t('common.yes') : t('common.no')}</>;
}

const canHoldCompounds = (u: OrgUnit) => u.kind === 'community' || u.kind === 'village';

export function OrgDetail({ id, canWrite, scopePath, onSelect, onCompoundSaved, onCompoundDeleted }: Props) {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const qc = useQueryClient();
  const unitQ = useOrgUnit(id);
  const unit = unitQ.data?.unit;
  const isCompound = unit?.kind === 'compound';
  const buildings = useBuildings(isCompound ? id : undefined);
  const childrenQ = useOrgChildren(id, !!unit && !isCompound);

  const [compoundModal, setCompoundModal] = useState<{ open: boolean; compound: OrgUnit | null }>({
    open: false,
    compound: null,
  });
  const [buildingModal, setBuildingModal] = useState<{ open: boolean; building: Building | null }>({
    open: false,
    building: null,
  });

  const removeCompound = useMutation({
    mutationFn: (u: OrgUnit) => deleteCompound(u.id),
    onSuccess: (_r, u) => {
      void message.success(t('common.deleted'));
      onCompoundDeleted(u);
    },
    onError: (e) => void message.error(errorMessage(e)),
  });
  const removeBuilding = useMutation({
    mutationFn: (b: Building) => deleteBuilding(b.id),
    onSuccess: () => {
      void message.success(t('common.deleted'));
      void qc.invalidateQueries({ queryKey: orgKeys.buildings(id) });
    },
    onError: (e) => void message.error(errorMessage(e)),
  });

  if (unitQ.isPending)
    return (
      <Card data-testid="org-detail">
        <Skeleton active />
      </Card>
    );
  if (unitQ.isError) {
    const e = unitQ.error;
    return (
      <Card data-testid="org-detail">
        <Result
          status={
            e instanceof ApiError && e.status === 403
              ? '403'
              : e instanceof ApiError && e.status === 404
                ? '404'
                : 'error'
          }
          subTitle={errorMessage(e)}
          data-testid={e instanceof ApiError && e.status === 403 ? 'forbidden-result' : undefined}
        />
      </Card>
    );
  }
  if (!unit) return null;

  const ancestors = unitQ.data.ancestors.filter((a) => a.path.startsWith(scopePath) || a.id === unit.id);
  const buildingList = buildings.data ?? [];
  const households = buildingList.reduce((s, b) => s + b.householdCount, 0);

  const buildingColumns: TableColumnsType<Building> = [
    { title: t('org.buildingName'), dataIndex: 'name' },
    { title: t('org.units'), dataIndex: 'units', align: 'right', width: 80 },
    { title: t('org.floors'), dataIndex: 'floors', align: 'right', width: 80 },
    { title: t('org.householdCount'), dataIndex: 'householdCount', align: 'right', width: 80 },
    { title: t('org.address'), dataIndex: 'address', render: (v: string | null) => dash(v) },
  ];
  if (canWrite) {
    buildingColumns.push({
      title: t('common.actions'),
      key: 'actions',
      width: 150,
      render: (_v, b) => (
        <Space size={4}>
          <Button
            size="small"
            type="link"
            icon={<EditOutlined />}
            onClick={() => setBuildingModal({ open: true, building: b })}
            data-testid="building-edit"
          >
            {t('common.edit')}
          </Button>
          <Popconfirm
            title={t('common.confirmDelete', { name: b.name })}
            okText={t('common.delete')}
            cancelText={t('common.cancel')}
            okButtonProps={{ danger: true }}
            onConfirm={() => removeBuilding.mutateAsync(b).catch(() => undefined)}
          >
            <Button size="small" type="link" danger icon={<DeleteOutlined />} data-testid="building-delete">
              {t('common.delete')}
            </Button>
          </Popconfirm>
        </Space>
      ),
    });
  }

  const childColumns: TableColumnsType<OrgUnit> = [
    { title: t('org.name'), dataIndex: 'name', render: (v: string) => <Typography.Link>{v}</Typography.Link> },
    { title: t('org.kind'), dataIndex: 'kind', width: 90, render: (k: OrgUnit['kind']) => t(`orgKind.${k}`) },
    { title: t('org.childCount'), dataIndex: 'childCount', width: 90, align: 'right' },
  ];
  if ((childrenQ.data ?? []).some((c) => c.kind === 'compound')) {
    childColumns.push(
      { title: t('org.isOld'), dataIndex: 'isOld', width: 90, render: (v: boolean | null) => <YesNo v={v} /> },
      {
        title: t('org.ownersCommittee'),
        dataIndex: 'ownersCommittee',
        render: (v: OrgUnit['ownersCommittee']) => <OwnersCommitteeTag kind={v} />,
      },
      { title: t('org.propertyCompany'), dataIndex: 'propertyCompany', render: (v: string | null) => dash(v) },
    );
  }

  const actions = canWrite ? (
    <Space wrap>
      {canHoldCompounds(unit) && (
        <Button
          type="primary"
          icon={<PlusOutlined />}
          onClick={() => setCompoundModal({ open: true, compound: null })}
          data-testid="compound-add"
        >
          {t('org.addCompound')}
        </Button>
      )}
      {isCompound && (
        <>
          <Button
            icon={<EditOutlined />}
            onClick={() => setCompoundModal({ open: true, compound: unit })}
            data-testid="compound-edit"
          >
            {t('org.editCompound')}
          </Button>
          <Button
            icon={<PlusOutlined />}
            onClick={() => setBuildingModal({ open: true, building: null })}
            data-testid="building-add"
          >
            {t('org.addBuilding')}
          </Button>
          <Popconfirm
            title={t('common.confirmDelete', { name: unit.name })}
            okText={t('common.delete')}
            cancelText={t('common.cancel')}
            okButtonProps={{ danger: true }}
            onConfirm={() => removeCompound.mutateAsync(unit).catch(() => undefined)}
          >
            <Button danger icon={<DeleteOutlined />} loading={removeCompound.isPending} data-testid="compound-delete">
              {t('org.deleteCompound')}
            </Button>
          </Popconfirm>
        </>
      )}
    </Space>
  ) : null;

  return (
    <Card
      data-testid="org-detail"
      title={
        <Space>
          <span data-testid="org-detail-name">{unit.name}</span>
          <Tag color="red">{t(`orgKind.${unit.kind}`)}</Tag>
        </Space>
      }
      extra={actions}
    >
      <Breadcrumb
        style={{ marginBottom: 12 }}
        data-testid="org-breadcrumb"
        items={[...ancestors.filter((a) => a.id !== unit.id), unit].map((a) => ({
          key: a.id,
          title: a.id === unit.id ? a.name : <a onClick={() => onSelect(a.id)}>{a.name}</a>,
        }))}
      />
      <Descriptions
        size="small"
        bordered
        column={{ xs: 1, md: 2 }}
        items={[
          { key: 'name', label: t('org.name'), children: unit.name },
          { key: 'short', label: t('org.shortName'), children: dash(unit.shortName) },
          { key: 'kind', label: t('org.kind'), children: t(`orgKind.${unit.kind}`) },
          { key: 'id', label: t('org.id'), children: <Typography.Text copyable>{unit.id}</Typography.Text> },
          { key: 'address', label: t('org.address'), children: dash(unit.address) },
          ...(isCompound
            ? [
                { key: 'isOld', label: t('org.isOld'), children: <YesNo v={unit.isOld} /> },
                { key: 'isRenovated', label: t('org.isRenovated'), children: <YesNo v={unit.isRenovated} /> },
                {
                  key: 'oc',
                  label: t('org.ownersCommittee'),
                  children: <OwnersCommitteeTag kind={unit.ownersCommittee} />,
                },
                { key: 'pc', label: t('org.propertyCompany'), children: dash(unit.propertyCompany) },
                { key: 'b', label: t('org.buildings'), children: buildings.isPending ? '…' : buildingList.length },
                { key: 'h', label: t('org.householdCount'), children: buildings.isPending ? '…' : households },
              ]
            : [{ key: 'children', label: t('org.childCount'), children: unit.childCount }]),
        ]}
      />

      {isCompound ? (
        <>
          <Typography.Title level={5} style={{ marginTop: 20 }}>
            {t('org.buildings')}
          </Typography.Title>
          {buildings.isError && <Alert type="error" showIcon title={errorMessage(buildings.error)} />}
          <Table<Building>
            data-testid="buildings-table"
            size="small"
            rowKey="id"
            loading={buildings.isFetching}
            dataSource={buildingList}
            columns={buildingColumns}
            pagination={buildingList.length > 20 ? { pageSize: 20 } : false}
          />
        </>
      ) : (
        unit.childCount > 0 && (
          <Table<OrgUnit>
            style={{ marginTop: 20 }}
            data-testid="org-children-table"
            size="small"
            rowKey="id"
            loading={childrenQ.isFetching}
            dataSource={childrenQ.data ?? []}
            columns={childColumns}
            pagination={(childrenQ.data?.length ?? 0) > 20 ? { pageSize: 20 } : false}
            onRow={(r) => ({ onClick: () => onSelect(r.id), style: { cursor: 'pointer' } })}
          />
        )
      )}

      <CompoundFormModal
        open={compoundModal.open}
        compound={compoundModal.compound}
        communityId={canHoldCompounds(unit) ? unit.id : undefined}
        onClose={() => setCompoundModal({ open: false, compound: null })}
        onSaved={(u, created) => {
          void qc.invalidateQueries({ queryKey: orgKeys.all });
          onCompoundSaved(u, created);
        }}
      />
      {isCompound && (
        <BuildingFormModal
          open={buildingModal.open}
          compoundId={unit.id}
          building={buildingModal.building}
          onClose={() => setBuildingModal({ open: false, building: null })}
        />
      )}
    </Card>
  );
}
