import { useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useQuery } from '@tanstack/react-query';
import {
  App,
  Button,
  Card,
  Col,
  DatePicker,
  Form,
  Input,
  InputNumber,
  List,
  Modal,
  Progress as Bar,
  Row,
  Select,
  Space,
  Tag,
  Typography,
} from 'antd';
import dayjs from 'dayjs';
import { errorMessage } from '../../lib/api';
import { useCan } from '../auth/useCurrentUser';
import type { Programme } from '../../../shared/party-programmes.schema';
import { dashboardXlsxUrl } from './party-admin.api';
import { searchCompounds, useAddProgress, useProgrammes } from './programmes.api';
import { DemonstrationSitesCard } from './DemonstrationSitesCard';
import { OpenYearButton, TargetsModal } from './ProgrammePlan';

const thisYear = new Date().getFullYear();

/** 六大工程: a card per programme with its indicators (target vs actual), the progress log and the 示范点. */
export default function ProgrammesPage() {
  const { t } = useTranslation();
  const can = useCan();
  const [year, setYear] = useState(thisYear);
  const [adding, setAdding] = useState<Programme>();
  const [planning, setPlanning] = useState<Programme>();
  const plans = can('party.plan');
  const q = useProgrammes(year);
  const items = q.data?.items ?? [];
  const log = useMemo(
    () =>
      items
        .flatMap((p) => p.progress.map((e) => ({ ...e, programme: p.name })))
        .sort((a, b) => b.happenedOn.localeCompare(a.happenedOn) || b.createdAt.localeCompare(a.createdAt)),
    [items],
  );
  // the district may open next year's programmes, so it can choose next year
  const years = [...new Set([thisYear, ...(plans ? [thisYear + 1] : []), ...(q.data?.years ?? [])])].sort(
    (a, b) => b - a,
  );
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }} data-testid="programmes-page">
      <Card
        title={t('programmes.title')}
        extra={
          <Button href={dashboardXlsxUrl()} data-testid="programmes-export">
            {t('partyAdmin.export')}
          </Button>
        }
      >
        <Space wrap>
          <Select
            value={year}
            onChange={setYear}
            style={{ width: 100 }}
            data-testid="programmes-year"
            options={years.map((y) => ({ value: y, label: String(y) }))}
          />
          {q.data && (
            <Typography.Text type="secondary">{t('programmes.scope', { unit: q.data.unit.name })}</Typography.Text>
          )}
        </Space>
        {q.data && !items.length && (
          <Typography.Paragraph type="secondary" style={{ marginTop: 12 }}>
            {t('programmes.none', { year })}
          </Typography.Paragraph>
        )}
        {q.data && !items.length && plans && (year === thisYear || year === thisYear + 1) && (
          <OpenYearButton year={year} />
        )}
      </Card>
      <Row gutter={[16, 16]}>
        {items.map((p) => (
          <Col key={p.id} xs={24} md={12} xl={8}>
            <ProgrammeCard
              p={p}
              canAdd={can('party.manage')}
              onAdd={() => setAdding(p)}
              onPlan={plans ? () => setPlanning(p) : undefined}
            />
          </Col>
        ))}
      </Row>
      <Card title={t('programmes.log')} data-testid="progress-log">
        <List
          dataSource={log}
          locale={{ emptyText: t('programmes.noProgress') }}
          pagination={log.length > 10 ? { pageSize: 10, size: 'small' } : false}
          renderItem={(e) => (
            <List.Item key={e.id} data-testid={`progress-${e.id}`}>
              <Space direction="vertical" size={2} style={{ width: '100%', minWidth: 0 }}>
                <Space wrap size={4}>
                  <Typography.Text strong>{e.happenedOn}</Typography.Text>
                  <Tag>{e.programme}</Tag>
                  <Typography.Text type="secondary">{e.reportingUnit.name}</Typography.Text>
                  {e.value !== null && <Tag color="blue">+{e.value}</Tag>}
                </Space>
                <Typography.Text style={{ overflowWrap: 'anywhere' }}>{e.note}</Typography.Text>
                {e.units.length > 0 && (
                  <Typography.Text type="secondary">
                    {t('programmes.touched')}：{e.units.map((u) => u.name).join('、')}
                  </Typography.Text>
                )}
              </Space>
            </List.Item>
          )}
        />
      </Card>
      <DemonstrationSitesCard year={year} programmes={items} />
      {adding && <ProgressModal p={adding} onClose={() => setAdding(undefined)} />}
      {planning && <TargetsModal p={planning} onClose={() => setPlanning(undefined)} />}
    </Space>
  );
}

