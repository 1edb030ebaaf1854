import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { App, Button, Card, Form, Input, List, Modal, Select, Space, Tag, Typography } from 'antd';
import { errorMessage } from '../../lib/api';
import { useCan } from '../auth/useCurrentUser';
import { SITE_LEVELS, type SiteLevel } from '../../../shared/party-programmes.constants';
import type { Programme, Site } from '../../../shared/party-programmes.schema';
import { CompoundPicker } from '../work-orders/CompoundPicker';
import { useDesignateSite, useRevokeSite, useSites } from './programmes.api';

/** 党建示范点 of the year: the list with revoke, and designating a compound of the caller's area. */
export function DemonstrationSitesCard({ year, programmes }: { year: number; programmes: Programme[] }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const can = useCan();
  const sites = useSites(year);
  const designate = useDesignateSite();
  const [compound, setCompound] = useState<{ id?: string; name?: string }>({});
  const [level, setLevel] = useState<SiteLevel>('district');
  const [note, setNote] = useState('');
  const [revoking, setRevoking] = useState<Site>();
  const demo = programmes.find((p) => p.key === 'demonstration');
  return (
    <Card title={t('programmes.sites')} data-testid="site-card">
      {can('party.manage') && year <= new Date().getFullYear() && (
        <Space wrap style={{ marginBottom: 12 }} data-testid="site-form">
          <CompoundPicker
            value={compound.id}
            valueName={compound.name}
            onChange={(id, name) => setCompound({ id, name })}
            testId="site-compound"
            width={220}
          />
          <Select<SiteLevel>
            value={level}
            onChange={setLevel}
            style={{ width: 110 }}
            data-testid="site-level"
            options={SITE_LEVELS.map((l) => ({ value: l, label: t(`programmes.levels.${l}`) }))}
          />
          <Input
            value={note}
            onChange={(e) => setNote(e.target.value)}
            placeholder={t('programmes.siteNote')}
            style={{ width: 220, maxWidth: '100%' }}
            maxLength={500}
            data-testid="site-note"
          />
          <Button
            type="primary"
            disabled={!compound.id}
            loading={designate.isPending}
            data-testid="site-submit"
            onClick={() =>
              designate.mutate(
                { subjectKind: 'org_unit', subjectId: compound.id!, level, year, programmeId: demo?.id, note },
                {
                  onSuccess: (s) => {
                    void message.success(t('programmes.designated', { name: s.name }));
                    setCompound({});
                    setNote('');
                  },
                  onError: (e) => void message.error(errorMessage(e)),
                },
              )
            }
          >
            {t('programmes.designate')}
          </Button>
        </Space>
      )}
      <List
        data-testid="site-list"
        loading={sites.isLoading}
        dataSource={sites.data ?? []}
        locale={{ emptyText: t('programmes.noSites') }}
        renderItem={(s) => (
          <List.Item
            key={s.id}
            data-testid={`site-${s.id}`}
            actions={
              s.canRevoke
                ? [
                    <Button
                      key="r"
                      size="small"
                      danger
                      onClick={() => setRevoking(s)}
                      data-testid={`site-revoke-${s.id}`}
                    >
                      {t('programmes.revoke')}
                    </Button>,
                  ]
                : []
            }
          >
            <Space direction="vertical" size={2} style={{ minWidth: 0 }}>
              <Space wrap size={4}>
                <Typography.Text strong delete={!!s.revokedAt}>
                  {s.name}
                </Typography.Text>
                <Tag color={s.level === 'district' ? 'red' : s.level === 'city' ? 'volcano' : 'gold'}>
                  {t(`programmes.levels.${s.level}`)}
                </Tag>
                <Tag>{s.year}</Tag>
                {s.revokedAt && <Tag>{t('programmes.revoked')}</Tag>}
              </Space>
              <Typography.Text type="secondary" style={{ overflowWrap: 'anywhere' }}>
                {s.unitName !== s.name ? `${s.unitName} · ` : ''}
                {s.revokedAt ? s.revokeReason : s.note}
              </Typography.Text>
            </Space>
          </List.Item>
        )}
      />
      {revoking && <RevokeModal site={revoking} onClose={() => setRevoking(undefined)} />}
    </Card>
  );
}

function RevokeModal({ site, onClose }: { site: Site; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const revoke = useRevokeSite();
  const [form] = Form.useForm<{ reason: string }>();
  return (
    <Modal
      open
      title={t('programmes.revokeTitle', { name: site.name })}
      onCancel={onClose}
      onOk={() => form.submit()}
      okButtonProps={{ danger: true, loading: revoke.isPending, 'data-testid': 'site-revoke-submit' } as never}
      okText={t('programmes.revoke')}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        onFinish={(v) =>
          revoke.mutate(
            { id: site.id, reason: v.reason, version: site.version },
            {
              onSuccess: () => {
                void message.success(t('programmes.revokedOk'));
                onClose();
              },
              onError: (e) => void message.error(errorMessage(e)),
            },
          )
        }
      >
        <Form.Item name="reason" label={t('programmes.reason')} rules={[{ required: true, min: 2 }]}>
          <Input.TextArea rows={2} maxLength={500} data-testid="site-revoke-reason" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
