import { useState, type HTMLAttributes, type Key, type ReactNode } from 'react';
import { Card, Empty, Grid, Pagination, Spin, Table, type TableColumnType, type TableProps } from 'antd';

/**
 * A table at 768 px and up; below, the same rows as cards (each column a "label: value" line), so a wide list
 * stays readable on a phone. Takes Table's own props: a page swaps `<Table` for `<ResponsiveTable` and keeps
 * its columns, render functions, row test ids and (client-side) pagination.
 */
type Column<T> = TableColumnType<T> & { children?: unknown };

function cellValue<T>(record: T, dataIndex: TableColumnType<T>['dataIndex']): unknown {
  if (dataIndex === undefined || dataIndex === null) return undefined;
  const path = Array.isArray(dataIndex) ? dataIndex : [dataIndex];
  let v: unknown = record;
  for (const k of path) v = v == null ? undefined : (v as Record<string, unknown>)[String(k)];
  return v;
}

function rowKeyOf<T>(record: T, index: number, rowKey: TableProps<T>['rowKey']): Key {
  if (typeof rowKey === 'function') return rowKey(record, index);
  if (typeof rowKey === 'string') return String((record as Record<string, unknown>)[rowKey]);
  return index;
}

function RowCards<T extends object>(props: TableProps<T>) {
  const { columns = [], dataSource = [], rowKey, onRow, loading, pagination } = props;
  const pageSize = pagination && typeof pagination === 'object' && !pagination.total ? (pagination.pageSize ?? 10) : 0;
  const [page, setPage] = useState(1);
  const rows = pageSize ? dataSource.slice((page - 1) * pageSize, page * pageSize) : dataSource;
  const cols = (columns as Column<T>[]).filter((c) => !c.hidden);
  const testId = (props as Record<string, unknown>)['data-testid'] as string | undefined;
  return (
    <Spin spinning={!!loading}>
      <div data-testid={testId} data-layout="cards" style={{ display: 'flex', flexDirection: 'column', gap: 8 }}>
        {rows.length === 0 && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />}
        {rows.map((record, i) => {
          const index = (page - 1) * pageSize + i;
          const attrs = (onRow?.(record, index) ?? {}) as HTMLAttributes<HTMLElement> & Record<string, unknown>;
          const { onDoubleClick: _dbl, onClick, style, ...rest } = attrs;
          return (
            <Card
              key={rowKeyOf(record, index, rowKey)}
              size="small"
              {...(rest as HTMLAttributes<HTMLDivElement>)}
              onClick={onClick as HTMLAttributes<HTMLDivElement>['onClick']}
              style={style}
              styles={{ body: { padding: '8px 12px' } }}
            >
              {cols.map((c, ci) => {
                const raw = cellValue(record, c.dataIndex);
                const shown = (c.render ? c.render(raw, record, index) : raw) as ReactNode;
                if (shown === null || shown === undefined || shown === '') return null;
                const title = typeof c.title === 'function' ? null : (c.title as ReactNode);
                return (
                  <div
                    key={String(c.key ?? c.dataIndex ?? ci)}
                    style={{ display: 'flex', gap: 8, padding: '2px 0', minWidth: 0 }}
                  >
                    {title && <span style={{ color: '#888', flex: '0 0 auto', maxWidth: '40%' }}>{title}</span>}
                    <span style={{ flex: 1, minWidth: 0, overflowWrap: 'anywhere' }}>{shown}</span>
                  </div>
                );
              })}
            </Card>
          );
        })}
        {pageSize > 0 && dataSource.length > pageSize && (
          <Pagination
            simple
            current={page}
            pageSize={pageSize}
            total={dataSource.length}
            onChange={setPage}
            style={{ alignSelf: 'center' }}
          />
        )}
      </div>
    </Spin>
  );
}

export function ResponsiveTable<T extends object>(props: TableProps<T>) {
  const wide = Grid.useBreakpoint().md ?? true;
  if (wide) return <Table<T> {...props} />;
  return <RowCards<T> {...props} />;
}
