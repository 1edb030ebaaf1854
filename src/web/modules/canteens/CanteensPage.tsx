import { useState } from 'react';
import {
  Alert,
  App as AntApp,
  Button,
  Card,
  Col,
  Form,
  Input,
  InputNumber,
  Row,
  Select,
  Space,
  Statistic,
  Table,
  Typography,
} from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../lib/api';
import { recentMonths } from '../../lib/months';
import { useStations } from '../stations/stations.api';
import { DECLARED_CATEGORIES } from '../../../shared/canteens.constants';
import {
  type MealBody,
  type MealKind,
  type SubsidyCategory,
  settlementXlsxUrl,
  useRegisterMeal,
  useSettle,
  useSettlement,
  useSubsidyRules,
} from './canteens.api';

const yuan = (cents: number) => (cents / 100).toFixed(2);

interface MealForm {
  personId?: string;
  meal: MealKind;
  priceYuan: number;
  declaredCategory?: MealBody['declaredCategory'];
}

/** 幸福餐厅: register meals with the subsidy the rules give, and settle each month once (duplicate claims block it). */
export default function CanteensPage() {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const months = recentMonths();
  const [month, setMonth] = useState(months[1]!);
  const canteens = useStations('canteen');
  const [picked, setPicked] = useState<string | undefined>();
  const stationId = picked ?? canteens.data?.[0]?.id;
  const rules = useSubsidyRules();
  const s = useSettlement(stationId, month);
  const settle = useSettle(stationId, month);
  const onError = (e: Error) => void message.error(errorMessage(e));
  const runSettle = () =>
    settle.mutate(undefined, { onSuccess: () => void message.success(t('canteens.settled')), onError });
  const [form] = Form.useForm<MealForm>();
  const meal = useRegisterMeal(stationId);
  const registerMeal = (v: MealForm) =>
    meal.mutate(
      {
        personId: v.personId?.trim() || undefined,
        meal: v.meal,
        priceCents: Math.round(v.priceYuan * 100),
        declaredCategory: v.declaredCategory,
      },
      {
        onSuccess: (r) =>
          void message.success(
            t('canteens.mealSaved', { subsidy: yuan(r.meal.subsidyCents), paid: yuan(r.meal.paidCents) }),
          ),
        onError,
      },
    );
  const d = s.data;
  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }} data-testid="canteens-page">
      <Space style={{ justifyContent: 'space-between', width: '100%' }} wrap>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('canteens.title')}
        </Typography.Title>
        <Space>
          <Select
            style={{ width: 240 }}
            value={stationId}
            onChange={setPicked}
            options={(canteens.data ?? []).map((c) => ({ value: c.id, label: c.name }))}
          />
          <Select
            style={{ width: 120 }}
            value={month}
            onChange={setMonth}
            options={months.map((m) => ({ value: m, label: m }))}
          />
        </Space>
      </Space>
      {(s.isError || canteens.isError) && (
        <Alert type="error" showIcon title={errorMessage(s.error ?? canteens.error)} />
      )}
      {d && (
        <Row gutter={[12, 12]}>
          <Col xs={12} md={6}>
            <Card size="small">
              <Statistic title={t('canteens.meals')} value={d.meals} />
            </Card>
          </Col>
          <Col xs={12} md={6}>
            <Card size="small">
              <Statistic title={t('canteens.diners')} value={d.diners} />
            </Card>
          </Col>
          <Col xs={12} md={6}>
            <Card size="small">
              <Statistic title={t('canteens.subsidy')} value={yuan(d.subsidyCents)} />
            </Card>
          </Col>
          <Col xs={12} md={6}>
            <Card size="small">
              <Statistic title={t('canteens.revenue')} value={yuan(d.revenueCents)} />
            </Card>
          </Col>
        </Row>
      )}
      <Card
        size="small"
        title={t('canteens.settlementTitle', { month })}
        extra={
          <Space>
            <a href={settlementXlsxUrl(stationId, month)} download>
              <Button icon={<DownloadOutlined />}>{t('canteens.export')}</Button>
            </a>
            <Button type="primary" disabled={!d || !!d.settledAt} loading={settle.isPending} onClick={runSettle}>
              {d?.settledAt ? t('canteens.alreadySettled') : t('canteens.settle')}
            </Button>
          </Space>
        }
      >
        {d && d.duplicates.length > 0 && (
          <Alert
            type="warning"
            showIcon
            title={t('canteens.duplicates', { count: d.duplicates.length })}
            style={{ marginBottom: 8 }}
          />
        )}
        <Table
          data-testid="settlement-table"
          rowKey="category"
          size="small"
          pagination={false}
          dataSource={d?.byCategory ?? []}
          columns={[
            {
              title: t('canteens.category'),
              dataIndex: 'category',
              render: (c: SubsidyCategory) => t(`canteens.categories.${c}`),
            },
            { title: t('canteens.meals'), dataIndex: 'meals', align: 'right' },
            { title: t('canteens.subsidy'), dataIndex: 'subsidyCents', align: 'right', render: (v: number) => yuan(v) },
          ]}
        />
      </Card>
      <Row gutter={12}>
        <Col xs={24} lg={12}>
          <Card size="small" title={t('canteens.registerMeal')}>
            <Form
              form={form}
              layout="vertical"
              initialValues={{ meal: 'lunch', priceYuan: 15 }}
              onFinish={registerMeal}
              disabled={!stationId}
            >
              <Form.Item name="personId" label={t('canteens.personId')}>
                <Input placeholder={t('canteens.personIdHint')} />
              </Form.Item>
              <Space>
                <Form.Item name="meal" label={t('canteens.meal')}>
                  <Select
                    style={{ width: 120 }}
                    options={(['breakfast', 'lunch', 'dinner'] as const).map((m) => ({
                      value: m,
                      label: t(`canteens.mealKinds.${m}`),
                    }))}
                  />
                </Form.Item>
                <Form.Item name="priceYuan" label={t('canteens.price')}>
                  <InputNumber min={0} max={1000} step={0.5} />
                </Form.Item>
                <Form.Item name="declaredCategory" label={t('canteens.declared')}>
                  <Select
                    allowClear
                    style={{ width: 180 }}
                    options={DECLARED_CATEGORIES.map((c) => ({
                      value: c,
                      label: t(`canteens.categories.${c}`),
                    }))}
                  />
                </Form.Item>
              </Space>
              <Button type="primary" htmlType="submit" loading={meal.isPending}>
                {t('canteens.save')}
              </Button>
            </Form>
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card size="small" title={t('canteens.rules')}>
            <Table
              rowKey="id"
              size="small"
              pagination={false}
              dataSource={rules.data ?? []}
              columns={[
                {
                  title: t('canteens.category'),
                  dataIndex: 'category',
                  render: (c: SubsidyCategory) => t(`canteens.categories.${c}`),
                },
                { title: t('canteens.rule'), dataIndex: 'label' },
              ]}
            />
          </Card>
        </Col>
      </Row>
    </Space>
  );
}
