import { useState } from 'react';
import { Alert, App as AntApp, Button, Space, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../lib/api';
import { formatDateTime } from '../work-orders/OrderBits';
import { TextDialog } from '../work-orders/OrderDialogs';
import { useReferralInbox, useRespondReferral } from './minor-protection.api';
import type { Referral } from './types';

/** Referrals addressed to the caller's department or organisation (the child is masked): acknowledge by the deadline, then report back. */
export default function ReferralInboxPage() {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const inbox = useReferralInbox();
  const [reporting, setReporting] = useState<Referral | null>(null);
  const respond = useRespondReferral({
    onSuccess: () => {
      setReporting(null);
      void message.success(t('minor.visit.saved'));
    },
    onError: (e) => void message.error(errorMessage(e)),
  });
  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }} data-testid="referral-inbox">
      <Typography.Title level={4} style={{ margin: 0 }}>
        {t('menu.minorReferrals')}
      </Typography.Title>
      {inbox.isError && <Alert type="error" title={errorMessage(inbox.error)} />}
      <Table
        size="small"
        rowKey="id"
        loading={inbox.isPending}
        dataSource={inbox.data ?? []}
        pagination={{ pageSize: 20 }}
        columns={[
          { title: t('minor.fields.caseNo'), dataIndex: 'caseNo', width: 120 },
          { title: t('minor.referrals.child'), dataIndex: 'childMasked', width: 90 },
          {
            title: t('minor.referrals.request'),
            dataIndex: 'request',
            render: (v: string | null, r: Referral) => (
              <>
                {v}
                {r.report && (
                  <div>
                    <Typography.Text type="success">{r.report}</Typography.Text>
                  </div>
                )}
              </>
            ),
          },
          {
            title: t('minor.referrals.ackDueAt'),
            dataIndex: 'ackDueAt',
            width: 160,
            render: (v: string, r: Referral) =>
              r.isAckOverdue ? <Typography.Text type="danger">{formatDateTime(v)}</Typography.Text> : formatDateTime(v),
          },
          {
            title: t('minor.referrals.status'),
            dataIndex: 'status',
            width: 220,
            render: (s: Referral['status'], r: Referral) => (
              <Space>
                <Tag>{t(`minor.referrals.statuses.${s}`)}</Tag>
                {r.canRespond && s === 'pending' && (
                  <Button
                    size="small"
                    loading={respond.isPending}
                    onClick={() => respond.mutate({ id: r.id, action: 'acknowledge' })}
                  >
                    {t('minor.referrals.acknowledge')}
                  </Button>
                )}
                {r.canRespond && (
                  <Button size="small" onClick={() => setReporting(r)}>
                    {t('minor.referrals.report')}
                  </Button>
                )}
              </Space>
            ),
          },
        ]}
      />
      <TextDialog
        open={reporting !== null}
        title={t('minor.referrals.report')}
        label={t('minor.referrals.reportText')}
        loading={respond.isPending}
        testId="inbox-report"
        onCancel={() => setReporting(null)}
        onSubmit={(report) => reporting && respond.mutate({ id: reporting.id, action: 'report', report })}
      />
    </Space>
  );
}
