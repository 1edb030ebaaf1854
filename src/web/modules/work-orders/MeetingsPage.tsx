import { useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App as AntApp,
  Button,
  Card,
  DatePicker,
  Empty,
  Form,
  Modal,
  Space,
  Table,
  Typography,
  type ButtonProps,
  type TableColumnsType,
} from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { errorMessage } from '../../lib/api';
import { useCurrentUser } from '../auth/useCurrentUser';
import { CompoundPicker } from './CompoundPicker';
import { CompoundProposals } from '../proposals/CompoundProposals';
import type { Meeting } from '../../../shared/work-orders.schema';
import { createMeeting, meetingKeys, useMeetings } from './work-orders.api';

/**
 * Monthly compound joint meetings: the latest in scope (street and district follow them), or one compound's;
 * whoever runs meetings convenes a new one.
 */
export default function MeetingsPage() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const { message } = AntApp.useApp();
  const [params, setParams] = useSearchParams();
  const ownCompound = me.orgUnit.kind === 'compound' ? me.orgUnit : null;
  const compoundId = params.get('compound') ?? ownCompound?.id;
  const compoundName = params.get('name') ?? (compoundId === ownCompound?.id ? ownCompound?.name : undefined);
  const meetings = useMeetings(compoundId);
  const mayManage = me.abilities.includes('meetings.manage');
  const [open, setOpen] = useState(false);
  const [heldOn, setHeldOn] = useState<string | null>(null);

  const create = useMutation({
    mutationFn: (date: string) => createMeeting(compoundId ?? '', date),
    onSuccess: (m) => {
      void qc.invalidateQueries({ queryKey: meetingKeys.all });
      void message.success(t('common.created'));
      setOpen(false);
      void navigate(`/meetings/${encodeURIComponent(m.id)}`);
    },
    onError: (e) => void message.error(errorMessage(e)),
  });

  const columns: TableColumnsType<Meeting> = [
    {
      title: t('meetings.heldOn'),
      dataIndex: 'heldOn',
      render: (v: string, m) => (
        <Link to={`/meetings/${encodeURIComponent(m.id)}`} data-testid={`meeting-link-${m.heldOn}`}>
          {v}
        </Link>
      ),
    },
    { title: t('meetings.compound'), dataIndex: 'compoundName' },
    {
      title: t('meetings.agenda'),
      key: 'agenda',
      render: (_: unknown, m) => t('meetings.agendaCount', { count: m.agenda.length }),
    },
    { title: t('meetings.attendees'), key: 'attendees', render: (_: unknown, m) => m.attendees.length },
    {
      title: t('meetings.actions'),
      key: 'actions',
      render: (_: unknown, m) =>
        t('meetings.actionsCount', {
          done: m.actions.filter((a) => a.status === 'done').length,
          count: m.actions.length,
        }),
    },
  ];

  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }} data-testid="meetings-page">
      <Typography.Title level={4} style={{ margin: 0 }}>
        {t('meetings.title')}
      </Typography.Title>
      <Card size="small">
        <Space wrap>
          <Typography.Text>{t('meetings.compound')}</Typography.Text>
          {ownCompound ? (
            <Typography.Text strong>{ownCompound.name}</Typography.Text>
          ) : (
            <CompoundPicker
              testId="meetings-compound"
              value={compoundId}
              valueName={compoundName}
              onChange={(id, name) => setParams(id ? { compound: id, ...(name ? { name } : {}) } : {})}
            />
          )}
          {mayManage && (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              disabled={!compoundId}
              onClick={() => {
                setHeldOn(null);
                setOpen(true);
              }}
              data-testid="meetings-new"
            >
              {t('meetings.new')}
            </Button>
          )}
        </Space>
      </Card>
      {meetings.isError && <Alert type="error" showIcon title={errorMessage(meetings.error)} />}
      <Card size="small">
        {!compoundId && !meetings.isFetching && !meetings.data?.length ? (
          <Empty description={t('meetings.pickHint')} />
        ) : (
          <Table<Meeting>
            data-testid="meetings-table"
            rowKey="id"
            size="small"
            loading={meetings.isFetching}
            columns={columns}
            dataSource={[...(meetings.data ?? [])].sort((a, b) => b.heldOn.localeCompare(a.heldOn))}
            pagination={false}
          />
        )}
      </Card>
      {compoundId && <CompoundProposals compoundId={compoundId} />}
      <Modal
        open={open}
        title={t('meetings.new')}
        onCancel={() => setOpen(false)}
        onOk={() => heldOn && create.mutate(heldOn)}
        okButtonProps={
          { disabled: !heldOn, loading: create.isPending, 'data-testid': 'meeting-create-submit' } as ButtonProps
        }
        destroyOnHidden
      >
        <Form layout="vertical">
          <Form.Item label={t('meetings.compound')}>{compoundName ?? compoundId}</Form.Item>
          <Form.Item label={t('meetings.heldOn')} required>
            <DatePicker
              data-testid="meeting-date"
              style={{ width: 200 }}
              onChange={(_d, s) => setHeldOn(typeof s === 'string' && s ? s : null)}
            />
          </Form.Item>
        </Form>
      </Modal>
    </Space>
  );
}
