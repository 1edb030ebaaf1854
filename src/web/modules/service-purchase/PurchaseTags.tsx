import { Link } from 'react-router';
import { Space, Tag, type TableColumnsType } from 'antd';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { yuan } from './purchase.api';
import type { ContractSummary, ProposalSummary, Round } from './types';

/** The round's stage; an open call past its deadline reads 已截止，待初筛, not 申报中. */
export function RoundStatusTag({ round }: { round: Pick<Round, 'status' | 'isAcceptingProposals'> }) {
  const { t } = useTranslation();
  const { status } = round;
  const closed = status === 'open' && !round.isAcceptingProposals;
  const color = closed
    ? 'gold'
    : {
        draft: 'default',
        open: 'processing',
        screening: 'cyan',
        scoring: 'purple',
        notice: 'orange',
        awarded: 'success',
      }[status];
  return (
    <Tag color={color} data-testid="round-status">
      {closed ? t('purchase.status.closedAwaitingScreening') : t(`purchase.status.${status}`)}
    </Tag>
  );
}

export function contractColumns(t: TFunction): TableColumnsType<ContractSummary> {
  return [
    {
      title: t('purchase.contract.no'),
      dataIndex: 'no',
      render: (v: string, r) => <Link to={`/purchase/contracts/${r.id}`}>{v}</Link>,
    },
    { title: t('purchase.proposal.title'), dataIndex: 'title' },
    { title: t('purchase.contract.buyer'), dataIndex: 'buyerName' },
    { title: t('purchase.proposal.org'), dataIndex: 'orgName' },
    { title: t('purchase.contract.amount'), dataIndex: 'amountCents', align: 'right', render: (v: number) => yuan(v) },
    {
      title: t('purchase.contract.released'),
      dataIndex: 'releasedCents',
      align: 'right',
      render: (v: number) => yuan(v),
    },
    { title: t('purchase.contract.activities'), dataIndex: 'activities', align: 'right' },
    { title: t('purchase.contract.beneficiaries'), dataIndex: 'beneficiaries', align: 'right' },
    {
      title: t('purchase.contract.status'),
      dataIndex: 'status',
      render: (v: ContractSummary['status'], r) => (
        <Space size={4}>
          <Tag>{t(`purchase.contractStatus.${v}`)}</Tag>
          {r.evaluationGrade ? <Tag color="green">{r.evaluationGrade}</Tag> : null}
        </Space>
      ),
    },
  ];
}

export function ResultTag({ p }: { p: Pick<ProposalSummary, 'status' | 'screening' | 'result'> }) {
  const { t } = useTranslation();
  if (p.status === 'withdrawn') return <Tag>{t('purchase.proposal.withdrawn')}</Tag>;
  if (p.result)
    return (
      <Tag color={p.result === 'recommended' ? 'green' : p.result === 'disqualified' ? 'red' : 'default'}>
        {t(`purchase.result.${p.result}`)}
      </Tag>
    );
  if (p.screening)
    return <Tag color={p.screening === 'pass' ? 'cyan' : 'red'}>{t(`purchase.screening.${p.screening}`)}</Tag>;
  return <Tag color="processing">{t('purchase.proposal.submitted')}</Tag>;
}
