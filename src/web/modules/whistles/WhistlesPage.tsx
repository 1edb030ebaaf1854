import { useEffect, useState } from 'react';
import {
  Alert,
  Button,
  Card,
  Descriptions,
  Empty,
  Input,
  InputNumber,
  Modal,
  Segmented,
  Select,
  Space,
  Tag,
  Typography,
} from 'antd';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import type { Summon, Whistle, WhistleRating } from '../../../shared/whistles.schema';
import { CompoundPicker } from '../work-orders/CompoundPicker';
import { formatDateTime } from '../work-orders/OrderBits';
import { useWorkUnits } from '../work-orders/work-orders.api';
import { useOpenWhistle, useWhistles } from './whistles.api';
import { ATTENDANCE_COLOR, StepDialog } from './StepDialog';

const RATING_COLOR: Record<WhistleRating, string> = {
  satisfied: 'green',
  basically_satisfied: 'blue',
  dissatisfied: 'red',
};

type Dialog = { kind: 'open' } | { kind: 'checkIn' | 'report' | 'close' | 'rate'; whistle: Whistle } | null;

/** 吹哨报到: the street or community blows, closes and rates; a summoned department checks in and records. */
export default function WhistlesPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  // a notification opens one whistle (?whistle=<id>): show every status and bring its card into view
  const focus = params.get('whistle');
  const [status, setStatus] = useState<'open' | 'closed' | 'all'>(focus ? 'all' : 'open');
  const list = useWhistles(status === 'all' ? undefined : status);
  const linked = params.get('orderId')
    ? { id: params.get('orderId')!, no: params.get('orderNo') ?? '', compound: params.get('compound') ?? '' }
    : null;
  const [dialog, setDialog] = useState<Dialog>(linked ? { kind: 'open' } : null);
  const items = list.data?.items ?? [];
  const focusShown = !!focus && items.some((w) => w.id === focus);
  useEffect(() => {
    if (focusShown) document.querySelector(`[data-testid="whistle-${focus}"]`)?.scrollIntoView({ block: 'center' });
  }, [focus, focusShown]);
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }} data-testid="whistles-page">
      <Space wrap style={{ justifyContent: 'space-between', width: '100%' }}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('whistles.title')}
        </Typography.Title>
        {list.data?.canBlow && (
          <Button type="primary" onClick={() => setDialog({ kind: 'open' })} data-testid="whistle-new">
            {t('whistles.blow')}
          </Button>
        )}
      </Space>
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
        {t('whistles.hint')}
      </Typography.Paragraph>
      <Segmented
        value={status}
        onChange={(v) => setStatus(v as typeof status)}
        options={[
          { value: 'open', label: t('whistles.status.open') },
          { value: 'closed', label: t('whistles.status.closed') },
          { value: 'all', label: t('whistles.all') },
        ]}
      />
      {list.error && <Alert type="error" showIcon title={list.error.message} />}
      {list.data && items.length === 0 && <Empty description={t('whistles.empty')} />}
      {items.map((w) => (
        <WhistleCard key={w.id} w={w} focused={w.id === focus} onAct={(kind) => setDialog({ kind, whistle: w })} />
      ))}
      {dialog?.kind === 'open' && <OpenDialog linked={linked} onClose={() => setDialog(null)} />}
      {dialog && dialog.kind !== 'open' && (
        <StepDialog kind={dialog.kind} w={dialog.whistle} onClose={() => setDialog(null)} />
      )}
    </Space>
  );
}

function WhistleCard({
  w,
  focused,
  onAct,
}: {
  w: Whistle;
  focused: boolean;
  onAct: (k: 'checkIn' | 'report' | 'close' | 'rate') => void;
}) {
  const { t } = useTranslation();
  return (
    <Card
      size="small"
      data-testid={`whistle-${w.id}`}
      style={focused ? { borderColor: '#1677ff', boxShadow: '0 0 0 2px rgba(22,119,255,0.2)' } : undefined}
      title={
        <Space wrap size={4} style={{ whiteSpace: 'normal' }}>
          <Tag color={w.status === 'open' ? 'orange' : 'default'}>{t(`whistles.status.${w.status}`)}</Tag>
          <span>{w.title}</span>
        </Space>
      }
    >
      <Descriptions
        size="small"
        column={{ xs: 1, sm: 2, md: 3 }}
        items={[
          { key: 'place', label: t('whistles.place'), children: w.compoundName },
          { key: 'owner', label: t('whistles.owner'), children: `${w.ownerName} · ${w.openedByName}` },
          {
            key: 'time',
            label: t('whistles.onSiteAt'),
            children: t('whistles.onSiteValue', { at: formatDateTime(w.onSiteAt), grace: w.graceMinutes }),
          },
          ...(w.orderNo ? [{ key: 'order', label: t('whistles.order'), children: w.orderNo }] : []),
        ]}
      />
      <Typography.Paragraph style={{ margin: '8px 0' }}>
        {w.problem}
        <br />
        <Typography.Text type="secondary">
          {t('whistles.reason')}：{w.reason}
        </Typography.Text>
      </Typography.Paragraph>
      <Space orientation="vertical" size={6} style={{ width: '100%' }}>
        {w.summons.map((s) => (
          <SummonLine key={s.departmentId} s={s} />
        ))}
      </Space>
      {w.closeNote && (
        <Typography.Paragraph style={{ marginTop: 8, marginBottom: 0 }}>
          <Typography.Text type="secondary">
            {t('whistles.closedBy', { name: w.closedByName, at: formatDateTime(w.closedAt) })}
          </Typography.Text>
          {w.closeNote}
        </Typography.Paragraph>
      )}
      <Space wrap style={{ marginTop: 8 }}>
        {w.can.checkIn && (
          <Button type="primary" onClick={() => onAct('checkIn')} data-testid="whistle-checkin">
            {t('whistles.checkIn')}
          </Button>
        )}
        {w.can.report && (
          <Button onClick={() => onAct('report')} data-testid="whistle-report">
            {t('whistles.report')}
          </Button>
        )}
        {w.can.close && (
          <Button onClick={() => onAct('close')} data-testid="whistle-close">
            {t('whistles.close')}
          </Button>
        )}
        {w.can.rate && (
          <Button type="primary" onClick={() => onAct('rate')} data-testid="whistle-rate">
            {t('whistles.rate')}
          </Button>
        )}
      </Space>
    </Card>
  );
}

