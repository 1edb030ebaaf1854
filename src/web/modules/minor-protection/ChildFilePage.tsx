import { useState } from 'react';
import { Alert, App as AntApp, Button, Result, Skeleton, Space, Typography } from 'antd';
import { ArrowLeftOutlined, LockOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { ApiError, errorMessage, isVersionConflict } from '../../lib/api';
import { TextDialog } from '../work-orders/OrderDialogs';
import { ConsentDialog, ReferralDialog, ServiceDialog } from './CaseDialogs';
import { CaseMaterials } from './CaseMaterials';
import { FileFacts, ServicesCard, ReferralsCard, ConsentsCard, EventsCard } from './ChildFileCards';
import { CaseStatusTag, RiskTag } from './MinorBits';
import { useCaseAction, useMinorCase, useRespondReferral } from './minor-protection.api';
import type { Referral } from './types';

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
  const { message } = AntApp.useApp();
  const q = useMinorCase(id);
  const [dialog, setDialog] = useState<Dialog>(null);

  const onError = (e: unknown) => {
    void message.error(errorMessage(e));
    if (isVersionConflict(e)) void q.refetch();
  };
  const act = useCaseAction(id, {
    onSuccess: () => {
      setDialog(null);
      void message.success(t('minor.visit.saved'));
    },
    onError,
  });
  const respond = useRespondReferral({
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

      <FileFacts c={c} />
      <ServicesCard services={c.services} />
      {idn && (
        <CaseMaterials
          files={c.materials}
          canWork={can.work}
          loading={act.isPending}
          onSubmit={(a, done) => act.mutate(a, { onSuccess: done })}
        />
      )}
      <ReferralsCard
        referrals={c.referrals}
        onAcknowledge={(r) => respond.mutate({ id: r.id, action: 'acknowledge' })}
        onReport={(r) => setDialog({ report: r })}
      />
      {idn && <ConsentsCard consents={c.consents} />}
      <EventsCard events={c.events} />

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
          if (typeof dialog === 'object' && dialog) respond.mutate({ id: dialog.report.id, action: 'report', report });
        }}
      />
    </Space>
  );
}
