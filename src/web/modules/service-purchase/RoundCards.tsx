import { useState } from 'react';
import {
  App as AntApp,
  Button,
  Card,
  Form,
  Input,
  Modal,
  Radio,
  Select,
  Space,
  Switch,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../lib/api';
import { useCan } from '../auth/useCurrentUser';
import {
  shanghaiTime,
  useAnswerObjection,
  useFileObjection,
  useJurorAccounts,
  useScreenProposal,
  useSetJurors,
} from './purchase.api';
import type { Objection, ProposalSummary, RoundDetail } from './types';

/** The round page's parts: screening a proposal, the jury, the public notice and its objections. */
export function ScreenModal({ proposal, onClose }: { proposal: ProposalSummary | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const screen = useScreenProposal({ onSuccess: onClose, onError: (e) => void message.error(errorMessage(e)) });
  return (
    <Modal
      open={!!proposal}
      title={`${t('purchase.screening.title')}：${proposal?.title ?? ''}`}
      onCancel={onClose}
      footer={null}
      destroyOnHidden
    >
      <Form
        layout="vertical"
        initialValues={{ pass: true }}
        onFinish={(v: { pass: boolean; reason?: string }) =>
          screen.mutate({ proposalId: proposal!.id, pass: v.pass, reason: v.reason ?? '' })
        }
      >
        <Form.Item name="pass">
          <Radio.Group
            options={[
              { value: true, label: t('purchase.screening.pass') },
              { value: false, label: t('purchase.screening.fail') },
            ]}
          />
        </Form.Item>
        <Form.Item name="reason" label={t('purchase.screening.reason')}>
          <Input.TextArea rows={2} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={screen.isPending} data-testid="screen-submit">
          {t('common.save')}
        </Button>
      </Form>
    </Modal>
  );
}

export function JuryCard({ d }: { d: RoundDetail }) {
  const { t } = useTranslation();
  const can = useCan();
  const { message } = AntApp.useApp();
  const accounts = useJurorAccounts(d.can.setJurors);
  const [picked, setPicked] = useState<string[] | null>(null);
  const save = useSetJurors(d.round.id, {
    onSuccess: () => setPicked(null),
    onError: (e) => void message.error(errorMessage(e)),
  });
  return (
    <Card size="small" title={t('purchase.jury.title')}>
      {d.can.setJurors && can('purchase.manage') ? (
        <Space style={{ marginBottom: 12 }}>
          <Select
            mode="multiple"
            style={{ minWidth: 420 }}
            value={picked ?? d.jurors.map((j) => j.userId)}
            onChange={setPicked}
            options={(accounts.data?.items ?? []).map((a) => ({ value: a.id, label: a.name }))}
          />
          <Button onClick={() => save.mutate(picked ?? [])} disabled={picked === null} loading={save.isPending}>
            {t('common.save')}
          </Button>
        </Space>
      ) : null}
      <Table
        rowKey="userId"
        size="small"
        pagination={false}
        dataSource={d.jurors}
        columns={[
          { title: t('purchase.jury.juror'), dataIndex: 'name' },
          { title: t('purchase.jury.progress'), render: (_: unknown, j) => `${j.submitted} / ${j.expected}` },
        ]}
      />
      <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
        {d.round.criteria.map((c) => `${c.name} ${c.weight}%`).join('，')}
        {d.round.dropHighLow ? `；${t('purchase.round.dropHighLow')}` : ''}；{t('purchase.round.tieRule')}
      </Typography.Paragraph>
    </Card>
  );
}

export function ObjectionsCard({ d }: { d: RoundDetail }) {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const [answering, setAnswering] = useState<Objection | null>(null);
  const file = useFileObjection(d.round.id, { onError: (e) => void message.error(errorMessage(e)) });
  const answer = useAnswerObjection({
    onSuccess: () => setAnswering(null),
    onError: (e) => void message.error(errorMessage(e)),
  });
  return (
    <Card
      size="small"
      title={`${t('purchase.notice.title')}${d.round.noticeEndsAt ? `（${shanghaiTime(d.round.noticeStartsAt)} – ${shanghaiTime(d.round.noticeEndsAt)}）` : ''}`}
    >
      {d.can.object ? (
        <Form layout="inline" onFinish={(v: { content: string }) => file.mutate(v)} style={{ marginBottom: 12 }}>
          <Form.Item name="content" rules={[{ required: true, min: 5 }]}>
            <Input style={{ width: 420 }} placeholder={t('purchase.notice.objectionPlaceholder')} />
          </Form.Item>
          <Button htmlType="submit" loading={file.isPending}>
            {t('purchase.notice.file')}
          </Button>
        </Form>
      ) : null}
      <Table
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={d.objections}
        columns={[
          { title: t('purchase.notice.filedBy'), dataIndex: 'filedByName' },
          {
            title: t('purchase.notice.content'),
            dataIndex: 'content',
            render: (v: string, o) => (o.proposalTitle ? `【${o.proposalTitle}】${v}` : v),
          },
          {
            title: t('purchase.notice.answer'),
            dataIndex: 'answer',
            render: (v: string | null, o) =>
              v ? (
                <Space>
                  <Tag color={o.upheld ? 'red' : 'default'}>
                    {o.upheld ? t('purchase.notice.upheld') : t('purchase.notice.dismissed')}
                  </Tag>
                  {v}
                </Space>
              ) : d.can.answerObjections ? (
                <Button size="small" onClick={() => setAnswering(o)}>
                  {t('purchase.notice.reply')}
                </Button>
              ) : (
                '—'
              ),
          },
        ]}
      />
      <Modal
        open={!!answering}
        title={t('purchase.notice.reply')}
        onCancel={() => setAnswering(null)}
        footer={null}
        destroyOnHidden
      >
        <Form
          layout="vertical"
          initialValues={{ upheld: false }}
          onFinish={(v: { answer: string; upheld: boolean }) => answer.mutate({ objectionId: answering!.id, ...v })}
        >
          <Form.Item name="answer" rules={[{ required: true }]}>
            <Input.TextArea rows={3} />
          </Form.Item>
          <Form.Item name="upheld" label={t('purchase.notice.upheld')} valuePropName="checked">
            <Switch />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={answer.isPending}>
            {t('common.save')}
          </Button>
        </Form>
      </Modal>
    </Card>
  );
}
