import { useState } from 'react';
import { Alert, App as AntApp, Button, Card, Input, Modal, Select, Space, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { errorMessage } from '../../lib/api';
import { useCurrentUser } from '../auth/useCurrentUser';
import { CompoundPicker } from '../work-orders/CompoundPicker';
import { useCategories } from '../work-orders/work-orders.api';
import {
  type Demand,
  type Difficulty,
  type JobPosting,
  useAnswerDemand,
  useConvertDemand,
  useJobPostings,
  useRiderMeetings,
} from './stations.api';

/** 小哥联席会议: the riders' demands, answered on the spot or turned into work orders; and the convenience stations' job postings. */
export default function RiderMeetingsPage() {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const me = useCurrentUser();
  const canManage = me.abilities.includes('stations.manage');
  const meetings = useRiderMeetings();
  const postings = useJobPostings();
  const categories = useCategories();
  const [converting, setConverting] = useState<Demand | null>(null);
  const [target, setTarget] = useState<{ compoundId?: string; compoundName?: string; categoryId?: string }>({});
  const [answering, setAnswering] = useState<Demand | null>(null);
  const [answer, setAnswer] = useState('');
  const answerDemand = useAnswerDemand();
  const convertDemand = useConvertDemand();
  const done = {
    onSuccess: () => {
      void message.success(t('riders.saved'));
      setConverting(null);
      setAnswering(null);
    },
    onError: (e: Error) => void message.error(errorMessage(e)),
  };
  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }} data-testid="rider-meetings-page">
      <Typography.Title level={4} style={{ margin: 0 }}>
        {t('riders.title')}
      </Typography.Title>
      {meetings.isError && <Alert type="error" showIcon title={errorMessage(meetings.error)} />}
      {(meetings.data ?? []).map((m) => (
        <Card
          key={m.id}
          size="small"
          title={`${m.stationName} · ${m.heldOn} · ${t('riders.attendees', { count: m.attendees })}`}
        >
          {m.minutes && <Typography.Paragraph type="secondary">{m.minutes}</Typography.Paragraph>}
          <Table<Demand>
            rowKey="id"
            size="small"
            pagination={false}
            dataSource={m.demands}
            columns={[
              {
                title: t('riders.difficulty'),
                dataIndex: 'difficulty',
                width: 120,
                render: (d: Difficulty) => <Tag>{t(`riders.difficulties.${d}`)}</Tag>,
              },
              { title: t('riders.demand'), dataIndex: 'content' },
              {
                title: t('riders.result'),
                key: 'r',
                render: (_: unknown, d: Demand) =>
                  d.status === 'converted' && d.workOrderId ? (
                    <Link to={`/orders/${d.workOrderId}`}>{t('riders.order', { no: d.workOrderNo ?? '' })}</Link>
                  ) : d.status === 'answered' ? (
                    d.answer
                  ) : canManage ? (
                    <Space>
                      <Button
                        size="small"
                        onClick={() => {
                          setAnswer('');
                          setAnswering(d);
                        }}
                      >
                        {t('riders.answer')}
                      </Button>
                      <Button
                        size="small"
                        type="primary"
                        onClick={() => {
                          setTarget({});
                          setConverting(d);
                        }}
                      >
                        {t('riders.convert')}
                      </Button>
                    </Space>
                  ) : (
                    t('riders.open')
                  ),
              },
            ]}
          />
        </Card>
      ))}
      <Card size="small" title={t('riders.jobs')}>
        <Table<JobPosting>
          rowKey="id"
          size="small"
          pagination={false}
          dataSource={postings.data ?? []}
          columns={[
            { title: t('riders.job'), dataIndex: 'title' },
            { title: t('riders.employer'), dataIndex: 'employer' },
            {
              title: t('riders.skills'),
              dataIndex: 'skills',
              render: (s: string[]) => s.map((x) => <Tag key={x}>{x}</Tag>),
            },
            {
              title: t('riders.positions'),
              key: 'p',
              align: 'right',
              render: (_: unknown, p: JobPosting) => `${p.hired} / ${p.positions}`,
            },
            { title: t('stations.title'), dataIndex: 'stationName' },
          ]}
        />
      </Card>
      <Modal
        open={!!converting}
        title={t('riders.convert')}
        onCancel={() => setConverting(null)}
        confirmLoading={convertDemand.isPending}
        okButtonProps={{ disabled: !target.compoundId || !target.categoryId }}
        onOk={() =>
          converting &&
          convertDemand.mutate(
            { demandId: converting.id, compoundId: target.compoundId, categoryId: target.categoryId },
            done,
          )
        }
      >
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Typography.Text>{converting?.content}</Typography.Text>
          <CompoundPicker
            value={target.compoundId}
            valueName={target.compoundName}
            onChange={(id, name) => setTarget((x) => ({ ...x, compoundId: id, compoundName: name }))}
          />
          <Select
            style={{ width: 280 }}
            placeholder={t('riders.category')}
            value={target.categoryId}
            onChange={(v: string) => setTarget((x) => ({ ...x, categoryId: v }))}
            options={(categories.data ?? []).map((c) => ({ value: c.id, label: c.name }))}
          />
        </Space>
      </Modal>
      <Modal
        open={!!answering}
        title={t('riders.answer')}
        onCancel={() => setAnswering(null)}
        confirmLoading={answerDemand.isPending}
        okButtonProps={{ disabled: answer.trim().length < 2 }}
        onOk={() => answering && answerDemand.mutate({ demandId: answering.id, answer }, done)}
      >
        <Input.TextArea rows={3} value={answer} onChange={(e) => setAnswer(e.target.value)} />
      </Modal>
    </Space>
  );
}
