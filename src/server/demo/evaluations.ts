import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../db/client.js';
import {
  consultationBallots,
  consultationQuestions,
  consultations,
} from '../modules/consultations/consultations.tables.js';
import { computeResult } from '../modules/property/evaluation-results.service.js';
import { RATING_OPTIONS } from '../modules/property/evaluations.service.js';
import { propertyEvaluations, propertyEvaluationSchemes } from '../modules/property/property.tables.js';
import { DEFAULT_EVALUATION_ITEMS, DEFAULT_PARTY_WEIGHTS, RATING_LEVELS } from '../../shared/property.constants.js';
import { Random } from './random.js';

/**
 * 物业服务质量评价 in the demo: the district's items and weights for 2025 (frozen: used) and 2026 (still open
 * to change), 清远街道's own for 2026, and the 2025 evaluation of 云汽园 (国东物业, after the wall it rebuilt in 3 days) and of a few
 * compounds of 永泰街道 and 水泊寺街道 — residents' anonymous answers, the branch's and owners' committee's
 * scores, published in January 2026. 星港城 is left for 2026 (the browser test opens it).
 */
const YEAR = 2025;
const ITEMS = DEFAULT_EVALUATION_ITEMS.map((i) => ({ ...i }));
/** How well each evaluated compound's company does (0 = best level): 云汽园 near the top, one near the bottom. */
const QUALITY: Record<string, number> = { 云汽园: 0.6 };

