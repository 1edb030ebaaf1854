import { Alert, App as AntApp, Button, Card, Empty, Spin, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { errorMessage } from '../../lib/api';
import { useCurrentUser } from '../auth/useCurrentUser';
import { useLivingCircle } from '../stations/stations.api';
import { useMyAction, useMyOpenActivities } from '../volunteers/volunteers.api';
import { formatDateTime } from '../work-orders/OrderBits';

/** Volunteer activities: sign up here; check in and out by scanning the activity's QR code (the camera opens /volunteer/scan). */
export function MobileActivities() {
  const { t } = useTranslation();
  const q = useMyOpenActivities();
  const act = useMyAction();
  const { message } = AntApp.useApp();
  if (q.isPending) return <Spin />;
  if (q.isError) return <Alert type="error" showIcon message={errorMessage(q.error)} />;
  return (
    <div style={{ display: 'flex', flexDirection: 'column', gap: 8 }} data-testid="m-activities">
      <Link to="/m/hours" data-testid="m-activities-hours">
        <Card size="small" hoverable styles={{ body: { padding: '12px', minHeight: 48 } }}>
          <Typography.Text strong>{t('mobile.hours.tile')}</Typography.Text>
          <Typography.Text type="secondary" style={{ float: 'right' }}>
            {t('mobile.hours.tileHint')} ›
          </Typography.Text>
        </Card>
      </Link>
      <Alert
        type="info"
        showIcon
        message={t('mobile.scanHint')}
        action={<Link to="/volunteer/scan">{t('mobile.scan')}</Link>}
      />
      {q.data.length === 0 && <Empty description={t('mobile.noActivities')} />}
      {q.data.map((a) => (
        <Card key={a.id} size="small" data-testid="m-activity">
          <Typography.Text strong>{a.title}</Typography.Text>
          <Typography.Paragraph type="secondary" style={{ fontSize: 12, margin: '4px 0' }}>
            {a.orgUnitName} · {formatDateTime(a.startsAt)} – {formatDateTime(a.endsAt).slice(11)} · {a.signups}/
            {a.capacity}
          </Typography.Paragraph>
          {a.mySignup ? (
            <Tag color="green">{t(`mobile.signup.${a.mySignup}`)}</Tag>
          ) : (
            <Button
              type="primary"
              size="small"
              loading={act.isPending}
              data-testid="m-sign-up"
              onClick={() =>
                act.mutate(
                  { kind: 'signUp', activityId: a.id },
                  {
                    onSuccess: () => void message.success(t('mobile.signedUp')),
                    onError: (e) => void message.error(errorMessage(e)),
                  },
                )
              }
            >
              {t('mobile.signUp')}
            </Button>
          )}
        </Card>
      ))}
    </div>
  );
}

/** Stations within the 15-minute circle of the person's compound, nearest first. */
export function MobileStations() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const compound = me.orgUnit.kind === 'compound' ? me.orgUnit.id : undefined;
  const q = useLivingCircle(compound);
  if (!compound) return <Empty description={t('mobile.noCompound')} />;
  if (q.isPending) return <Spin />;
  if (q.isError) return <Alert type="error" showIcon message={errorMessage(q.error)} />;
  const items = [...q.data.items].sort((a, b) => a.meters - b.meters);
  return (
    <div style={{ display: 'flex', flexDirection: 'column', gap: 8 }} data-testid="m-stations">
      <Typography.Text type="secondary">{t('mobile.stationsNear', { name: q.data.compoundName })}</Typography.Text>
      {items.length === 0 && <Empty />}
      {items.map((s) => (
        <Card key={s.stationId} size="small">
          <Typography.Text strong>{s.name}</Typography.Text>
          <Typography.Paragraph type="secondary" style={{ fontSize: 12, margin: '4px 0 0' }}>
            {s.address ?? '—'} · {t('mobile.distance', { meters: s.meters, minutes: Math.round(s.minutes) })}
          </Typography.Paragraph>
        </Card>
      ))}
    </div>
  );
}
