import { useTranslation } from 'react-i18next';
import type { Leg, OrderDetail } from '../../../shared/work-orders.schema';
import { DispatchDialog } from './DispatchDialog';
import { ConfirmDialog, DecideExtensionDialog, ExtensionDialog, FulfilDialog, TextDialog } from './OrderDialogs';
import type { OrderAction } from './work-orders.api';

/** Which step's dialog is open on the order page. */
export type OrderDialog =
  | { kind: 'dispatch' }
  | { kind: 'confirm' }
  | { kind: 'escalate' }
  | { kind: 'supervise' }
  | { kind: 'reopen' }
  | { kind: 'fulfil'; leg: Leg }
  | { kind: 'return'; leg: Leg }
  | { kind: 'extension'; leg: Leg }
  | { kind: 'decide'; leg: Leg }
  | null;

/** The dialogs of the order's steps; the open one is `dialog`. */
export function OrderActionDialogs({
  order,
  dialog,
  setDialog,
  busy,
  run,
}: {
  order: OrderDetail;
  dialog: OrderDialog;
  setDialog: (d: OrderDialog) => void;
  busy: boolean;
  run: (a: OrderAction) => void;
}) {
  const { t } = useTranslation();
  const dialogLeg = (k: 'fulfil' | 'return' | 'extension' | 'decide') => (dialog?.kind === k ? dialog.leg : null);
  return (
    <>
      <DispatchDialog
        open={dialog?.kind === 'dispatch'}
        categoryName={order.categoryName}
        orderId={order.id}
        loading={busy}
        onCancel={() => setDialog(null)}
        onSubmit={(v) => run({ kind: 'dispatch', version: order.version, legs: v.legs, note: v.note })}
      />
      <FulfilDialog
        leg={dialogLeg('fulfil')}
        loading={busy}
        onCancel={() => setDialog(null)}
        onSubmit={(v) => dialog?.kind === 'fulfil' && run({ kind: 'fulfil', legId: dialog.leg.id, ...v })}
      />
      <TextDialog
        open={dialog?.kind === 'return'}
        title={t('orders.dialogs.returnTitle', { handler: dialogLeg('return')?.handlerName ?? '' })}
        label={t('orders.dialogs.reason')}
        loading={busy}
        testId="return"
        flag={t('catalogue.catalogueCause')}
        onCancel={() => setDialog(null)}
        onSubmit={(reason, catalogue) =>
          dialog?.kind === 'return' &&
          run({ kind: 'return', legId: dialog.leg.id, reason, ...(catalogue && { cause: 'catalogue' as const }) })
        }
      />
      <ExtensionDialog
        leg={dialogLeg('extension')}
        loading={busy}
        onCancel={() => setDialog(null)}
        onSubmit={(v) => dialog?.kind === 'extension' && run({ kind: 'extension', legId: dialog.leg.id, ...v })}
      />
      <DecideExtensionDialog
        leg={dialogLeg('decide')}
        loading={busy}
        onCancel={() => setDialog(null)}
        onSubmit={(v) => dialog?.kind === 'decide' && run({ kind: 'decideExtension', legId: dialog.leg.id, ...v })}
      />
      <ConfirmDialog
        open={dialog?.kind === 'confirm'}
        loading={busy}
        onCancel={() => setDialog(null)}
        onSubmit={(v) => run({ kind: 'confirm', version: order.version, ...v })}
      />
      <TextDialog
        open={dialog?.kind === 'escalate'}
        title={t('orders.dialogs.escalateTitle')}
        hint={t('orders.dialogs.escalateHint')}
        label={t('orders.dialogs.reason')}
        loading={busy}
        testId="escalate"
        onCancel={() => setDialog(null)}
        onSubmit={(reason) => run({ kind: 'escalate', reason })}
      />
      <TextDialog
        open={dialog?.kind === 'supervise'}
        title={t('orders.dialogs.superviseTitle')}
        label={t('orders.dialogs.superviseNote')}
        loading={busy}
        testId="supervise"
        onCancel={() => setDialog(null)}
        onSubmit={(note) => run({ kind: 'supervise', note })}
      />
      <TextDialog
        open={dialog?.kind === 'reopen'}
        title={t('orders.dialogs.reopenTitle')}
        hint={t('orders.dialogs.reopenHint')}
        label={t('orders.dialogs.reason')}
        loading={busy}
        testId="reopen"
        onCancel={() => setDialog(null)}
        onSubmit={(reason) => run({ kind: 'reopen', reason })}
      />
    </>
  );
}
