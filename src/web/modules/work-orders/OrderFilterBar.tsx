import { Button, Checkbox, DatePicker, Select, Space } from 'antd';
import { DownloadOutlined, PrinterOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { buildUrl } from '../../lib/api';
import { CHANNELS, ORDER_STATUSES } from '../../../shared/work-orders.constants';
import { CompoundPicker } from './CompoundPicker';
import { useCategories, useWorkUnits } from './work-orders.api';
import { useCurrentUser } from '../auth/useCurrentUser';

/** The list filters kept in the URL (so a filtered list can be shared and reloaded), as the server names them. */
export const FILTER_KEYS = [
  'categoryId',
  'subCategoryId',
  'channel',
  'from',
  'to',
  'compoundId',
  'buildingId',
  'workUnitId',
  'status',
  'overdue',
  'escalated',
  'unsigned',
] as const;
export type OrderFilterParams = Partial<Record<(typeof FILTER_KEYS)[number], string>>;

export function filtersOf(params: URLSearchParams): OrderFilterParams {
  const f: OrderFilterParams = {};
  for (const k of FILTER_KEYS) {
    const v = params.get(k);
    if (v) f[k] = v;
  }
  return f;
}

/** Filter bar of the order list, with the .xlsx export of exactly what is filtered. */
export function OrderFilterBar({
  box,
  q,
  filters,
  onChange,
}: {
  box: string;
  q: string;
  filters: OrderFilterParams;
  onChange: (patch: OrderFilterParams) => void;
}) {
  const { t } = useTranslation();
  const handlesLegs = useCurrentUser().abilities.includes('orders.fulfil');
  const categories = useCategories();
  const units = useWorkUnits(true);
  const tops = (categories.data ?? []).filter((c) => !c.parentId);
  const subs = (categories.data ?? []).filter((c) => c.parentId && c.parentId === filters.categoryId);
  const exportUrl = buildUrl('/work-orders/export.xlsx', { box, q, ...filters });
  return (
    <Space wrap size={8} data-testid="order-filters" className="no-print">
      <Select
        allowClear
        placeholder={t('orders.category')}
        style={{ width: 150 }}
        value={filters.categoryId}
        options={tops.map((c) => ({ value: c.id, label: c.name }))}
        onChange={(v?: string) => onChange({ categoryId: v, subCategoryId: undefined })}
        data-testid="filter-category"
      />
      {subs.length > 0 && (
        <Select
          allowClear
          placeholder={t('ordersList.subCategory')}
          style={{ width: 150 }}
          value={filters.subCategoryId}
          options={subs.map((c) => ({ value: c.id, label: c.name }))}
          onChange={(v?: string) => onChange({ subCategoryId: v })}
        />
      )}
      <Select
        allowClear
        placeholder={t('orders.channel')}
        style={{ width: 130 }}
        value={filters.channel}
        options={CHANNELS.map((c) => ({ value: c, label: t(`orders.channels.${c}`) }))}
        onChange={(v?: string) => onChange({ channel: v })}
        data-testid="filter-channel"
      />
      <Select
        allowClear
        placeholder={t('ordersList.status')}
        style={{ width: 120 }}
        value={filters.status}
        options={ORDER_STATUSES.map((s) => ({ value: s, label: t(`orders.statuses.${s}`) }))}
        onChange={(v?: string) => onChange({ status: v })}
        data-testid="filter-status"
      />
      <DatePicker.RangePicker
        style={{ width: 240 }}
        onChange={(_d, s) => onChange({ from: s[0] || undefined, to: s[1] || undefined })}
        data-testid="filter-dates"
      />
      <div style={{ width: 200 }}>
        <CompoundPicker
          value={filters.compoundId}
          onChange={(id) => onChange({ compoundId: id, buildingId: undefined })}
        />
      </div>
      <Select
        allowClear
        showSearch
        optionFilterProp="label"
        placeholder={t('ordersList.handlerUnit')}
        style={{ width: 170 }}
        value={filters.workUnitId}
        options={(units.data ?? []).map((u) => ({ value: u.id, label: u.name }))}
        onChange={(v?: string) => onChange({ workUnitId: v })}
        data-testid="filter-unit"
      />
      <Checkbox
        checked={filters.overdue === 'true'}
        onChange={(e) => onChange({ overdue: e.target.checked ? 'true' : undefined })}
        data-testid="filter-overdue"
      >
        {t('ordersList.overdue')}
      </Checkbox>
      <Checkbox
        checked={filters.escalated === 'true'}
        onChange={(e) => onChange({ escalated: e.target.checked ? 'true' : undefined })}
        data-testid="filter-escalated"
      >
        {t('ordersList.escalated')}
      </Checkbox>
      {handlesLegs && (
        <Select
          placeholder={t('signfor.filter')}
          style={{ width: 120 }}
          value={filters.unsigned ?? ''}
          options={[
            { value: '', label: `${t('signfor.filter')}: ${t('signfor.filterAll')}` },
            { value: 'true', label: t('signfor.filterUnsigned') },
            { value: 'false', label: t('signfor.filterSigned') },
          ]}
          onChange={(v: string) => onChange({ unsigned: v || undefined })}
          data-testid="filter-unsigned"
        />
      )}
      <Button icon={<DownloadOutlined />} href={exportUrl} data-testid="orders-export">
        {t('ordersList.export')}
      </Button>
    </Space>
  );
}

/** 打印: the browser's print of the page; print CSS (index.html) hides the chrome and the buttons. */
export function PrintButton({ testId }: { testId?: string }) {
  const { t } = useTranslation();
  return (
    <Button icon={<PrinterOutlined />} onClick={() => window.print()} className="no-print" data-testid={testId}>
      {t('ordersList.print')}
    </Button>
  );
}
