import { useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App as AntApp,
  Button,
  Card,
  Descriptions,
  List,
  Result,
  Skeleton,
  Space,
  Table,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import { ArrowLeftOutlined, LockOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { ApiError, errorMessage, isVersionConflict } from '../../lib/api';
import { formatDateTime } from '../work-orders/OrderBits';
import { TextDialog } from '../work-orders/OrderDialogs';
import { ConsentDialog, ReferralDialog, ServiceDialog } from './CaseDialogs';
import { CaseStatusTag, CategoryTags, RiskTag, VisitDue } from './MinorBits';
import { minorKeys, respondReferral, runCaseAction, useMinorCase, type CaseAction } from './minor-protection.api';
import type { CaseResponse, Referral, Service } from './types';

type Dialog =
  | 'visit'
  | 'service'
  | 'consent'
  | 'referral'
  | 'closure'
  | 'approve'
  | 'reject'
  | 'reopen'
  | { report: Referral }
  | null;

/** One child's file: identity only for the assigned worker, station head and city centre; masked otherwise. Every open is audited by the server. */
export default function ChildFilePage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const { message } = AntApp.useApp();
  const q = useMinorCase(id);
  const [dialog, setDialog] = useState<Dialog>(null);

  const onDone = (data: CaseResponse) => {
    qc.setQueryData(minorKeys.detail(id), data);
    void qc.invalidateQueries({ queryKey: minorKeys.tasks });
    setDialog(null);
    void message.success(t('minor.visit.saved'));
  };
  const onError = (e: unknown) => {
    void message.error(errorMessage(e));
    if (isVersionConflict(e)) void q.refetch();
  };
  const act = useMutation({ mutationFn: (a: CaseAction) => runCaseAction(id, a), onSuccess: onDone, onError });
  const respond = useMutation({
    mutationFn: (a: { referral: Referral; action: 'acknowledge' | 'report'; report?: string }) =>
      respondReferral(a.referral.id, a.action, a.report),
    onSuccess: () => {
      setDialog(null);
      void q.refetch();
      void message.success(t('minor.visit.saved'));
    },
    onError,
  });

  if (q.isPending) return <Skeleton active />;
  if (q.isError || !q.data) {
    const status =
      q.error instanceof ApiError && (q.error.status === 403 || q.error.status === 404)
        ? (String(q.error.status) as '403' | '404')
        : 'error';
    return (
      <Result
        status={status}
        title={errorMessage(q.error)}
        data-testid="case-error"
        extra={<Button onClick={() => void navigate('/minor')}>{t('minor.detail.back')}</Button>}
      />
    );
  }
  const { case: c, can } = q.data;
  const idn = c.identity;

  const serviceColumns = [
    { title: t('minor.services.servedOn'), dataIndex: 'servedOn', width: 110 },
    {
      title: t('minor.services.kind'),
      dataIndex: 'kind',
      width: 110,
      render: (k: Service['kind']) => t(`minor.services.kinds.${k}`),
    },
    { title: t('minor.services.worker'), dataIndex: 'workerName', width: 160 },
    {
      title: t('minor.services.outcome'),
      dataIndex: 'outcome',
      render: (v: string | null, s: Service) =>
        v === null ? (
          <Typography.Text type="secondary">{t('minor.masked.serviceHidden')}</Typography.Text>
        ) : (
          <Space orientation="vertical" size={0}>
            <span>{v}</span>
            {s.visit && (
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {s.visit.childSeen ? t('minor.visit.childSeen') : '—'} · {t('minor.visit.living')}：
                {t(`minor.visit.livingConditions.${s.visit.livingConditions}`)}
                {s.visit.notes ? ` · ${s.visit.notes}` : ''}
              </Typography.Text>
            )}
            {s.safetyConcern && <Tag color="red">{t('minor.visit.safety')}</Tag>}
          </Space>
        ),
    },
  ];

  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }} data-testid="child-file">
      <Space wrap style={{ justifyContent: 'space-between', width: '100%' }}>
        <Space wrap>
          <Button icon={<ArrowLeftOutlined />} onClick={() => void navigate('/minor')}>
            {t('minor.detail.back')}
          </Button>
          <Typography.Title level={4} style={{ margin: 0 }} data-testid="child-name">
            {c.name ?? c.nameMasked}
          </Typography.Title>
          <Typography.Text type="secondary">{c.caseNo}</Typography.Text>
          <CaseStatusTag status={c.status} />
          <RiskTag risk={c.riskLevel} />
        </Space>
        <Space wrap>
          {can.work && (
            <Button type="primary" onClick={() => setDialog('visit')} data-testid="visit-open">
              {t('minor.visit.record')}
            </Button>
          )}
          {can.work && (
            <Button onClick={() => setDialog('service')} data-testid="service-open">
              {t('minor.visit.recordService')}
            </Button>
          )}
          {can.work && (
            <Button onClick={() => setDialog('consent')} data-testid="consent-open">
              {t('minor.consents.add')}
            </Button>
          )}
          {can.work && (
            <Button onClick={() => setDialog('referral')} data-testid="referral-open">
              {t('minor.referrals.add')}
            </Button>
          )}
          {can.requestClosure && (
            <Button onClick={() => setDialog('closure')} data-testid="closure-open">
              {t('minor.closure.request')}
            </Button>
          )}
          {can.decideClosure && (
            <Button type="primary" onClick={() => setDialog('approve')} data-testid="closure-approve">
              {t('minor.closure.approve')}
            </Button>
          )}
          {can.decideClosure && (
            <Button danger onClick={() => setDialog('reject')} data-testid="closure-reject">
              {t('minor.closure.reject')}
            </Button>
          )}
          {can.reopen && (
            <Button onClick={() => setDialog('reopen')} data-testid="reopen-open">
              {t('minor.closure.reopen')}
            </Button>
          )}
        </Space>
      </Space>

      {idn ? (
        <Alert type="info" showIcon icon={<LockOutlined />} title={t('minor.identityAudited')} />
      ) : (
        <Alert
          type="warning"
          showIcon
          icon={<LockOutlined />}
          title={t('minor.masked.title')}
          description={t('minor.masked.body')}
          data-testid="identity-masked"
        />
      )}

      <Card size="small">
        <Descriptions size="small" column={{ xs: 1, md: 2, lg: 3 }} bordered>
          <Descriptions.Item label={t('minor.fields.name')}>
            <span data-testid="field-name">{idn?.name ?? c.nameMasked}</span>
          </Descriptions.Item>
          <Descriptions.Item label={t('minor.fields.age')}>
            {t(`minor.gender.${c.gender}`)} ·{' '}
            {c.age !== null
              ? t('minor.fields.years', { count: c.age })
              : t('minor.fields.ageBand', { band: c.ageBand })}
          </Descriptions.Item>
          <Descriptions.Item label={t('minor.fields.community')}>
            {c.communityName ? `${c.streetName} · ${c.communityName}` : c.streetName}
          </Descriptions.Item>
          <Descriptions.Item label={t('minor.fields.categories')}>
            <CategoryTags ids={c.categories} />
          </Descriptions.Item>
          <Descriptions.Item label={t('minor.fields.worker')}>{c.workerName ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('minor.fields.openedOn')}>{c.openedOn}</Descriptions.Item>
          <Descriptions.Item label={t('minor.fields.lastVisit')}>
            <span data-testid="last-visit">{c.lastVisitOn ?? '—'}</span>
          </Descriptions.Item>
          <Descriptions.Item label={t('minor.fields.nextVisit')}>
            <VisitDue c={c} />
          </Descriptions.Item>
          <Descriptions.Item label={t('minor.fields.needs')}>
            {c.needs.map((n) => (
              <Tag key={n}>{t(`minor.services.kinds.${n}`)}</Tag>
            ))}
          </Descriptions.Item>
          {idn && (
            <>
              <Descriptions.Item label={t('minor.fields.idNumber')}>
                <span data-testid="field-id">{idn.idMasked ?? '—'}</span>
              </Descriptions.Item>
              <Descriptions.Item label={t('minor.fields.address')} span={2}>
                {idn.address ?? '—'}
              </Descriptions.Item>
              <Descriptions.Item label={t('minor.fields.guardians')} span={3}>
                <span data-testid="field-guardians">
                  {idn.guardians.map((g) => `${g.name}（${g.relation}）${g.phone ? ` ${g.phone}` : ''}`).join('；') ||
                    '—'}
                </span>
              </Descriptions.Item>
              <Descriptions.Item label={t('minor.fields.health')} span={3}>
                {idn.health ?? '—'}
              </Descriptions.Item>
              <Descriptions.Item label={t('minor.fields.assessment')} span={3}>
                {idn.assessmentNotes ?? '—'}
              </Descriptions.Item>
              <Descriptions.Item label={t('minor.fields.plan')} span={3}>
                <List
                  size="small"
                  dataSource={idn.planGoals}
                  locale={{ emptyText: '—' }}
                  renderItem={(g) => (
                    <List.Item>
                      <Tag color={g.done ? 'green' : 'default'}>{g.done ? '✓' : '…'}</Tag>
                      {g.text}
                    </List.Item>
                  )}
                />
              </Descriptions.Item>
            </>
          )}
        </Descriptions>
      </Card>

      <Card size="small" title={`${t('minor.services.title')}（${c.services.length}）`}>
        <Table
          size="small"
          rowKey="id"
          columns={serviceColumns}
          dataSource={[...c.services].reverse()}
          pagination={{ pageSize: 10 }}
          data-testid="services-table"
        />
      </Card>

      <Card size="small" title={t('minor.referrals.title')}>
        <Table
          size="small"
          rowKey="id"
          pagination={false}
          dataSource={c.referrals}
          columns={[
            {
              title: t('minor.referrals.receiver'),
              dataIndex: 'receiverName',
              render: (v: string, r: Referral) => (
                <>
                  {v} <Tag>{t(`minor.referrals.kinds.${r.receiverKind}`)}</Tag>
                </>
              ),
            },
            {
              title: t('minor.referrals.request'),
              dataIndex: 'request',
              render: (v: string | null, r: Referral) => (
                <>
                  {v ?? t('minor.masked.serviceHidden')}
                  {r.report && (
                    <div>
                      <Typography.Text type="success">{r.report}</Typography.Text>
                    </div>
                  )}
                </>
              ),
            },
            {
              title: t('minor.referrals.basis'),
              dataIndex: 'basis',
              width: 140,
              render: (b: Referral['basis']) => (
                <Tag color={b === 'override' ? 'orange' : 'blue'}>{t(`minor.referrals.bases.${b}`)}</Tag>
              ),
            },
            {
              title: t('minor.referrals.ackDueAt'),
              dataIndex: 'ackDueAt',
              width: 150,
              render: (v: string, r: Referral) =>
                r.isAckOverdue ? (
                  <Typography.Text type="danger">{formatDateTime(v)}</Typography.Text>
                ) : (
                  formatDateTime(v)
                ),
            },
            {
              title: t('minor.referrals.status'),
              dataIndex: 'status',
              width: 180,
              render: (s: Referral['status'], r: Referral) => (
                <Space>
                  <Tag>{t(`minor.referrals.statuses.${s}`)}</Tag>
                  {r.canRespond && s === 'pending' && (
                    <Button size="small" onClick={() => respond.mutate({ referral: r, action: 'acknowledge' })}>
                      {t('minor.referrals.acknowledge')}
                    </Button>
                  )}
                  {r.canRespond && (
                    <Button size="small" onClick={() => setDialog({ report: r })}>
                      {t('minor.referrals.report')}
                    </Button>
                  )}
                </Space>
              ),
            },
          ]}
        />
      </Card>

      {idn && (
        <Card size="small" title={t('minor.consents.title')}>
          <List
            size="small"
            dataSource={c.consents}
            locale={{ emptyText: t('minor.consents.none') }}
            renderItem={(x) => (
              <List.Item>
                {x.guardian} · {x.givenOn} · {x.scope}
                {x.withdrawn && <Tag>withdrawn</Tag>}
              </List.Item>
            )}
          />
        </Card>
      )}

      <Card size="small" title={t('minor.events.title')}>
        <Timeline
          items={c.events.map((e) => ({
            color: e.type.includes('overdue') ? 'red' : e.type === 'closed' ? 'green' : 'blue',
            content: (
              <div data-testid={`case-event-${e.type}`}>
                <Space wrap size={6}>
                  <Typography.Text strong>
                    {t(`minor.events.${e.type}` as 'minor.events.opened', { defaultValue: e.type })}
                  </Typography.Text>
                  <span>{e.actorName}</span>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {formatDateTime(e.at)}
                  </Typography.Text>
                </Space>
                {e.note && <div style={{ whiteSpace: 'pre-wrap' }}>{e.note}</div>}
              </div>
            ),
          }))}
        />
      </Card>

      <ServiceDialog
        open={dialog === 'visit'}
        visit
        loading={act.isPending}
        onCancel={() => setDialog(null)}
        onSubmit={(a) => act.mutate(a)}
      />
      <ServiceDialog
        open={dialog === 'service'}
        visit={false}
        loading={act.isPending}
        onCancel={() => setDialog(null)}
        onSubmit={(a) => act.mutate(a)}
      />
      <ConsentDialog
        open={dialog === 'consent'}
        loading={act.isPending}
        onCancel={() => setDialog(null)}
        onSubmit={(a) => act.mutate(a)}
      />
      <ReferralDialog
        open={dialog === 'referral'}
        consents={c.consents}
        loading={act.isPending}
        onCancel={() => setDialog(null)}
        onSubmit={(a) => act.mutate(a)}
      />
      <TextDialog
        open={dialog === 'closure'}
        title={t('minor.closure.request')}
        label={t('minor.closure.reason')}
        loading={act.isPending}
        testId="closure"
        onCancel={() => setDialog(null)}
        onSubmit={(reason) => act.mutate({ kind: 'closure', body: { reason } })}
      />
      <TextDialog
        open={dialog === 'approve' || dialog === 'reject'}
        title={dialog === 'reject' ? t('minor.closure.reject') : t('minor.closure.approve')}
        label={t('minor.closure.note')}
        required={false}
        loading={act.isPending}
        testId="decide"
        onCancel={() => setDialog(null)}
        onSubmit={(note) =>
          act.mutate({ kind: 'decide', body: { approve: dialog === 'approve', ...(note ? { note } : {}) } })
        }
      />
      <TextDialog
        open={dialog === 'reopen'}
        title={t('minor.closure.reopen')}
        label={t('minor.closure.reopenReason')}
        loading={act.isPending}
        testId="reopen"
        onCancel={() => setDialog(null)}
        onSubmit={(reason) => act.mutate({ kind: 'reopen', body: { reason } })}
      />
      <TextDialog
        open={typeof dialog === 'object' && dialog !== null}
        title={t('minor.referrals.report')}
        label={t('minor.referrals.reportText')}
        loading={respond.isPending}
        testId="referral-report"
        onCancel={() => setDialog(null)}
        onSubmit={(report) => {
          if (typeof dialog === 'object' && dialog)
            respond.mutate({ referral: dialog.report, action: 'report', report });
        }}
      />
    </Space>
  );
}
