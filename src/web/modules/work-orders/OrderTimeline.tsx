import { Space, Tag, Timeline, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { Leg, OrderEvent } from '../../../shared/work-orders.schema';
import { AttachmentThumbs } from '../attachments/AttachmentThumbs';
import { formatDateTime } from './OrderBits';

const BLUE = '#1677ff';
const EVENT_COLOR: Record<string, string> = {
  created: BLUE,
  imported: BLUE,
  accepted: BLUE,
  dispatched: BLUE,
  fulfilled: 'green',
  signed: BLUE,
  confirmed: 'green',
  closed: 'green',
  returned: 'orange',
  extension_requested: 'orange',
  extension_decided: 'orange',
  reminder: 'orange',
  escalated: 'red',
  supervised: 'red',
  reopened: 'red',
  merged: 'gray',
  reassigned: 'gray',
  dispatch_added: BLUE,
  meeting_decision: BLUE,
  meeting_decision_detached: 'gray',
  patrol_finding: BLUE,
};

/** What a step decided, in words (延期审批: approved or refused and for how long; a meeting decision's owner). */
function outcomeOf(e: OrderEvent, t: TFunction): string | null {
  const d = e.data ?? {};
  if (e.type === 'extension_decided' && typeof d.approve === 'boolean') {
    const days = Number(d.days);
    const base = d.approve ? t('files.extensionApproved', { days }) : t('files.extensionRefused', { days });
    return d.approve && typeof d.dueAt === 'string'
      ? `${base}，${t('files.newDue', { at: formatDateTime(d.dueAt) })}`
      : base;
  }
  if (e.type === 'patrol_finding' && typeof d.workerName === 'string')
    return t('patrols.raisedBy', {
      worker: d.workerName,
      date: String(d.patrolDate ?? ''),
      compound: String(d.compoundName ?? ''),
    });
  if (e.type === 'meeting_decision' && typeof d.owner === 'string')
    return t('files.meetingOwner', { owner: d.owner, dueOn: String(d.dueOn ?? '') });
  if (e.type === 'meeting_decision_detached' && typeof d.title === 'string')
    return t('files.meetingDetached', { title: d.title });
  return null;
}

/** Handler names of a 派单 event (its data carries the legs' kinds and work units). */
function dispatchedTo(e: OrderEvent, legs: Leg[], kindLabel: (k: string) => string): string | null {
  const raw = e.data?.legs;
  if (!Array.isArray(raw)) return null;
  const names = raw.map((x: { handlerKind?: string; workUnitId?: string | null }) => {
    const leg = legs.find((l) => l.handlerKind === x.handlerKind && (l.workUnitId ?? null) === (x.workUnitId ?? null));
    return leg?.handlerName ?? kindLabel(String(x.handlerKind ?? ''));
  });
  return names.length > 0 ? names.join('、') : null;
}

function EventLine({ e, legs }: { e: OrderEvent; legs: Leg[] }) {
  const { t } = useTranslation();
  const role = e.actorRole ? t(`roles.${e.actorRole}`, { defaultValue: e.actorRole }) : null;
  const to = ['dispatched', 'reassigned', 'dispatch_added'].includes(e.type)
    ? dispatchedTo(e, legs, (k) => t(`orders.handlers.${k}`, { defaultValue: k }))
    : null;
  const outcome = outcomeOf(e, t);
  const ids = Array.isArray(e.data?.attachmentIds) ? (e.data.attachmentIds as string[]) : [];
  const files = legs.flatMap((l) => l.attachments).filter((a) => ids.includes(a.id));
  const automatic = e.data?.automatic === true;
  // 签收 in words: "住建局 签收"
  const signer = e.type === 'signed' ? legs.find((l) => l.id === e.data?.legId)?.handlerName : undefined;
  const label = signer
    ? t('signfor.event', { handler: signer })
    : t(`orders.events.${e.type}`, { defaultValue: e.type });
  return (
    <div data-testid={`event-${e.type}`}>
      <Space size={6} wrap>
        <Typography.Text strong>{label}</Typography.Text>
        {e.actorName && <Typography.Text>{e.actorName}</Typography.Text>}
        {role && <Tag style={{ marginInlineEnd: 0 }}>{role}</Tag>}
        {e.data?.signedNow === true && <Tag style={{ marginInlineEnd: 0 }}>{t('signfor.implicit')}</Tag>}
        {automatic && (
          <Tag color="orange" style={{ marginInlineEnd: 0 }}>
            {t('orders.events.automatic')}
          </Tag>
        )}
        {to && <Typography.Text type="secondary">→ {to}</Typography.Text>}
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {formatDateTime(e.at)}
        </Typography.Text>
      </Space>
      {outcome && <div data-testid="event-outcome">{outcome}</div>}
      {e.note && <div style={{ whiteSpace: 'pre-wrap', marginTop: 2 }}>{e.note}</div>}
      {files.length > 0 && (
        <div style={{ marginTop: 4 }}>
          <AttachmentThumbs files={files} size={48} testId="event-files" />
        </div>
      )}
    </div>
  );
}

/** The order's timeline, oldest first. */
export function OrderTimeline({ events, legs }: { events: OrderEvent[]; legs: Leg[] }) {
  return (
    <Timeline
      data-testid="order-timeline"
      items={events.map((e) => ({
        key: e.id,
        color: EVENT_COLOR[e.type] ?? 'gray',
        content: <EventLine e={e} legs={legs} />,
      }))}
    />
  );
}