function SummonLine({ s }: { s: Summon }) {
  const { t } = useTranslation();
  return (
    <div data-testid={`summon-${s.departmentId}`} style={{ borderTop: '1px solid #f0f0f0', paddingTop: 6 }}>
      <Space wrap size={4}>
        <Typography.Text strong>{s.departmentName}</Typography.Text>
        <Tag color={ATTENDANCE_COLOR[s.attendance]} data-testid="summon-attendance">
          {t(`whistles.attendance.${s.attendance}`)}
        </Tag>
        {s.checkedInAt && (
          <Typography.Text type="secondary">
            {t('whistles.checkedIn', { at: formatDateTime(s.checkedInAt), name: s.checkedInByName ?? '' })}
          </Typography.Text>
        )}
        {s.rating && (
          <Tag color={RATING_COLOR[s.rating]} data-testid="summon-rating">
            {t(`whistles.ratings.${s.rating}`)}
          </Tag>
        )}
      </Space>
      {s.action && <div>{t('whistles.actionLine', { action: s.action })}</div>}
      {s.ratingComment && <Typography.Text type="secondary">{s.ratingComment}</Typography.Text>}
    </div>
  );
}

/** Blow the whistle: the compound, the problem, the departments and the time (Beijing time) to be on site. */
function OpenDialog({
  linked,
  onClose,
}: {
  linked: { id: string; no: string; compound: string } | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const units = useWorkUnits(true);
  const open = useOpenWhistle();
  const [compoundId, setCompoundId] = useState<string | undefined>();
  const [title, setTitle] = useState('');
  const [problem, setProblem] = useState('');
  const [reason, setReason] = useState('');
  const [departmentIds, setDepartmentIds] = useState<string[]>([]);
  const [when, setWhen] = useState('');
  const [grace, setGrace] = useState(30);
  const ready = (compoundId || linked) && title && problem && reason && departmentIds.length > 0 && when;
  const save = () =>
    open.mutate(
      {
        ...(linked ? { orderId: linked.id } : { compoundId: compoundId! }),
        title,
        problem,
        reason,
        departmentIds,
        onSiteAt: `${when}:00+08:00`,
        graceMinutes: grace,
      },
      { onSuccess: onClose },
    );
  return (
    <Modal
      open
      title={t('whistles.blow')}
      onCancel={onClose}
      onOk={save}
      okText={t('whistles.blowOk')}
      okButtonProps={{ disabled: !ready, loading: open.isPending, ...{ 'data-testid': 'whistle-submit' } }}
      destroyOnHidden
    >
      <Space orientation="vertical" size={10} style={{ width: '100%' }}>
        {linked ? (
          <Typography.Text data-testid="whistle-linked">
            {t('whistles.linkedOrder', { no: linked.no, compound: linked.compound })}
          </Typography.Text>
        ) : (
          <CompoundPicker
            value={compoundId}
            onChange={(id) => setCompoundId(id)}
            testId="whistle-compound"
            width={460}
          />
        )}
        <Input
          placeholder={t('whistles.titleField')}
          maxLength={100}
          value={title}
          onChange={(e) => setTitle(e.target.value)}
          data-testid="whistle-title"
        />
        <Input.TextArea
          rows={3}
          maxLength={2000}
          placeholder={t('whistles.problem')}
          value={problem}
          onChange={(e) => setProblem(e.target.value)}
          data-testid="whistle-problem"
        />
        <Select
          mode="multiple"
          style={{ width: '100%' }}
          placeholder={t('whistles.departments')}
          value={departmentIds}
          onChange={setDepartmentIds}
          options={(units.data ?? []).map((u) => ({ value: u.id, label: u.name }))}
          optionFilterProp="label"
          data-testid="whistle-departments"
        />
        <Space wrap>
          <Typography.Text>{t('whistles.onSiteAt')}</Typography.Text>
          <Input
            type="datetime-local"
            value={when}
            onChange={(e) => setWhen(e.target.value)}
            data-testid="whistle-when"
            style={{ width: 220 }}
          />
          <InputNumber
            min={0}
            max={240}
            value={grace}
            onChange={(v) => setGrace(v ?? 0)}
            addonAfter={t('whistles.graceUnit')}
            style={{ width: 170 }}
          />
        </Space>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('whistles.timeHint')}
        </Typography.Text>
        <Input.TextArea
          rows={2}
          maxLength={500}
          placeholder={t('whistles.reasonField')}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          data-testid="whistle-reason"
        />
        {open.error && <Alert type="error" showIcon title={open.error.message} />}
      </Space>
    </Modal>
  );
}