function ProgrammeCard({
  p,
  canAdd,
  onAdd,
  onPlan,
}: {
  p: Programme;
  canAdd: boolean;
  onAdd: () => void;
  onPlan: (() => void) | undefined;
}) {
  const { t } = useTranslation();
  return (
    <Card
      size="small"
      title={<span style={{ whiteSpace: 'normal' }}>{p.name}</span>}
      data-testid={`programme-${p.key}`}
      extra={
        <Space size={0} wrap>
          {onPlan && (
            <Button size="small" type="link" onClick={onPlan} data-testid={`programme-targets-${p.key}`}>
              {t('programmes.targets')}
            </Button>
          )}
          {canAdd && (
            <Button size="small" type="link" onClick={onAdd} data-testid={`programme-add-${p.key}`}>
              {t('programmes.add')}
            </Button>
          )}
        </Space>
      }
      style={{ height: '100%' }}
    >
      <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
        {t('programmes.lead')}：{p.leadUnit}
      </Typography.Paragraph>
      {p.indicators.map((i) => (
        <div key={i.key} style={{ marginBottom: 8 }}>
          <Space style={{ justifyContent: 'space-between', width: '100%' }} wrap size={4}>
            <Typography.Text>
              {i.name}
              {i.metric === 'manual' && <Typography.Text type="secondary"> · {t('programmes.manual')}</Typography.Text>}
            </Typography.Text>
            <Typography.Text data-testid={`indicator-${p.key}-${i.key}`} data-actual={i.actual}>
              {i.actual} / {i.target} {i.unit}
            </Typography.Text>
          </Space>
          <Bar percent={i.share} size="small" status={i.share >= 100 ? 'success' : 'active'} />
        </div>
      ))}
      <Typography.Text type="secondary" data-testid={`programme-count-${p.key}`}>
        {t('programmes.count', { n: p.progressCount, units: p.touchedUnits })}
      </Typography.Text>
    </Card>
  );
}

interface ProgressForm {
  indicatorKey?: string;
  value?: number;
  happenedOn: dayjs.Dayjs;
  note: string;
  unitIds: string[];
}

function ProgressModal({ p, onClose }: { p: Programme; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const add = useAddProgress();
  const [form] = Form.useForm<ProgressForm>();
  const indicatorKey = Form.useWatch('indicatorKey', form);
  const manual = p.indicators.find((i) => i.key === indicatorKey)?.metric === 'manual';
  const [q, setQ] = useState('');
  const found = useQuery({ queryKey: ['party', 'compounds', q], queryFn: () => searchCompounds(q) });
  // keep the names of compounds chosen under an earlier search
  const seen = useRef(new Map<string, string>());
  for (const u of found.data ?? []) seen.current.set(u.id, u.name);
  const chosen: string[] = Form.useWatch('unitIds', form) ?? [];
  const options = [
    ...chosen.filter((id) => !found.data?.some((u) => u.id === id)),
    ...(found.data ?? []).map((u) => u.id),
  ].map((value) => ({ value, label: seen.current.get(value) ?? value }));
  return (
    <Modal
      open
      title={t('programmes.addTitle', { name: p.name })}
      onCancel={onClose}
      okText={t('programmes.submit')}
      okButtonProps={{ loading: add.isPending, 'data-testid': 'progress-submit' } as never}
      onOk={() => form.submit()}
      destroyOnHidden
    >
      <Form<ProgressForm>
        form={form}
        layout="vertical"
        data-testid="progress-form"
        initialValues={{ happenedOn: dayjs(), unitIds: [] }}
        onFinish={(v) =>
          add.mutate(
            {
              programmeId: p.id,
              indicatorKey: v.indicatorKey,
              value: manual ? v.value : undefined,
              happenedOn: v.happenedOn.format('YYYY-MM-DD'),
              note: v.note,
              unitIds: v.unitIds,
            },
            {
              onSuccess: () => {
                void message.success(t('programmes.added'));
                onClose();
              },
              onError: (e) => void message.error(errorMessage(e)),
            },
          )
        }
      >
        <Form.Item name="indicatorKey" label={t('programmes.indicator')}>
          <Select
            allowClear
            data-testid="progress-indicator"
            options={p.indicators.map((i) => ({ value: i.key, label: `${i.name}（${i.unit}）` }))}
          />
        </Form.Item>
        {manual && (
          <Form.Item name="value" label={t('programmes.value')} rules={[{ required: true }]}>
            <InputNumber min={0} style={{ width: '100%' }} data-testid="progress-value" />
          </Form.Item>
        )}
        <Form.Item name="happenedOn" label={t('programmes.date')} rules={[{ required: true }]}>
          <DatePicker
            style={{ width: '100%' }}
            disabledDate={(d) => d.isAfter(dayjs(), 'day') || d.year() !== p.year}
            data-testid="progress-date"
          />
        </Form.Item>
        <Form.Item name="note" label={t('programmes.note')} rules={[{ required: true, min: 2 }]}>
          <Input.TextArea rows={3} maxLength={1000} data-testid="progress-note" />
        </Form.Item>
        <Form.Item name="unitIds" label={t('programmes.units')}>
          <Select
            mode="multiple"
            data-testid="progress-units"
            showSearch={{ filterOption: false, onSearch: setQ }}
            loading={found.isFetching}
            options={options}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