export async function loadDemoEvaluations(db: Db, d: string): Promise<string> {
  const rng = new Random(2025);
  const [root] = await queryRows<{ id: string; path: string }>(
    db,
    sql`select id, path from org_units where district_id = ${d} and kind = 'district' order by id limit 1`,
  );
  if (!root) return '无';
  const schemeIds = { 2025: 'EVS-DEMO-2025', 2026: 'EVS-DEMO-2026' };
  await db
    .insert(propertyEvaluationSchemes)
    .values(
      ([2025, 2026] as const).map((year) => ({
        districtId: d,
        id: schemeIds[year],
        orgUnitId: root.id,
        orgPath: root.path,
        year,
        items: ITEMS,
        ...DEFAULT_PARTY_WEIGHTS,
        bottomCount: 2,
        scoreLine: 70,
        createdBy: 'demo',
      })),
    )
    .onConflictDoNothing();
  // a street may set its own: 清远街道 adds 绿化养护 for 2026 and weighs the residents more
  const [qingyuan] = await queryRows<{ id: string; path: string }>(
    db,
    sql`select id, path from org_units where district_id = ${d} and kind = 'street' and name = '清远街道'`,
  );
  if (qingyuan)
    await db
      .insert(propertyEvaluationSchemes)
      .values({
        districtId: d,
        id: 'EVS-DEMO-2026-QINGYUAN',
        orgUnitId: qingyuan.id,
        orgPath: qingyuan.path,
        year: 2026,
        items: [
          { name: '服务态度', weight: 20 },
          { name: '环境卫生', weight: 20 },
          { name: '绿化养护', weight: 10 },
          { name: '设施维护', weight: 25 },
          { name: '安全秩序', weight: 15 },
          { name: '收费公示', weight: 10 },
        ],
        residentsWeight: 60,
        branchWeight: 25,
        committeeWeight: 15,
        bottomCount: 3,
        scoreLine: 75,
        createdBy: 'demo',
      })
      .onConflictDoNothing();
  // 云汽园 and its street's other managed compounds, then 水泊寺街道's (not 星港城): four of each at most
  const compounds = await queryRows<{
    id: string;
    name: string;
    path: string;
    contractId: string;
    companyId: string;
    street: string;
  }>(
    db,
    sql`select x.id, x.name, x.path, k.id as "contractId", k.company_id as "companyId", st.name as street
      from org_units x
      join org_units cm on cm.district_id = x.district_id and cm.id = x.parent_id
      join org_units st on st.district_id = cm.district_id and st.id = cm.parent_id
      join property_contracts k on k.district_id = x.district_id and k.compound_id = x.id and k.status = 'active'
      where x.district_id = ${d} and x.kind = 'compound' and st.name in ('永泰街道', '水泊寺街道') and x.name <> '星港城'
        and exists (select 1 from households h where h.district_id = x.district_id and h.compound_id = x.id)
      order by (x.name = '云汽园') desc, st.name, x.id`,
  );
  const picked = [
    ...compounds.filter((c) => c.street === '永泰街道').slice(0, 4),
    ...compounds.filter((c) => c.street === '水泊寺街道').slice(0, 4),
  ];
  const publishedAt = new Date('2026-01-15T02:00:00Z');
  for (const [n, c] of picked.entries()) {
    const quality = QUALITY[c.name] ?? [1.2, 2.4, 0.9, 1.6, 2.8, 1.1, 1.9][n % 7]!;
    const homes = await queryRows<{ id: string }>(
      db,
      sql`select id from households where district_id = ${d} and compound_id = ${c.id} order by id limit 12`,
    );
    const consultationId = `CONSULT-EVAL-${YEAR}-${c.id}`;
    const counts = ITEMS.map(() => RATING_LEVELS.map(() => 0));
    const ballots = homes.map((h, j) => {
      const answers = ITEMS.map((_, i) => {
        const level = Math.max(0, Math.min(4, Math.round(quality + rng.int(-10, 10) / 10)));
        counts[i]![level]! += 1;
        return { questionId: i + 1, choices: [level] };
      });
      return {
        districtId: d,
        id: `${consultationId}-${j}`,
        consultationId,
        voterKey: h.id,
        householdId: h.id,
        source: j % 4 === 3 ? ('paper' as const) : ('online' as const),
        enteredBy: j % 4 === 3 ? 'demo' : null,
        answers,
        createdAt: new Date('2025-12-10T03:00:00Z'),
      };
    });
    const party = (offset: number) =>
      ITEMS.map((_, i) => Math.max(40, Math.min(98, Math.round(96 - quality * 12 + offset + ((i * 3) % 5)))));
    const branchScores = party(0);
    const committeeScores = party(-3);
    const scheme = { ...DEFAULT_PARTY_WEIGHTS, items: ITEMS };
    const result = computeResult(scheme, counts, ballots.length, branchScores, committeeScores);
    await db.transaction(async (tx) => {
      await tx
        .insert(consultations)
        .values({
          districtId: d,
          id: consultationId,
          title: `${c.name} ${YEAR} 年度物业服务质量评价`,
          description: '小区党支部请各户对物业服务逐项评价（每户一份，匿名）。',
          kind: 'survey',
          organiserKind: 'branch',
          orgUnitId: c.id,
          orgPath: c.path,
          answerPer: 'household',
          isAnonymous: true,
          closesAt: new Date('2025-12-20T10:00:00Z'),
          publishedAt,
          createdBy: 'demo',
          createdByName: `${c.name}党支部`,
          createdAt: new Date('2025-12-01T02:00:00Z'),
        })
        .onConflictDoNothing();
      await tx
        .insert(consultationQuestions)
        .values(
          ITEMS.map((item, i) => ({
            districtId: d,
            consultationId,
            id: i + 1,
            kind: 'single' as const,
            prompt: `${item.name}（权重 ${item.weight}%）`,
            options: RATING_OPTIONS,
            required: true,
          })),
        )
        .onConflictDoNothing();
      if (ballots.length) await tx.insert(consultationBallots).values(ballots).onConflictDoNothing();
      await tx
        .insert(propertyEvaluations)
        .values({
          districtId: d,
          id: `EV-DEMO-${YEAR}-${c.id}`,
          schemeId: schemeIds[YEAR],
          year: YEAR,
          compoundId: c.id,
          orgPath: c.path,
          companyId: c.companyId,
          contractId: c.contractId,
          consultationId,
          status: 'published',
          branchScores,
          branchBy: 'demo',
          committeeScores,
          committeeBy: 'demo',
          residentItems: result.residentItems,
          ballots: result.ballots,
          residentsScore: result.residentsScore,
          branchScore: result.branchScore,
          committeeScore: result.committeeScore,
          total: result.total,
          openedBy: 'demo',
          publishedAt,
        })
        .onConflictDoNothing();
    });
  }
  return `${YEAR} 年 ${picked.length} 个小区已公布（含云汽园·国东物业）`;
}
