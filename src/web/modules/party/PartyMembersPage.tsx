import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { App, Button, Card, DatePicker, Form, Input, Modal, Radio, Select, Space, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { errorMessage } from '../../lib/api';
import type { Member } from '../../../shared/party.schema';
import { MEMBER_STAGES, PIPELINE_RULES, type MemberStage } from '../../../shared/party.constants';
import { useCan } from '../auth/useCurrentUser';
import { useAdvanceMember, useMembers, useTransferMember } from './party-org.api';
import { RegisterMemberModal } from './RegisterMemberModal';
import { TransferInModal } from './TransferInModal';

const NEXT: Partial<Record<MemberStage, MemberStage>> = {
  applicant: 'activist',
  activist: 'candidate',
  candidate: 'probationary',
  probationary: 'full',
};

/** 党员名册: the registry (masked, in scope), the development pipeline with its dates and intervals, transfers. */
export default function PartyMembersPage() {
  const { t } = useTranslation();
  const can = useCan();
  const [stage, setStage] = useState<MemberStage>();
  const [offset, setOffset] = useState(0);
  const list = useMembers({ stage, offset });
  const [advancing, setAdvancing] = useState<Member | null>(null);
  const [moving, setMoving] = useState<Member | null>(null);
  const [adding, setAdding] = useState<'register' | 'transfer-in' | null>(null);
  const manage = can('party.manage');
  return (
    <Card
      title={t('partyMembers.title')}
      data-testid="party-members"
      extra={
        manage && (
          <Space wrap size={8}>
            <Button type="primary" onClick={() => setAdding('register')} data-testid="party-register">
              {t('partyMembers.register')}
            </Button>
            <Button onClick={() => setAdding('transfer-in')} data-testid="party-transfer-in">
              {t('partyMembers.transferIn')}
            </Button>
          </Space>
        )
      }
    >
      <Typography.Paragraph type="secondary">
        {t('partyMembers.rules', {
          a: PIPELINE_RULES.activistMonths,
          p: PIPELINE_RULES.probationMonths,
          n: PIPELINE_RULES.introducers,
        })}
      </Typography.Paragraph>
      <Radio.Group
        value={stage ?? ''}
        onChange={(e) => {
          setStage((e.target.value as MemberStage) || undefined);
          setOffset(0);
        }}
        style={{ marginBottom: 12, display: 'flex', flexWrap: 'wrap', gap: 4 }}
        data-testid="party-members-stage"
      >
        <Radio.Button value="">{t('partyMembers.all')}</Radio.Button>
        {MEMBER_STAGES.map((s) => (
          <Radio.Button key={s} value={s}>
            {t(`partyMembers.stages.${s}`)}
          </Radio.Button>
        ))}
      </Radio.Group>
      <Table<Member>
        size="small"
        rowKey="id"
        loading={list.isLoading}
        dataSource={list.data?.items ?? []}
        scroll={{ x: 'max-content' }}
        pagination={{
          pageSize: 20,
          total: list.data?.total ?? 0,
          current: offset / 20 + 1,
          onChange: (p) => setOffset((p - 1) * 20),
          showSizeChanger: false,
        }}
        columns={[
          { key: 'name', dataIndex: 'name', title: t('partyOrg.name'), width: 90 },
          { key: 'id', dataIndex: 'idMasked', title: t('people.idMasked') },
          { key: 'phone', dataIndex: 'phoneMasked', title: t('people.phone') },
          { key: 'org', dataIndex: 'partyOrgName', title: t('partyMembers.org') },
          {
            key: 'relation',
            dataIndex: 'relation',
            title: t('partyMembers.relation'),
            render: (v: string) => t(`partyMembers.relations.${v}` as 'partyMembers.relations.reported'),
          },
          {
            key: 'stage',
            dataIndex: 'stage',
            title: t('partyMembers.stage'),
            render: (v: MemberStage, m) => (
              <Space size={4}>
                <Tag color={v === 'full' ? 'red' : 'blue'}>{t(`partyMembers.stages.${v}`)}</Tag>
                {m.status === 'transferred_out' && <Tag>{t('partyMembers.out')}</Tag>}
              </Space>
            ),
          },
          {
            key: 'dates',
            title: t('partyMembers.dates'),
            render: (_: unknown, m) =>
              [m.appliedOn, m.activistOn, m.candidateOn, m.probationaryOn, m.fullOn].map((d) => d ?? '—').join(' → '),
          },
          { key: 'next', dataIndex: 'nextEarliest', title: t('partyMembers.nextEarliest') },
          ...(manage
            ? [
                {
                  key: 'act',
                  title: '',
                  render: (_: unknown, m: Member) =>
                    m.status === 'active' && (
                      <Space size={4}>
                        {NEXT[m.stage] && (
                          <Button size="small" onClick={() => setAdvancing(m)} data-testid={`party-advance-${m.id}`}>
                            {t('partyMembers.advance')}
                          </Button>
                        )}
                        <Button size="small" onClick={() => setMoving(m)}>
                          {t('partyMembers.transfer')}
                        </Button>
                      </Space>
                    ),
                },
              ]
            : []),
        ]}
      />
      {advancing && <AdvanceModal m={advancing} onClose={() => setAdvancing(null)} />}
      {moving && <TransferModal m={moving} onClose={() => setMoving(null)} />}
      {adding === 'register' && <RegisterMemberModal onClose={() => setAdding(null)} />}
      {adding === 'transfer-in' && <TransferInModal onClose={() => setAdding(null)} />}
    </Card>
  );
}

function AdvanceModal({ m, onClose }: { m: Member; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const adv = useAdvanceMember();
  const full = useMembers({ partyOrgId: m.partyOrgId, stage: 'full' });
  const next = NEXT[m.stage]!;
  const [form] = Form.useForm<{ on: dayjs.Dayjs; introducerIds?: string[] }>();
  return (
    <Modal
      open
      title={`${m.name} → ${t(`partyMembers.stages.${next}`)}`}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={adv.isPending}
    >
      {m.nextEarliest && (
        <Typography.Paragraph type="secondary">
          {t('partyMembers.nextEarliest')}: {m.nextEarliest}
        </Typography.Paragraph>
      )}
      <Form
        form={form}
        layout="vertical"
        initialValues={{ on: dayjs() }}
        onFinish={(v) =>
          adv.mutate(
            {
              id: m.id,
              stage: next,
              on: v.on.format('YYYY-MM-DD'),
              introducerIds: v.introducerIds ?? [],
              version: m.version,
            },
            {
              onSuccess: () => {
                void message.success(t('partyOrg.saved'));
                onClose();
              },
              onError: (e) => void message.error(errorMessage(e)),
            },
          )
        }
      >
        <Form.Item name="on" label={t('partyMembers.on')} rules={[{ required: true }]}>
          <DatePicker />
        </Form.Item>
        {next === 'probationary' && (
          <Form.Item name="introducerIds" label={t('partyMembers.introducers')}>
            <Select
              mode="multiple"
              maxCount={2}
              options={(full.data?.items ?? []).map((f) => ({ value: f.id, label: f.name }))}
            />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}

function TransferModal({ m, onClose }: { m: Member; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const tr = useTransferMember();
  const [form] = Form.useForm<{ externalOrg: string; letterNo?: string; on: dayjs.Dayjs }>();
  return (
    <Modal
      open
      title={`${m.name} · ${t('partyMembers.transferOut')}`}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={tr.isPending}
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{ on: dayjs() }}
        onFinish={(v) =>
          tr.mutate(
            {
              id: m.id,
              direction: 'out',
              externalOrg: v.externalOrg,
              letterNo: v.letterNo?.trim() || undefined,
              on: v.on.format('YYYY-MM-DD'),
              version: m.version,
            },
            {
              onSuccess: () => {
                void message.success(t('partyOrg.saved'));
                onClose();
              },
              onError: (e) => void message.error(errorMessage(e)),
            },
          )
        }
      >
        <Form.Item name="externalOrg" label={t('partyMembers.toOrg')} rules={[{ required: true, min: 2 }]}>
          <Input />
        </Form.Item>
        <Form.Item name="letterNo" label={t('partyMembers.letterNo')} rules={[{ max: 40 }]}>
          <Input maxLength={40} />
        </Form.Item>
        <Form.Item name="on" label={t('partyMembers.on')} rules={[{ required: true }]}>
          <DatePicker />
        </Form.Item>
      </Form>
    </Modal>
  );
}
