import { AttachmentThumbs } from '../attachments/AttachmentThumbs';
import { Button, Empty, Image, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Leg, LegStatus, OrderCan } from '../../../shared/work-orders.schema';
import { DeadlineClock, formatDateTime } from './OrderBits';
import type { OrderDialog } from './OrderActionDialogs';
import type { OrderAction } from './work-orders.api';

/** 待签收 / 已签收 of a leg still being worked (a done leg's sign-for time shows in the tooltip). */
export function SignTag({ leg }: { leg: Leg }) {
  const { t } = useTranslation();
  if (leg.status === 'fulfilled' || leg.status === 'returned') return null;
  return leg.signedAt ? (
    <Tag
      color="blue"
      data-testid="leg-signed"
      title={
        leg.signedByName
          ? t('signfor.signedBy', { name: leg.signedByName, at: formatDateTime(leg.signedAt) })
          : t('signfor.signedAt', { at: formatDateTime(leg.signedAt) })
      }
    >
      {t('signfor.signed')}
    </Tag>
  ) : (
    <Tag color="orange" data-testid="leg-unsigned">
      {t('signfor.unsigned')}
    </Tag>
  );
}

const LEG_COLOR: Record<LegStatus, string> = {
  open: 'processing',
  fulfilled: 'success',
  returned: 'warning',
  paused: 'default',
};

/** The order's legs (派单): handler, status with extension, deadline clock, result, and the leg's buttons. */
export function OrderLegs({
  legs,
  can,
  setDialog,
  run,
  busy,
}: {
  legs: Leg[];
  can: OrderCan;
  setDialog: (d: OrderDialog) => void;
  /** runs a step at once (签收 needs no dialog) */
  run?: (a: OrderAction) => void;
  busy?: boolean;
}) {
  const { t } = useTranslation();
  const legColumns: TableColumnsType<Leg> = [
    {
      title: t('orders.detail.handler'),
      dataIndex: 'handlerName',
      render: (v: string, l) => (
        <Space size={4} wrap>
          <span>{v}</span>
          <Tag>{t(`orders.handlers.${l.handlerKind}`, { defaultValue: l.handlerKind })}</Tag>
        </Space>
      ),
    },
    {
      title: t('orders.detail.legStatus'),
      dataIndex: 'status',
      width: 170,
      render: (s: LegStatus, l) => (
        <Space size={4} wrap>
          <Tag color={LEG_COLOR[s] ?? 'default'} data-testid="leg-status" data-status={s}>
            {t(`orders.legStatuses.${s}`, { defaultValue: s })}
          </Tag>
          <SignTag leg={l} />
          {l.extension && (
            <Tag
              color={
                l.extension.status === 'pending' ? 'orange' : l.extension.status === 'approved' ? 'green' : 'default'
              }
            >
              {t(`orders.extensionStatuses.${l.extension.status}`)} · {l.extension.days}
            </Tag>
          )}
        </Space>
      ),
    },
    {
      title: t('orders.detail.due'),
      dataIndex: 'dueAt',
      width: 180,
      render: (_: unknown, l) => (
        <DeadlineClock
          dueAt={l.dueAt}
          done={l.status === 'fulfilled' || l.status === 'returned'}
          paused={l.status === 'paused'}
        />
      ),
    },
    {
      title: t('orders.detail.result'),
      dataIndex: 'result',
      render: (v: string | null, l) =>
        v ? (
          <Space orientation="vertical" size={4}>
            <span style={{ whiteSpace: 'pre-wrap' }}>{v}</span>
            {l.evidence.length > 0 && (
              <Image.PreviewGroup>
                <Space size={4} wrap>
                  {l.evidence.map((ev, i) =>
                    ev.startsWith('data:image/') ? (
                      <Image key={i} src={ev} width={48} height={48} style={{ objectFit: 'cover' }} />
                    ) : (
                      <Typography.Text key={i} type="secondary">
                        {ev}
                      </Typography.Text>
                    ),
                  )}
                </Space>
              </Image.PreviewGroup>
            )}
            <AttachmentThumbs files={l.attachments} size={56} testId={`leg-files-${l.id}`} />
            {l.fulfilledAt && (
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {formatDateTime(l.fulfilledAt)}
              </Typography.Text>
            )}
          </Space>
        ) : (
          '—'
        ),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 230,
      render: (_: unknown, l) => {
        const mayFulfil = can.fulfil.includes(l.id);
        const mayExtend = can.requestExtension.includes(l.id);
        const mayDecide = can.decideExtension && l.extension?.status === 'pending';
        const maySign = !!run && (can.sign ?? []).includes(l.id);
        if (!mayFulfil && !mayExtend && !mayDecide && !maySign) return null;
        return (
          <Space size={4} wrap>
            {maySign && (
              <Button
                size="small"
                type="primary"
                data-testid="leg-sign"
                data-leg-handler={l.handlerName}
                loading={busy}
                onClick={() => run({ kind: 'sign', legId: l.id })}
              >
                {t('signfor.sign')}
              </Button>
            )}
            {mayFulfil && (
              <Button
                size="small"
                type="primary"
                data-testid="leg-fulfil"
                data-leg-handler={l.handlerName}
                data-leg-id={l.id}
                onClick={() => setDialog({ kind: 'fulfil', leg: l })}
              >
                {t('orders.actions.fulfil')}
              </Button>
            )}
            {mayFulfil && (
              <Button
                size="small"
                data-testid="leg-return"
                data-leg-handler={l.handlerName}
                onClick={() => setDialog({ kind: 'return', leg: l })}
              >
                {t('orders.actions.return')}
              </Button>
            )}
            {mayExtend && (
              <Button
                size="small"
                data-testid="leg-extension"
                data-leg-handler={l.handlerName}
                onClick={() => setDialog({ kind: 'extension', leg: l })}
              >
                {t('orders.actions.requestExtension')}
              </Button>
            )}
            {mayDecide && (
              <Button
                size="small"
                data-testid="leg-decide-extension"
                data-leg-handler={l.handlerName}
                onClick={() => setDialog({ kind: 'decide', leg: l })}
              >
                {t('orders.actions.decideExtension')}
              </Button>
            )}
          </Space>
        );
      },
    },
  ];

  if (legs.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('orders.detail.noLegs')} />;
  return (
    <Table<Leg>
      data-testid="order-legs"
      rowKey="id"
      size="small"
      pagination={false}
      columns={legColumns}
      dataSource={legs}
      scroll={{ x: 900 }}
      onRow={(l) =>
        ({ 'data-testid': `leg-row`, 'data-leg-handler': l.handlerName }) as React.HTMLAttributes<HTMLElement>
      }
    />
  );
}
