import { useState } from 'react';
import { App, Button, DatePicker, Drawer, Form, Input, Modal, Select, Space, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import dayjs, { type Dayjs } from 'dayjs';
import { errorMessage } from '../../lib/api';
import { ACTIVITY_KINDS, type ActivityKind } from '../../../shared/party-life.constants';
import type { Attendee, PartyActivity } from '../../../shared/party-life.schema';
import { AttachmentPicker } from '../attachments/AttachmentPicker';
import type { Attachment } from '../attachments/attachments.api';
import {
  useActivities,
  useActivity,
  useActivityQr,
  useCreateActivity,
  useMarkAttendance,
  useMinutes,
} from './party-life.api';
import { formatDateTime, formatShortDateTime } from '../../lib/time';

/** The next half hour, for an hour and a half. */
function defaultWhen(): [Dayjs, Dayjs] {
  const start = dayjs()
    .add(30 - (dayjs().minute() % 30), 'minute')
    .second(0)
    .millisecond(0);
  return [start, start.add(90, 'minute')];
}
const rate = (r: number | null) => (r === null ? '—' : `${r}%`);
const STATUS_COLOR = { scheduled: 'blue', held: 'green', cancelled: 'default' } as const;

function NewActivity({ branchId, open, onClose }: { branchId: string; open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const create = useCreateActivity();
  const [form] = Form.useForm<{ kind: ActivityKind; topic: string; place: string; when: [Dayjs, Dayjs] }>();
  return (
    <Modal
      open={open}
      title={t('partyLife.schedule')}
      onCancel={onClose}
      okText={t('partyLife.save')}
      confirmLoading={create.isPending}
      onOk={() => form.submit()}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{ kind: 'theme_day', place: '小区党群服务站', when: defaultWhen() }}
        onFinish={(v) =>
          create.mutate(
            {
              partyOrgId: branchId,
              kind: v.kind,
              topic: v.topic,
              place: v.place,
              startsAt: v.when[0].toISOString(),
              endsAt: v.when[1].toISOString(),
            },
            {
              onSuccess: () => {
                void message.success(t('partyLife.scheduled'));
                onClose();
              },
              onError: (e) => void message.error(errorMessage(e)),
            },
          )
        }
      >
        <Form.Item name="kind" label={t('partyLife.kind')} rules={[{ required: true }]}>
          <Select
            data-testid="activity-kind"
            options={ACTIVITY_KINDS.map((k) => ({ value: k, label: t(`partyLife.kinds.${k}`) }))}
          />
        </Form.Item>
        <Form.Item name="topic" label={t('partyLife.topic')} rules={[{ required: true, min: 2 }]}>
          <Input data-testid="activity-topic" maxLength={120} />
        </Form.Item>
        <Form.Item name="place" label={t('partyLife.place')} rules={[{ required: true, min: 2 }]}>
          <Input maxLength={120} />
        </Form.Item>
        <Form.Item name="when" label={t('partyLife.when')} rules={[{ required: true }]}>
          <DatePicker.RangePicker
            showTime={{ format: 'HH:mm' }}
            format="YYYY-MM-DD HH:mm"
            style={{ width: '100%' }}
            data-testid="activity-when"
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function AttendanceRow({ a, activityId, canRun }: { a: Attendee; activityId: string; canRun: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const mark = useMarkAttendance(activityId);
  const [leave, setLeave] = useState(false);
  const [reason, setReason] = useState('');
  const send = (status: 'present' | 'leave' | 'absent', leaveReason?: string) =>
    mark.mutate([{ memberId: a.memberId, status, leaveReason }], {
      onError: (e) => void message.error(errorMessage(e)),
      onSuccess: () => setLeave(false),
    });
  return (
    <Space wrap size={4}>
      <Tag color={{ present: 'green', leave: 'orange', absent: 'red', expected: 'default' }[a.status]}>
        {t(`partyLife.att.${a.status}`)}
        {a.via === 'qr' ? ' · QR' : ''}
      </Tag>
      {a.leaveReason && <Typography.Text type="secondary">{a.leaveReason}</Typography.Text>}
      {canRun && (
        <>
          <Button size="small" onClick={() => send('present')} disabled={a.status === 'present'}>
            {t('partyLife.att.present')}
          </Button>
          <Button size="small" onClick={() => setLeave(true)}>
            {t('partyLife.att.leave')}
          </Button>
          <Button size="small" danger onClick={() => send('absent')} disabled={a.status === 'absent'}>
            {t('partyLife.att.absent')}
          </Button>
        </>
      )}
      <Modal
        open={leave}
        title={t('partyLife.leaveReason')}
        onCancel={() => setLeave(false)}
        onOk={() => send('leave', reason.trim() || undefined)}
      >
        <Input value={reason} onChange={(e) => setReason(e.target.value)} maxLength={200} />
      </Modal>
    </Space>
  );
}

function ActivityDrawer({ id, onClose }: { id: string | undefined; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const detail = useActivity(id);
  const d = detail.data;
  const [showQr, setShowQr] = useState(false);
  const qr = useActivityQr(id, showQr);
  const minutes = useMinutes(id ?? '');
  const [text, setText] = useState<string>();
  const [files, setFiles] = useState<Attachment[]>([]);
  return (
    <Drawer
      open={!!id}
      onClose={onClose}
      width={Math.min(640, window.innerWidth)}
      title={d?.activity.topic}
      destroyOnHidden
    >
      {d && (
        <Space direction="vertical" style={{ width: '100%' }} data-testid="activity-detail">
          <Typography.Text>
            {t(`partyLife.kinds.${d.activity.kind}`)} · {formatDateTime(d.activity.startsAt)} · {d.activity.place}
          </Typography.Text>
          <Typography.Text strong data-testid="activity-rate">
            {t('partyLife.figures', { ...d.activity.attendance, rate: rate(d.activity.attendance.rate) })}
          </Typography.Text>
          {d.can.run && (
            <Button onClick={() => setShowQr((v) => !v)} data-testid="show-qr">
              {t('partyLife.qr')}
            </Button>
          )}
          {showQr && qr.data && (
            <div>
              <div style={{ width: 200 }} dangerouslySetInnerHTML={{ __html: qr.data.svg }} />
              <Typography.Paragraph
                copyable={{ text: qr.data.url }}
                type="secondary"
                style={{ wordBreak: 'break-all' }}
              >
                <a href={qr.data.url} data-testid="qr-link">
                  {qr.data.url}
                </a>
              </Typography.Paragraph>
            </div>
          )}
          <Table<Attendee>
            size="small"
            rowKey="memberId"
            pagination={false}
            dataSource={d.attendees}
            scroll={{ x: 'max-content' }}
            columns={[
              { key: 'name', dataIndex: 'name', title: t('partyLife.member'), width: 90 },
              { key: 'phone', dataIndex: 'phoneMasked', title: t('people.phone') },
              {
                key: 'status',
                title: t('partyLife.attendance'),
                render: (_, a) => <AttendanceRow a={a} activityId={d.activity.id} canRun={d.can.run} />,
              },
            ]}
          />
          <Typography.Title level={5}>{t('partyLife.minutes')}</Typography.Title>
          {d.can.run ? (
            <>
              <Input.TextArea rows={4} value={text ?? d.minutes ?? ''} onChange={(e) => setText(e.target.value)} />
              <AttachmentPicker purpose="party_activity" value={files} onChange={setFiles} />
              <Button
                type="primary"
                loading={minutes.isPending}
                onClick={() =>
                  minutes.mutate(
                    {
                      minutes: (text ?? d.minutes ?? '').trim(),
                      attachmentIds: files.map((f) => f.id),
                      version: d.activity.version,
                    },
                    {
                      onSuccess: () => {
                        setFiles([]);
                        void message.success(t('partyLife.saved'));
                      },
                      onError: (e) => void message.error(errorMessage(e)),
                    },
                  )
                }
              >
                {t('partyLife.saveMinutes')}
              </Button>
            </>
          ) : (
            <Typography.Paragraph>{d.minutes ?? '—'}</Typography.Paragraph>
          )}
          {d.attachments.map((f) => (
            <a key={f.id} href={f.url} target="_blank" rel="noreferrer">
              {f.name}
            </a>
          ))}
        </Space>
      )}
    </Drawer>
  );
}

export function ActivitiesTab({ branchId, year, canManage }: { branchId: string; year: number; canManage: boolean }) {
  const { t } = useTranslation();
  const list = useActivities(branchId, year);
  const [creating, setCreating] = useState(false);
  const [open, setOpen] = useState<string>();
  return (
    <>
      {canManage && (
        <Button
          type="primary"
          onClick={() => setCreating(true)}
          style={{ marginBottom: 12 }}
          data-testid="schedule-activity"
        >
          {t('partyLife.schedule')}
        </Button>
      )}
      <Table<PartyActivity>
        size="small"
        rowKey="id"
        loading={list.isLoading}
        dataSource={list.data?.items ?? []}
        scroll={{ x: 'max-content' }}
        pagination={{ pageSize: 20, showSizeChanger: false }}
        onRow={(r) => ({ onClick: () => setOpen(r.id), style: { cursor: 'pointer' } })}
        data-testid="activity-list"
        columns={[
          {
            key: 'when',
            dataIndex: 'startsAt',
            title: t('partyLife.when'),
            render: (v: string) => formatShortDateTime(v),
            width: 100,
          },
          {
            key: 'kind',
            dataIndex: 'kind',
            title: t('partyLife.kind'),
            render: (k: ActivityKind) => t(`partyLife.kinds.${k}`),
          },
          { key: 'topic', dataIndex: 'topic', title: t('partyLife.topic') },
          {
            key: 'status',
            dataIndex: 'status',
            title: t('partyLife.status'),
            render: (s: PartyActivity['status']) => <Tag color={STATUS_COLOR[s]}>{t(`partyLife.statuses.${s}`)}</Tag>,
          },
          {
            key: 'rate',
            title: t('partyLife.rate'),
            render: (_, r) => `${r.attendance.present}/${r.attendance.expected} · ${rate(r.attendance.rate)}`,
          },
        ]}
      />
      <NewActivity branchId={branchId} open={creating} onClose={() => setCreating(false)} />
      <ActivityDrawer id={open} onClose={() => setOpen(undefined)} />
    </>
  );
}
