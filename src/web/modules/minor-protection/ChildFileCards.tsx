import { Button, Card, Descriptions, List, Space, Table, Tag, Timeline, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../work-orders/OrderBits';
import { CategoryTags, VisitDue } from './MinorBits';
import type { CaseEvent, CaseResponse, Consent, Referral, Service, ServiceKind } from './types';

/** The parts of a child's file page; what is masked came masked from the server. */
type CaseDetail = CaseResponse['case'];

/** The file's facts; the identity rows only when the server sent the identity. */
export function FileFacts({ c }: { c: CaseDetail }) {
  const { t } = useTranslation();
  const idn = c.identity;
  return (
    <Card size="small">
      <Descriptions size="small" column={{ xs: 1, md: 2, lg: 3 }} bordered>
        <Descriptions.Item label={t('minor.fields.name')}>
          <span data-testid="field-name">{idn?.name ?? c.nameMasked}</span>
        </Descriptions.Item>
        <Descriptions.Item label={t('minor.fields.age')}>
          {t(`minor.gender.${c.gender}`)} ·{' '}
          {c.age !== null ? t('minor.fields.years', { count: c.age }) : t('minor.fields.ageBand', { band: c.ageBand })}
        </Descriptions.Item>
        <Descriptions.Item label={t('minor.fields.community')}>
          {c.communityName ? `${c.streetName} · ${c.communityName}` : c.streetName}
        </Descriptions.Item>
        <Descriptions.Item label={t('minor.fields.categories')}>
          <CategoryTags ids={c.categories} />
        </Descriptions.Item>
        <Descriptions.Item label={t('minor.fields.worker')}>{c.workerName ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={t('minor.fields.openedOn')}>{c.openedOn}</Descriptions.Item>
        <Descriptions.Item label={t('minor.fields.lastVisit')}>
          <span data-testid="last-visit">{c.lastVisitOn ?? '—'}</span>
        </Descriptions.Item>
        <Descriptions.Item label={t('minor.fields.nextVisit')}>
          <VisitDue c={c} />
        </Descriptions.Item>
        <Descriptions.Item label={t('minor.fields.needs')}>
          {c.needs.map((n) => (
            <Tag key={n}>{t(`minor.services.kinds.${n as ServiceKind}`)}</Tag>
          ))}
        </Descriptions.Item>
        {idn && (
          <>
            <Descriptions.Item label={t('minor.fields.idNumber')}>
              <span data-testid="field-id">{idn.idMasked ?? '—'}</span>
            </Descriptions.Item>
            <Descriptions.Item label={t('minor.fields.address')} span={2}>
              {idn.address ?? '—'}
            </Descriptions.Item>
            <Descriptions.Item label={t('minor.fields.guardians')} span={3}>
              <span data-testid="field-guardians">
                {idn.guardians.map((g) => `${g.name}（${g.relation}）${g.phone ? ` ${g.phone}` : ''}`).join('；') ||
                  '—'}
              </span>
            </Descriptions.Item>
            <Descriptions.Item label={t('minor.fields.health')} span={3}>
              {idn.health ?? '—'}
            </Descriptions.Item>
            <Descriptions.Item label={t('minor.fields.assessment')} span={3}>
              {idn.assessmentNotes ?? '—'}
            </Descriptions.Item>
            <Descriptions.Item label={t('minor.fields.plan')} span={3}>
              <List
                size="small"
                dataSource={idn.planGoals}
                locale={{ emptyText: '—' }}
                renderItem={(g) => (
                  <List.Item>
                    <Tag color={g.done ? 'green' : 'default'}>{g.done ? '✓' : '…'}</Tag>
                    {g.text}
                  </List.Item>
                )}
              />
            </Descriptions.Item>
          </>
        )}
      </Descriptions>
    </Card>
  );
}

export function ServicesCard({ services }: { services: Service[] }) {
  const { t } = useTranslation();
  const serviceColumns = [
    { title: t('minor.services.servedOn'), dataIndex: 'servedOn', width: 110 },
    {
      title: t('minor.services.kind'),
      dataIndex: 'kind',
      width: 110,
      render: (k: Service['kind']) => t(`minor.services.kinds.${k}`),
    },
    { title: t('minor.services.worker'), dataIndex: 'workerName', width: 160 },
    {
      title: t('minor.services.outcome'),
      dataIndex: 'outcome',
      render: (v: string | null, s: Service) =>
        v === null ? (
          <Typography.Text type="secondary">{t('minor.masked.serviceHidden')}</Typography.Text>
        ) : (
          <Space orientation="vertical" size={0}>
            <span>{v}</span>
            {s.visit && (
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {s.visit.childSeen ? t('minor.visit.childSeen') : '—'} · {t('minor.visit.living')}：
                {t(`minor.visit.livingConditions.${s.visit.livingConditions}`)}
                {s.visit.notes ? ` · ${s.visit.notes}` : ''}
              </Typography.Text>
            )}
            {s.safetyConcern && <Tag color="red">{t('minor.visit.safety')}</Tag>}
          </Space>
        ),
    },
  ];
  return (
    <Card size="small" title={`${t('minor.services.title')}（${services.length}）`}>
      <Table
        size="small"
        rowKey="id"
        columns={serviceColumns}
        dataSource={[...services].reverse()}
        pagination={{ pageSize: 10 }}
        data-testid="services-table"
      />
    </Card>
  );
}

export function ReferralsCard(props: {
  referrals: Referral[];
  onAcknowledge: (r: Referral) => void;
  onReport: (r: Referral) => void;
}) {
  const { t } = useTranslation();
  const { referrals, onAcknowledge, onReport } = props;
  return (
    <Card size="small" title={t('minor.referrals.title')}>
      <Table
        size="small"
        rowKey="id"
        pagination={false}
        dataSource={referrals}
        columns={[
          {
            title: t('minor.referrals.receiver'),
            dataIndex: 'receiverName',
            render: (v: string, r: Referral) => (
              <>
                {v} <Tag>{t(`minor.referrals.kinds.${r.receiverKind}`)}</Tag>
              </>
            ),
          },
          {
            title: t('minor.referrals.request'),
            dataIndex: 'request',
            render: (v: string | null, r: Referral) => (
              <>
                {v ?? t('minor.masked.serviceHidden')}
                {r.report && (
                  <div>
                    <Typography.Text type="success">{r.report}</Typography.Text>
                  </div>
                )}
              </>
            ),
          },
          {
            title: t('minor.referrals.basis'),
            dataIndex: 'basis',
            width: 140,
            render: (b: Referral['basis']) => (
              <Tag color={b === 'override' ? 'orange' : 'blue'}>{t(`minor.referrals.bases.${b}`)}</Tag>
            ),
          },
          {
            title: t('minor.referrals.ackDueAt'),
            dataIndex: 'ackDueAt',
            width: 150,
            render: (v: string, r: Referral) =>
              r.isAckOverdue ? <Typography.Text type="danger">{formatDateTime(v)}</Typography.Text> : formatDateTime(v),
          },
          {
            title: t('minor.referrals.status'),
            dataIndex: 'status',
            width: 180,
            render: (s: Referral['status'], r: Referral) => (
              <Space>
                <Tag>{t(`minor.referrals.statuses.${s}`)}</Tag>
                {r.canRespond && s === 'pending' && (
                  <Button size="small" onClick={() => onAcknowledge(r)}>
                    {t('minor.referrals.acknowledge')}
                  </Button>
                )}
                {r.canRespond && (
                  <Button size="small" onClick={() => onReport(r)}>
                    {t('minor.referrals.report')}
                  </Button>
                )}
              </Space>
            ),
          },
        ]}
      />
    </Card>
  );
}

export function ConsentsCard({ consents }: { consents: Consent[] }) {
  const { t } = useTranslation();
  return (
    <Card size="small" title={t('minor.consents.title')}>
      <List
        size="small"
        dataSource={consents}
        locale={{ emptyText: t('minor.consents.none') }}
        renderItem={(x) => (
          <List.Item>
            {x.guardian} · {x.givenOn} · {x.scope}
            {x.withdrawn && <Tag>withdrawn</Tag>}
          </List.Item>
        )}
      />
    </Card>
  );
}

export function EventsCard({ events }: { events: CaseEvent[] }) {
  const { t } = useTranslation();
  return (
    <Card size="small" title={t('minor.events.title')}>
      <Timeline
        items={events.map((e) => ({
          color: e.type.includes('overdue') ? 'red' : e.type === 'closed' ? 'green' : 'blue',
          content: (
            <div data-testid={`case-event-${e.type}`}>
              <Space wrap size={6}>
                <Typography.Text strong>
                  {t(`minor.events.${e.type}` as 'minor.events.opened', { defaultValue: e.type })}
                </Typography.Text>
                <span>{e.actorName}</span>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {formatDateTime(e.at)}
                </Typography.Text>
              </Space>
              {e.note && <div style={{ whiteSpace: 'pre-wrap' }}>{e.note}</div>}
            </div>
          ),
        }))}
      />
    </Card>
  );
}
