import { useState } from 'react';
import { Alert, App as AntApp, Button, Drawer, Grid, Segmented, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { ResponsiveTable } from '../../app/ResponsiveTable';
import { errorMessage } from '../../lib/api';
import { useCan } from '../auth/useCurrentUser';
import { formatDateTime } from '../work-orders/OrderBits';
import { CreateConsultationDialog } from './CreateConsultationDialog';
import { PaperBallotDialog } from './PaperBallotDialog';
import { ResultsView } from './ResultsView';
import { StatusTag } from './StatusTag';
import {
  useChangeState,
  useConsultation,
  useConsultations,
  useResults,
  type Consultation,
  type Status,
} from './consultations.api';

/** 征求民意: the consultations in scope with their status; open one, see it live, enter paper ballots, publish. */
export default function ConsultationsPage() {
  const { t } = useTranslation();
  const can = useCan();
  const [status, setStatus] = useState<Status | 'all'>('all');
  const list = useConsultations(status === 'all' ? undefined : status);
  const [creating, setCreating] = useState(false);
  const [openId, setOpenId] = useState<string | null>(null);
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }} data-testid="consult-page">
      <Space wrap style={{ justifyContent: 'space-between', width: '100%' }}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('consult.title')}
        </Typography.Title>
        {can('consultations.manage') && (
          <Button type="primary" onClick={() => setCreating(true)} data-testid="consult-new">
            {t('consult.new')}
          </Button>
        )}
      </Space>
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
        {t('consult.hint')}
      </Typography.Paragraph>
      <Segmented
        value={status}
        onChange={(v) => setStatus(v as Status | 'all')}
        options={(['all', 'open', 'closed', 'published'] as const).map((s) => ({
          value: s,
          label: s === 'all' ? t('consult.all') : t(`consult.statuses.${s}`),
        }))}
      />
      {list.error && <Alert type="error" showIcon title={errorMessage(list.error)} />}
      <ResponsiveTable<Consultation>
        rowKey="id"
        size="small"
        loading={list.isPending}
        dataSource={list.data?.items ?? []}
        pagination={{ pageSize: 20 }}
        data-testid="consult-list"
        onRow={(c) => ({
          onClick: () => setOpenId(c.id),
          style: { cursor: 'pointer' },
          'data-testid': `consult-row-${c.title}`,
        })}
        columns={[
          { title: t('consult.titleCol'), dataIndex: 'title' },
          {
            title: t('consult.kind'),
            dataIndex: 'kind',
            width: 130,
            render: (k: Consultation['kind']) => t(`consult.kinds.${k}`),
          },
          { title: t('consult.scope'), dataIndex: 'scopeName' },
          {
            title: t('consult.organiser'),
            dataIndex: 'organiserKind',
            render: (k: Consultation['organiserKind'], c) => `${t(`consult.organisers.${k}`)} · ${c.createdByName}`,
          },
          { title: t('consult.closesAt'), dataIndex: 'closesAt', width: 150, render: (v: string) => formatDateTime(v) },
          { title: t('consult.ballots'), dataIndex: 'ballots', width: 90 },
          {
            title: t('consult.status'),
            dataIndex: 'status',
            width: 90,
            render: (s: Status) => <StatusTag status={s} />,
          },
        ]}
      />
      {creating && (
        <CreateConsultationDialog
          onClose={(id) => {
            setCreating(false);
            if (id) setOpenId(id);
          }}
        />
      )}
      {openId && <ConsultationDrawer id={openId} onClose={() => setOpenId(null)} />}
    </Space>
  );
}

/** One consultation for its organiser: what it asks, the live result, paper ballots, closing and publishing. */
function ConsultationDrawer({ id, onClose }: { id: string; onClose: () => void }) {
  const { t } = useTranslation();
  const screens = Grid.useBreakpoint();
  const { message, modal } = AntApp.useApp();
  const detail = useConsultation(id);
  const c = detail.data?.consultation;
  const manage = !!detail.data?.canManage;
  const results = useResults(id, !!c && (manage || c.status === 'published'), c?.status === 'open');
  const change = useChangeState(id);
  const [paper, setPaper] = useState(false);
  const act = (to: 'close' | 'publish') =>
    modal.confirm({
      title: to === 'close' ? t('consult.closeConfirm') : t('consult.publishConfirm'),
      okButtonProps: { ...{ 'data-testid': 'consult-confirm' } },
      onOk: () =>
        change
          .mutateAsync({ to, version: c!.version })
          .then(() => void message.success(to === 'close' ? t('consult.closedOk') : t('consult.publishedOk')))
          .catch((e: unknown) => void message.error(errorMessage(e))),
    });
  return (
    <Drawer
      open
      onClose={onClose}
      size={screens.md ? 760 : '100%'}
      title={c?.title ?? t('app.loading')}
      destroyOnHidden
      data-testid="consult-drawer"
    >
      {detail.error && <Alert type="error" showIcon title={errorMessage(detail.error)} />}
      {c && detail.data && (
        <Space orientation="vertical" size={12} style={{ width: '100%' }}>
          <Space wrap size={4}>
            <StatusTag status={c.status} />
            <Tag>{t(`consult.kinds.${c.kind}`)}</Tag>
            <Tag>{t(`consult.per.${c.answerPer}`)}</Tag>
            <Tag>{c.isAnonymous ? t('consult.anonymous') : t('consult.named')}</Tag>
            {c.matter && <Tag color="purple">{t(`consult.matters.${c.matter}`)}</Tag>}
          </Space>
          <Typography.Text type="secondary">
            {c.scopeName} · {t(`consult.organisers.${c.organiserKind}`)} {c.createdByName} ·{' '}
            {t('consult.closesAtValue', { at: formatDateTime(c.closesAt) })}
          </Typography.Text>
          {c.description && <Typography.Paragraph style={{ margin: 0 }}>{c.description}</Typography.Paragraph>}
          {manage && c.status !== 'published' && (
            <Space wrap>
              {c.status === 'open' && (
                <>
                  <Button onClick={() => setPaper(true)} data-testid="consult-paper">
                    {t('consult.enterPaper')}
                  </Button>
                  <Button danger onClick={() => act('close')} data-testid="consult-close">
                    {t('consult.closeEarly')}
                  </Button>
                </>
              )}
              {c.status === 'closed' && (
                <>
                  <Button onClick={() => setPaper(true)} data-testid="consult-paper">
                    {t('consult.enterPaper')}
                  </Button>
                  <Button type="primary" onClick={() => act('publish')} data-testid="consult-publish">
                    {t('consult.publish')}
                  </Button>
                </>
              )}
            </Space>
          )}
          {manage && c.status === 'open' && <Alert type="info" showIcon title={t('consult.liveHint')} />}
          {results.error && <Alert type="warning" showIcon title={errorMessage(results.error)} />}
          {results.data && <ResultsView r={results.data} center={detail.data.center} />}
          {paper && <PaperBallotDialog detail={detail.data} onClose={() => setPaper(false)} />}
        </Space>
      )}
    </Drawer>
  );
}
