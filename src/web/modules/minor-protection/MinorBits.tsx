import { Tag, Tooltip, Typography } from 'antd';
import { WarningOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useMinorCategories } from './minor-protection.api';
import type { CaseStatus, CaseSummary, RiskLevel } from './types';

const RISK_COLOR: Record<RiskLevel, string> = { low: 'green', medium: 'orange', high: 'red' };
const STATUS_COLOR: Record<CaseStatus, string> = {
  open: 'processing',
  closure_requested: 'warning',
  closed: 'default',
};

export function RiskTag({ risk }: { risk: RiskLevel }) {
  const { t } = useTranslation();
  return (
    <Tag color={RISK_COLOR[risk]} data-testid="risk-tag">
      {t(`minor.risk.${risk}`)}
    </Tag>
  );
}

export function CaseStatusTag({ status }: { status: CaseStatus }) {
  const { t } = useTranslation();
  return <Tag color={STATUS_COLOR[status]}>{t(`minor.status.${status}`)}</Tag>;
}

export function CategoryTags({ ids }: { ids: string[] }) {
  const categories = useMinorCategories();
  const name = (id: string) => categories.data?.find((c) => c.id === id)?.name ?? id;
  return (
    <>
      {ids.map((id) => (
        <Tag key={id} style={{ marginInlineEnd: 4 }}>
          {name(id)}
        </Tag>
      ))}
    </>
  );
}

/** The next home-visit date; red with a warning once overdue (and marked when escalated to the station head). */
export function VisitDue({
  c,
}: {
  c: Pick<CaseSummary, 'nextVisitDue' | 'isVisitOverdue' | 'isEscalated' | 'status'>;
}) {
  const { t } = useTranslation();
  if (!c.nextVisitDue || c.status === 'closed') return <span>—</span>;
  if (!c.isVisitOverdue)
    return (
      <span data-testid="visit-due" data-overdue="false">
        {c.nextVisitDue}
      </span>
    );
  return (
    <Tooltip title={c.isEscalated ? t('minor.tasks.escalated') : t('minor.tasks.overdue')}>
      <Typography.Text type="danger" strong data-testid="visit-due" data-overdue="true">
        <WarningOutlined /> {c.nextVisitDue}
      </Typography.Text>
    </Tooltip>
  );
}

/** The child's name when the caller may see it, the masked form otherwise. */
export function ChildName({ c }: { c: Pick<CaseSummary, 'id' | 'name' | 'nameMasked' | 'caseNo'> }) {
  return (
    <Link to={`/minor/${encodeURIComponent(c.id)}`} data-testid={`case-link-${c.caseNo}`}>
      {c.name ?? c.nameMasked}
    </Link>
  );
}
