import { and, eq } from 'drizzle-orm';
import type { Queryable } from '../db/client.js';
import { orgUnits } from '../modules/org/org.tables.js';
import type { TestEnv } from './harness.js';

/** Builds work orders in a given state through the public API, for tests. */
export type OrderFixtureCtx = Pick<TestEnv, 'as' | 'ctx'>;

export interface OrderState {
  id: string;
  version: number;
  legs: { id: string; handlerKind: string; workUnitId: string | null; status: string }[];
  status: string;
}

const PNG =
  'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';
let counter = 0;

export async function compoundId(db: Queryable, name = '星港城'): Promise<string> {
  const [c] = await db
    .select({ id: orgUnits.id })
    .from(orgUnits)
    .where(and(eq(orgUnits.name, name), eq(orgUnits.kind, 'compound')));
  return c!.id;
}

async function call(
  f: OrderFixtureCtx,
  user: string,
  method: 'GET' | 'POST',
  url: string,
  payload?: object,
): Promise<{ order: OrderState }> {
  const res = method === 'GET' ? await f.as(user).get(url) : await f.as(user).post(url, payload);
  if (res.statusCode >= 300) throw new Error(`${user} ${method} ${url} → ${res.statusCode} ${res.body}`);
  return res.json<{ order: OrderState }>();
}

/**
 * stage: new → accepted → dispatched (legs to 住建局 W001 and the property company) → extension
 * (住建局 asked for more time) → fulfilled → closed (rated by the reporting resident).
 */
export async function orderIn(
  f: OrderFixtureCtx,
  stage: 'new' | 'accepted' | 'dispatched' | 'extension' | 'fulfilled' | 'closed',
): Promise<OrderState> {
  const compound = await compoundId(f.ctx.db);
  let { order } = await call(f, 'resident', 'POST', '/api/work-orders', {
    channel: 'resident',
    categoryId: 'C04',
    title: `墙体开裂 ${++counter}`,
    description: '围墙出现裂缝并向西倾斜',
    compoundId: compound,
    photos: [PNG],
  });
  if (stage === 'new') return order;
  ({ order } = await call(f, 'taihe', 'POST', `/api/work-orders/${order.id}/accept`, { version: order.version }));
  if (stage === 'accepted') return order;
  ({ order } = await call(f, 'taihe', 'POST', `/api/work-orders/${order.id}/dispatch`, {
    version: order.version,
    legs: [{ handlerKind: 'department', workUnitId: 'W001' }, { handlerKind: 'property' }],
  }));
  if (stage === 'dispatched') return order;
  const dept = order.legs.find((l) => l.workUnitId === 'W001')!;
  const prop = order.legs.find((l) => l.handlerKind === 'property')!;
  if (stage === 'extension') {
    return (
      await call(f, 'zhujian', 'POST', `/api/work-orders/${order.id}/legs/${dept.id}/extension`, {
        days: 3,
        reason: '需要结构安全鉴定',
      })
    ).order;
  }
  await call(f, 'zhujian', 'POST', `/api/work-orders/${order.id}/legs/${dept.id}/fulfil`, {
    result: '已现场核查并出具结构安全鉴定',
  });
  ({ order } = await call(f, 'taihe', 'POST', `/api/work-orders/${order.id}/legs/${prop.id}/fulfil`, {
    result: '物业已修复',
  }));
  if (stage === 'fulfilled') return order;
  ({ order } = await call(f, 'resident', 'POST', `/api/work-orders/${order.id}/confirm`, {
    version: order.version,
    rating: 5,
  }));
  return order;
}

export { PNG };
