import { Alert, Card, Empty, Spin, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../lib/api';
import { useMyCanteens, type MealKind, type MyCanteens, type MyMenuItem } from '../canteens/canteens.api';

const MEAL_ORDER: MealKind[] = ['breakfast', 'lunch', 'dinner'];

/** Fen as yuan without trailing zeros: 1200 → "12", 480 → "4.8". */
const yuan = (cents: number) => String(Number((cents / 100).toFixed(2)));

/**
 * The dish that stands for "you pay X of Y": among the subsidised lunches (else all subsidised dishes) the one
 * at the most common price — the everyday set meal — the dearer one on a tie.
 */
function sample(menu: MyMenuItem[]): MyMenuItem | undefined {
  const subsidised = menu.filter((i) => i.ruleLabel !== null);
  const lunches = subsidised.filter((i) => i.meal === 'lunch');
  const pool = lunches.length ? lunches : subsidised;
  const count = (i: MyMenuItem) => pool.filter((x) => x.priceCents === i.priceCents).length;
  return [...pool].sort((a, b) => count(b) - count(a) || b.priceCents - a.priceCents)[0];
}

function Row({ left, right, testId }: { left: ReactNode; right: ReactNode; testId: string }) {
  return (
    <div
      data-testid={testId}
      style={{ display: 'flex', gap: 8, padding: '10px 0', borderBottom: '1px solid #f3f3f3', alignItems: 'center' }}
    >
      <div style={{ flex: 1, minWidth: 0, overflowWrap: 'anywhere' }}>{left}</div>
      <div style={{ flexShrink: 0, textAlign: 'right' }}>{right}</div>
    </div>
  );
}

function CanteenCard({ canteen }: { canteen: MyCanteens['canteens'][number] }) {
  const { t } = useTranslation();
  const s = sample(canteen.menu);
  return (
    <Card size="small" data-testid="m-canteen" data-canteen-id={canteen.id}>
      <Typography.Title level={5} style={{ margin: 0 }}>
        {canteen.name}
      </Typography.Title>
      <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
        {[canteen.address, canteen.meters !== null && t('mobile.canteen.distance', { meters: canteen.meters })]
          .filter(Boolean)
          .join(' · ')}
      </Typography.Text>
      <Alert
        style={{ margin: '10px 0' }}
        type={s ? 'success' : 'info'}
        data-testid="m-subsidy-line"
        message={
          s
            ? t('mobile.canteen.subsidyLine', {
                rule: s.ruleLabel,
                dish: s.name,
                price: yuan(s.priceCents),
                pay: yuan(s.payCents),
              })
            : t('mobile.canteen.noSubsidy')
        }
      />
      {MEAL_ORDER.map((meal) => {
        const dishes = canteen.menu.filter((i) => i.meal === meal);
        if (!dishes.length) return null;
        return (
          <div key={meal} style={{ marginTop: 8 }}>
            <Typography.Text strong style={{ fontSize: 15 }}>
              {t(`canteens.mealKinds.${meal}`)}
            </Typography.Text>
            {dishes.map((d) => (
              <Row
                key={d.id}
                testId="m-dish"
                left={
                  <>
                    <Typography.Text>{d.name}</Typography.Text>{' '}
                    {d.isSilver && (
                      <Tag color="purple" style={{ marginInlineEnd: 0 }}>
                        {t('mobile.canteen.silver')}
                      </Tag>
                    )}
                  </>
                }
                right={
                  <>
                    <div style={{ fontWeight: 600, fontSize: 15 }} data-testid="m-dish-pay">
                      {t('mobile.canteen.youPay', { pay: yuan(d.payCents) })}
                    </div>
                    {d.subsidyCents > 0 && (
                      <Typography.Text type="secondary" delete style={{ fontSize: 12 }} data-testid="m-dish-price">
                        {t('mobile.canteen.ofPrice', { price: yuan(d.priceCents) })}
                      </Typography.Text>
                    )}
                  </>
                }
              />
            ))}
          </div>
        );
      })}
    </Card>
  );
}

/** 幸福餐厅 (/m/canteen): the canteens of my street nearest first, each dish with what I pay after my subsidy, and my meals. */
export function MobileCanteen() {
  const { t } = useTranslation();
  const q = useMyCanteens();
  if (q.isPending) return <Spin />;
  if (q.isError) return <Alert type="error" showIcon message={errorMessage(q.error)} />;
  const { canteens, meals, age, categories } = q.data;
  const facts = [
    age !== null ? t('mobile.canteen.age', { age }) : null,
    ...categories.map((c) => t(`canteens.categories.${c}`)),
  ].filter(Boolean);
  return (
    <div style={{ display: 'flex', flexDirection: 'column', gap: 12 }} data-testid="m-canteen-page">
      <Typography.Title level={4} style={{ margin: 0 }}>
        {t('mobile.canteen.title')}
      </Typography.Title>
      {facts.length > 0 && (
        <Typography.Text type="secondary" data-testid="m-diner-facts">
          {t('mobile.canteen.whoAmI', { what: facts.join('、') })}
        </Typography.Text>
      )}
      {canteens.length === 0 && <Empty description={t('mobile.canteen.none')} />}
      {canteens.map((c) => (
        <CanteenCard key={c.id} canteen={c} />
      ))}
      {meals.length > 0 && (
        <Card size="small" title={t('mobile.canteen.myMeals')} data-testid="m-my-meals">
          {meals.map((m) => (
            <Row
              key={m.id}
              testId="m-meal"
              left={
                <>
                  <Typography.Text>
                    {m.servedOn} · {t(`canteens.mealKinds.${m.meal}`)}
                  </Typography.Text>{' '}
                  {m.isDelivery && <Tag>{t('mobile.canteen.delivered')}</Tag>}
                  <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
                    {m.canteenName}
                    {m.ruleLabel ? ` · ${m.ruleLabel}` : ''}
                  </Typography.Text>
                </>
              }
              right={
                <Typography.Text style={{ fontSize: 13 }}>
                  {t('mobile.canteen.paid', { paid: yuan(m.paidCents), subsidy: yuan(m.subsidyCents) })}
                </Typography.Text>
              }
            />
          ))}
        </Card>
      )}
    </div>
  );
}
