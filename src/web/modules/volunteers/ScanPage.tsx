import { Button, Result, Spin } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { errorMessage } from '../../lib/api';
import { useScanToken } from '../../lib/useScanToken';
import { useCheckin } from './volunteers.api';

/** Where an activity's QR code leads: posts the signed token once and shows the check-in or check-out. */
export default function ScanPage() {
  const { t } = useTranslation();
  const scan = useCheckin();
  const token = useScanToken(scan.mutate);
  const back = (
    <Link to="/my-volunteering">
      <Button type="primary">{t('volunteers.myTitle')}</Button>
    </Link>
  );
  if (!token) return <Result status="warning" title={t('volunteers.scanMissing')} extra={back} />;
  if (scan.isError)
    return <Result status="error" title={errorMessage(scan.error)} extra={back} data-testid="scan-error" />;
  if (!scan.data) return <Spin />;
  const r = scan.data;
  return (
    <Result
      status="success"
      data-testid="scan-result"
      data-phase={r.phase}
      title={
        r.phase === 'in'
          ? t('volunteers.checkedIn', { title: r.activityTitle })
          : t('volunteers.checkedOut', { title: r.activityTitle, hours: r.hours ?? 0 })
      }
      subTitle={r.phase === 'out' ? t('volunteers.awaitConfirm') : undefined}
      extra={back}
    />
  );
}
