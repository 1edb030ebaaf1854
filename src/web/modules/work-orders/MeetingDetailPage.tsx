import { PrintButton } from './OrderFilterBar';
import { MeetingActionForm } from './MeetingActionForm';
import { MeetingFiles } from './MeetingFiles';
import type { Attachment } from '../attachments/attachments.api';
import { useCurrentUser } from '../auth/useCurrentUser';
import { useEffect, useRef, useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App as AntApp,
  Button,
  Card,
  Checkbox,
  Col,
  Empty,
  Input,
  Result,
  Row,
  Select,
  Skeleton,
  Space,
  Table,
  Tag,
  Typography,
  type TableColumnsType,
} from 'antd';
import { ArrowLeftOutlined, DeleteOutlined, PlusOutlined, SaveOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { errorMessage, isVersionConflict } from '../../lib/api';
import { ATTENDEE_ROLES } from '../../../shared/work-orders.constants';
import type { AgendaReason, Attendee, Meeting, MeetingAction } from '../../../shared/work-orders.schema';
import { detachMeetingAction, meetingKeys, setMeetingActionStatus, updateMeeting, useMeeting } from './work-orders.api';

const REASON_COLOR: Record<AgendaReason, string> = { open: 'processing', overdue: 'error', disputed: 'warning' };

/** One joint meeting: generated agenda, attendees, minutes (saved with version) and tracked decisions. */
export default function MeetingDetailPage() {
  const { t } = useTranslation();
  const { id } = useParams();
  const qc = useQueryClient();
  const { message, modal } = AntApp.useApp();
  const q = useMeeting(id);
  const meeting = q.data;
  const [attendees, setAttendees] = useState<Attendee[]>([]);
  const [minutes, setMinutes] = useState('');
  const [pending, setPending] = useState<Attachment[]>([]);
  const [dirty, setDirty] = useState(false);
  const mayManage = useCurrentUser().abilities.includes('meetings.manage');

  // Load the editable fields when a meeting opens, and when a newer version arrives while nothing is being edited.
  const loaded = useRef<string | null>(null);
  useEffect(() => {
    if (!meeting) return;
    if (loaded.current === meeting.id && dirty) return;
    loaded.current = meeting.id;
    setAttendees(meeting.attendees);
    setMinutes(meeting.minutes ?? '');
    setPending([]);
    setDirty(false);
  }, [meeting, dirty]);

  const put = (m: Meeting) => {
    qc.setQueryData(meetingKeys.detail(m.id), m);
    void qc.invalidateQueries({ queryKey: meetingKeys.list(m.compoundId) });
  };

  const save = useMutation({
    mutationFn: () =>
      updateMeeting(id ?? '', {
        attendees: attendees.filter((a) => a.name.trim()).map((a) => ({ name: a.name.trim(), role: a.role })),
        minutes,
        attachmentIds: pending.map((f) => f.id),
        version: meeting?.version ?? 0,
      }),
    onSuccess: (m) => {
      put(m);
      setPending([]);
      setDirty(false);
      void message.success(t('common.saved'));
    },
    onError: (e) => {
      if (isVersionConflict(e)) {
        void message.warning(t('common.versionConflict'));
        setDirty(false);
        void q.refetch();
      } else void message.error(errorMessage(e));
    },
  });

  const toggle = useMutation({
    mutationFn: (a: { id: string; done: boolean }) => setMeetingActionStatus(a.id, a.done ? 'done' : 'open'),
    onSuccess: put,
    onError: (e) => void message.error(errorMessage(e)),
  });

  const detach = useMutation({
    mutationFn: (a: { id: string; reason: string }) => detachMeetingAction(a.id, a.reason),
    onSuccess: put,
    onError: (e) => void message.error(errorMessage(e)),
  });
  const askDetach = (a: MeetingAction) => {
    let reason = '';
    modal.confirm({
      title: t('meetings.detachTitle', { title: a.title }),
      content: (
        <Input.TextArea
          rows={3}
          maxLength={500}
          placeholder={t('meetings.detachReason')}
          data-testid="detach-reason"
          onChange={(e) => {
            reason = e.target.value;
          }}
        />
      ),
      okText: t('meetings.detach'),
      okButtonProps: { ...{ 'data-testid': 'detach-ok' } },
      onOk: () => detach.mutateAsync({ id: a.id, reason: reason.trim() }),
    });
  };

  if (q.isPending) return <Skeleton active />;
  if (q.isError || !meeting) {
    return (
      <Result status="error" title={errorMessage(q.error)} extra={<Link to="/meetings">{t('meetings.back')}</Link>} />
    );
  }

  const orderNo = (orderId: string | null) => meeting.agenda.find((a) => a.orderId === orderId)?.no ?? orderId;

  const actionColumns: TableColumnsType<MeetingAction> = [
    {
      title: t('meetings.done'),
      dataIndex: 'status',
      width: 80,
      render: (s: MeetingAction['status'], a) => (
        <Checkbox
          checked={s === 'done'}
          disabled={toggle.isPending || !mayManage}
          data-testid={`action-done-${a.id}`}
          onChange={(e) => toggle.mutate({ id: a.id, done: e.target.checked })}
        />
      ),
    },
    {
      title: t('meetings.actionTitle'),
      dataIndex: 'title',
      render: (v: string, a) => (
        <span style={a.status === 'done' ? { textDecoration: 'line-through', color: 'rgba(0,0,0,0.45)' } : undefined}>
          {v}
        </span>
      ),
    },
    {
      title: t('meetings.actionOrder'),
      dataIndex: 'orderId',
      width: 170,
      render: (v: string | null, a) =>
        v ? (
          <Space size={4} wrap>
            <Link to={`/orders/${encodeURIComponent(v)}`}>{orderNo(v)}</Link>
            {a.status === 'open' && mayManage && (
              <Button size="small" type="link" onClick={() => askDetach(a)} data-testid={`action-detach-${a.id}`}>
                {t('meetings.detach')}
              </Button>
            )}
          </Space>
        ) : (
          '—'
        ),
    },
    {
      title: t('meetings.owner'),
      dataIndex: 'owner',
      width: 160,
      render: (v: string, a) => (
        <Space size={4} wrap>
          {v}
          {a.ownerUnitId && <Tag color="blue">{t('meetings.ownerNotified')}</Tag>}
        </Space>
      ),
    },
    { title: t('meetings.dueOn'), dataIndex: 'dueOn', width: 120 },
    {
      title: t('meetings.status'),
      dataIndex: 'status',
      width: 100,
      render: (s: MeetingAction['status']) => (
        <Tag color={s === 'done' ? 'success' : 'processing'}>{t(s === 'done' ? 'meetings.done' : 'meetings.open')}</Tag>
      ),
    },
  ];

  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }} data-testid="meeting-detail">
      <Link
        to={`/meetings?compound=${encodeURIComponent(meeting.compoundId)}&name=${encodeURIComponent(meeting.compoundName)}`}
      >
        <ArrowLeftOutlined /> {t('meetings.back')}
      </Link>
      <div className="no-print">
        <PrintButton testId="meeting-print" />
      </div>
      <Typography.Title level={4} style={{ margin: 0 }}>
        {t('meetings.heading', { compound: meeting.compoundName, date: meeting.heldOn })}
      </Typography.Title>

      <Row gutter={[12, 12]}>
        <Col xs={24} xl={12}>
          <Card
            size="small"
            title={`${t('meetings.agenda')}（${meeting.agenda.length + meeting.proposals.length}）`}
            style={{ height: '100%' }}
          >
            <div data-testid="meeting-agenda">
              {meeting.agenda.length === 0 && meeting.proposals.length === 0 ? (
                <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('meetings.emptyAgenda')} />
              ) : (
                meeting.agenda.map((a) => (
                  <div
                    key={a.orderId}
                    data-testid={`agenda-${a.no}`}
                    style={{ padding: '8px 0', borderBottom: '1px solid #f0f0f0' }}
                  >
                    <Space size={8} wrap>
                      <Tag color={REASON_COLOR[a.reason] ?? 'default'}>
                        {t(`meetings.reasons.${a.reason}`, { defaultValue: a.reason })}
                      </Tag>
                      <Link to={`/orders/${encodeURIComponent(a.orderId)}`}>{a.no}</Link>
                      <span>{a.title}</span>
                    </Space>
                  </div>
                ))
              )}
              {meeting.proposals.map((p) => (
                <div
                  key={p.id}
                  data-testid={`agenda-proposal-${p.id}`}
                  style={{ padding: '8px 0', borderBottom: '1px solid #f0f0f0' }}
                >
                  <Space size={8} wrap>
                    <Tag color="purple">{t('proposals.title')}</Tag>
                    <span>{p.title}</span>
                    <Typography.Text type="secondary">{t('proposals.backers', { n: p.supports })}</Typography.Text>
                  </Space>
                </div>
              ))}
            </div>
          </Card>
        </Col>
        <Col xs={24} xl={12}>
          <Card
            size="small"
            title={t('meetings.attendees')}
            style={{ height: '100%' }}
            extra={
              mayManage && (
                <Button
                  size="small"
                  icon={<PlusOutlined />}
                  data-testid="attendee-add"
                  onClick={() => {
                    setAttendees((l) => [...l, { name: '', role: 'resident' }]);
                    setDirty(true);
                  }}
                >
                  {t('meetings.addAttendee')}
                </Button>
              )
            }
          >
            <Space orientation="vertical" style={{ width: '100%' }} data-testid="meeting-attendees">
              {attendees.length === 0 && <Typography.Text type="secondary">{t('common.noData')}</Typography.Text>}
              {attendees.map((a, i) => (
                <Space.Compact key={i} style={{ width: '100%' }}>
                  <Input
                    disabled={!mayManage}
                    value={a.name}
                    placeholder={t('meetings.attendeeName')}
                    maxLength={40}
                    data-testid={`attendee-name-${i}`}
                    onChange={(e) => {
                      const name = e.target.value;
                      setAttendees((l) => l.map((x, j) => (j === i ? { ...x, name } : x)));
                      setDirty(true);
                    }}
                  />
                  <Select
                    disabled={!mayManage}
                    value={a.role}
                    style={{ width: 160 }}
                    data-testid={`attendee-role-${i}`}
                    options={ATTENDEE_ROLES.map((r) => ({ value: r, label: t(`meetings.roles.${r}`) }))}
                    onChange={(role) => {
                      setAttendees((l) => l.map((x, j) => (j === i ? { ...x, role } : x)));
                      setDirty(true);
                    }}
                  />
                  <Button
                    disabled={!mayManage}
                    icon={<DeleteOutlined />}
                    aria-label={t('common.delete')}
                    onClick={() => {
                      setAttendees((l) => l.filter((_, j) => j !== i));
                      setDirty(true);
                    }}
                  />
                </Space.Compact>
              ))}
            </Space>
          </Card>
        </Col>
      </Row>

      <Card
        size="small"
        title={t('meetings.minutes')}
        extra={
          mayManage && (
            <Button
              type="primary"
              icon={<SaveOutlined />}
              loading={save.isPending}
              disabled={!dirty}
              onClick={() => save.mutate()}
              data-testid="meeting-save"
            >
              {t('meetings.save')}
            </Button>
          )
        }
      >
        <Input.TextArea
          rows={6}
          maxLength={10000}
          showCount
          readOnly={!mayManage}
          value={minutes}
          placeholder={t('meetings.minutesPlaceholder')}
          data-testid="meeting-minutes"
          onChange={(e) => {
            setMinutes(e.target.value);
            setDirty(true);
          }}
        />
        <MeetingFiles
          saved={meeting.attachments}
          pending={pending}
          mayManage={mayManage}
          onPending={(files) => {
            setPending(files);
            setDirty(true);
          }}
        />
        {dirty && <Alert type="info" showIcon style={{ marginTop: 8 }} title={t('meetings.save')} />}
      </Card>

      <Card size="small" title={t('meetings.actions')}>
        <Table<MeetingAction>
          data-testid="meeting-actions"
          rowKey="id"
          size="small"
          pagination={false}
          scroll={{ x: 760 }}
          columns={actionColumns}
          dataSource={meeting.actions}
        />
        {mayManage && <MeetingActionForm meeting={meeting} onAdded={put} />}
      </Card>
    </Space>
  );
}
