import { eq, sql } from 'drizzle-orm';
import type { AppContext } from '../../context.js';
import { queryRows } from '../../db/client.js';
import { notFound } from '../../lib/errors.js';
import { purchaseRounds } from './service-purchase.tables.js';

/**
 * OCDS 1.1.5 release packages for one round (one ocid): planning (needs, budget) → tender (the call)
 * → award (recommended projects, with the roadshow scores) → contract (one per signed project) →
 * implementation (tranches paid, milestones met, delivery and final evaluation).
 *
 * Local extension "Linli roadshow scores" (served at /api/purchase/ocds/extension.json): adds
 * `tender.linliRoadshow` (criteria, weights, drop-high-low, places, pass score, tie rule),
 * `awards[].linliScore` (final score, rank, per-criterion means, number of counted jurors),
 * `contracts[].implementation.linliDelivery` (activities, beneficiaries) and
 * `contracts[].linliFinalEvaluation` (score, grade, comment). Individual jurors' scores are never published.
 */
type Json = Record<string, unknown>;
const CNY = (cents: number) => ({ amount: Math.round(cents) / 100, currency: 'CNY' });
const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());
const dayStart = (d: string) => `${d}T00:00:00+08:00`;

export const TIE_RULE =
  '总分相同（精确到 0.01）时，依次比较：权重最高评审指标的平均分（高者在前）、申报预算（低者在前）、提交时间（早者在前）。';

export function extensionDescriptor(base: string): Json {
  return {
    name: { en: 'Linli roadshow scores', zh: '邻里：路演评审得分' },
    description: {
      en: 'Adds the roadshow jury rules and aggregated scores of a government purchase of services round, and delivery summaries of its contracts.',
      zh: '增加政府向社会力量购买服务路演评审的规则与汇总得分，以及合同的实施情况汇总。',
    },
    documentationUrl: { en: `${base}/api/docs` },
    compatibility: ['1.1'],
    schemas: ['release-schema.json'],
  };
}

/** The extension's JSON Merge Patch to the release schema. */
export function extensionReleaseSchema(): Json {
  const num = { type: ['number', 'null'] };
  return {
    definitions: {
      Tender: {
        properties: {
          linliRoadshow: {
            title: 'Roadshow jury rules',
            type: ['object', 'null'],
            properties: {
              criteria: {
                type: 'array',
                items: {
                  type: 'object',
                  properties: { id: { type: 'string' }, name: { type: 'string' }, weight: { type: 'number' } },
                },
              },
              dropHighestAndLowest: { type: ['boolean', 'null'] },
              places: { type: ['integer', 'null'] },
              passScore: num,
              tieRule: { type: ['string', 'null'] },
            },
          },
        },
      },
      Award: {
        properties: {
          linliScore: {
            title: 'Roadshow score',
            type: ['object', 'null'],
            properties: {
              finalScore: num,
              rank: { type: ['integer', 'null'] },
              countedJurors: { type: ['integer', 'null'] },
              criterionMeans: { type: ['object', 'null'] },
            },
          },
        },
      },
      Implementation: {
        properties: {
          linliDelivery: {
            title: 'Delivery summary',
            type: ['object', 'null'],
            properties: {
              activities: { type: ['integer', 'null'] },
              beneficiaries: { type: ['integer', 'null'] },
            },
          },
        },
      },
      Contract: {
        properties: {
          linliFinalEvaluation: {
            title: 'Final evaluation',
            type: ['object', 'null'],
            properties: {
              score: num,
              grade: { type: ['string', 'null'] },
              comment: { type: ['string', 'null'] },
              date: { type: ['string', 'null'], format: 'date-time' },
            },
          },
        },
      },
    },
  };
}

interface ProposalRow {
  id: string;
  no: string;
  title: string;
  org_id: string;
  org_name: string;
  credit_code: string;
  budget_cents: number;
  status: string;
  screening: string | null;
  final_score: number | null;
  rank: number | null;
  result: string | null;
  submitted_at: Date;
}
interface ContractRow {
  id: string;
  proposal_id: string;
  title: string;
  buyer_unit_id: string;
  buyer_name: string;
  amount_cents: number;
  status: string;
  signed_at: Date | null;
  period_start: string | null;
  period_end: string | null;
  evaluation_score: number | null;
  evaluation_grade: string | null;
  evaluation_comment: string | null;
  evaluated_at: Date | null;
  org_id: string;
  org_name: string;
  credit_code: string;
}

/** Public: the round id (a UUID) identifies the district too. */
export async function buildReleasePackage(ctx: AppContext, roundId: string, base: string): Promise<Json> {
  const [round] = await ctx.db.select().from(purchaseRounds).where(eq(purchaseRounds.id, roundId));
  // Drafts are not published: to the public they do not exist yet.
  if (!round || round.status === 'draft') throw notFound('ROUND_NOT_FOUND', '找不到该购买服务批次（或尚未发布）。');
  const d = round.districtId;
  const [district] = await queryRows<{ name: string }>(
    ctx.db,
    sql`select name from org_units where district_id = ${d} and id = ${d}`,
  );
  const districtName = district?.name ?? d;
  const [agent] = await queryRows<{ display_name: string }>(
    ctx.db,
    sql`select display_name from users where district_id = ${d} and id = ${round.createdBy ?? ''}`,
  );
  const needs = await queryRows<{ title: string; community: string; residents: number }>(
    ctx.db,
    sql`select n.title, c.name as community, n.residents from purchase_needs n
    join org_units c on c.district_id = n.district_id and c.id = n.community_id where n.district_id = ${d} and n.created_at <= ${round.publishedAt ?? new Date()} order by n.created_at limit 200`,
  );
  const proposals = await queryRows<ProposalRow>(
    ctx.db,
    sql`select p.id, p.no, p.title, p.org_id, o.name as org_name, o.credit_code, p.budget_cents::float8 as budget_cents, p.status,
    p.screening, p.final_score, p.rank, p.result, p.submitted_at from purchase_proposals p join purchase_orgs o on o.district_id = p.district_id and o.id = p.org_id
    where p.district_id = ${d} and p.round_id = ${roundId} order by p.no`,
  );
  const contracts = await queryRows<ContractRow>(
    ctx.db,
    sql`select c.id, c.proposal_id, c.title, c.buyer_unit_id, c.buyer_name, c.amount_cents::float8 as amount_cents, c.status, c.signed_at,
    c.period_start::text as period_start, c.period_end::text as period_end, c.evaluation_score, c.evaluation_grade, c.evaluation_comment, c.evaluated_at, c.org_id, o.name as org_name, o.credit_code
    from purchase_contracts c join purchase_orgs o on o.district_id = c.district_id and o.id = c.org_id where c.district_id = ${d} and c.round_id = ${roundId} and c.status <> 'pending' order by c.no`,
  );
  const milestones = await queryRows<{
    id: string;
    contract_id: string;
    seq: number;
    title: string;
    due_on: string;
    tranche_cents: number;
    status: string;
    released_at: Date | null;
    evidence_at: Date | null;
  }>(
    ctx.db,
    sql`
    select m.id, m.contract_id, m.seq, m.title, m.due_on::text as due_on, m.tranche_cents::float8 as tranche_cents, m.status, m.released_at, m.evidence_at
    from purchase_milestones m join purchase_contracts c on c.district_id = m.district_id and c.id = m.contract_id where m.district_id = ${d} and c.round_id = ${roundId} order by m.contract_id, m.seq`,
  );
  const delivery = await queryRows<{ contract_id: string; activities: number; beneficiaries: number; last: string }>(
    ctx.db,
    sql`
    select dl.contract_id, count(*)::int as activities, sum(dl.beneficiaries)::int as beneficiaries, max(dl.held_on)::text as last from purchase_deliveries dl
    join purchase_contracts c on c.district_id = dl.district_id and c.id = dl.contract_id where dl.district_id = ${d} and c.round_id = ${roundId} group by dl.contract_id`,
  );
  const means = await queryRows<{ proposal_id: string; key: string; mean: number; n: number }>(
    ctx.db,
    sql`
    select s.proposal_id, k.key, avg((s.scores ->> k.key)::float8) as mean, count(*)::int as n from purchase_scores s
    cross join lateral jsonb_object_keys(s.scores) as k(key)
    where s.district_id = ${d} and s.round_id = ${roundId} and s.is_current
      and not exists (select 1 from purchase_recusals r where r.district_id = s.district_id and r.proposal_id = s.proposal_id and r.juror_user_id = s.juror_user_id)
    group by s.proposal_id, k.key`,
  );

  const ocid = round.ocid;
  const buyer = { id: `${d}-MZJ`, name: `${districtName}民政局` };
  const procuring = { id: `${d}-AGENT`, name: agent?.display_name ?? '项目招募方' };
  const orgRef = (id: string, name: string) => ({ id: `CN-USCC-${id}`, name });
  const parties = new Map<string, Json>();
  parties.set(buyer.id, { ...buyer, roles: ['buyer'] });
  parties.set(procuring.id, { ...procuring, roles: ['procuringEntity'] });
  const submitted = proposals.filter((p) => p.status === 'submitted');
  for (const p of submitted) {
    const id = `CN-USCC-${p.credit_code}`;
    const existing = parties.get(id);
    const roles = new Set<string>([...((existing?.roles as string[] | undefined) ?? []), 'tenderer']);
    if (p.result === 'recommended' && round.status === 'awarded') roles.add('supplier');
    parties.set(id, {
      id,
      name: p.org_name,
      identifier: { scheme: 'CN-USCC', id: p.credit_code, legalName: p.org_name },
      roles: [...roles],
    });
  }
  for (const c of contracts) {
    const id = `${d}-${c.buyer_unit_id}`;
    parties.set(id, { id, name: c.buyer_name, roles: ['payer'] });
    const sup = `CN-USCC-${c.credit_code}`;
    const p = parties.get(sup);
    if (p) parties.set(sup, { ...p, roles: [...new Set([...(p.roles as string[]), 'supplier', 'payee'])] });
  }
  const partyList = [...parties.values()];
  const base0 = { ocid, initiationType: 'tender', language: 'zh', buyer, parties: partyList };
  const releases: Json[] = [];
  const publishedAt = round.publishedAt ?? round.createdAt;

  releases.push({
    ...base0,
    id: `${ocid}-planning`,
    date: iso(round.createdAt),
    tag: ['planning'],
    planning: {
      rationale: needs.length
        ? `社区调查民情、征求民意形成的项目意向 ${needs.length} 项，例如：${needs
            .slice(0, 5)
            .map((n) => `${n.community}“${n.title}”`)
            .join('；')}。`
        : '社区调查民情、征求民意形成的项目意向。',
      budget: {
        id: `${round.id}-budget`,
        description: `${round.year} 年${round.title}`,
        amount: CNY(round.budgetCents),
      },
    },
  });

  const status = round.status;
  const tender: Json = {
    id: round.id,
    title: round.title,
    description: round.scope,
    status: status === 'awarded' ? 'complete' : 'active',
    procuringEntity: procuring,
    value: CNY(round.budgetCents),
    procurementMethod: 'open',
    procurementMethodDetails: '政府向社会力量购买服务：公开招募、初步筛选、路演终审、社会公示',
    mainProcurementCategory: 'services',
    awardCriteria: 'ratedCriteria',
    awardCriteriaDetails: round.criteria.map((c) => `${c.name} ${c.weight}%`).join('，'),
    submissionMethod: ['electronicSubmission'],
    eligibilityCriteria: round.eligibility,
    tenderPeriod: { startDate: iso(publishedAt), endDate: iso(round.deadlineAt) },
    numberOfTenderers: new Set(submitted.map((p) => p.org_id)).size,
    tenderers: [...new Map(submitted.map((p) => [p.org_id, orgRef(p.credit_code, p.org_name)])).values()],
    linliRoadshow: {
      criteria: round.criteria.map((c) => ({ id: c.key, name: c.name, weight: c.weight })),
      dropHighestAndLowest: round.dropHighLow,
      places: round.places,
      passScore: round.passScore,
      tieRule: TIE_RULE,
    },
  };
  if (round.noticeStartsAt)
    tender.awardPeriod = { startDate: iso(round.noticeStartsAt), endDate: iso(round.noticeEndsAt) };
  releases.push({ ...base0, id: `${ocid}-tender`, date: iso(publishedAt), tag: ['tender'], tender });

  if (status === 'notice' || status === 'awarded') {
    const shortlisted = proposals.filter((p) => p.result === 'recommended' || p.result === 'disqualified');
    const awards = shortlisted.map((p) => {
      const m = means.filter((x) => x.proposal_id === p.id);
      return {
        id: p.id,
        title: p.title,
        status: p.result === 'disqualified' ? 'cancelled' : status === 'awarded' ? 'active' : 'pending',
        date: iso(round.awardedAt ?? round.noticeStartsAt),
        value: CNY(p.budget_cents),
        suppliers: [orgRef(p.credit_code, p.org_name)],
        linliScore: {
          finalScore: p.final_score,
          rank: p.rank,
          countedJurors: m[0]?.n ?? 0,
          criterionMeans: Object.fromEntries(m.map((x) => [x.key, Math.round(x.mean * 100) / 100])),
        },
      };
    });
    if (awards.length)
      releases.push({
        ...base0,
        id: `${ocid}-award`,
        date: iso(round.awardedAt ?? round.noticeStartsAt),
        tag: ['award'],
        awards,
      });
  }

  if (contracts.length) {
    const contractDate = new Date(
      Math.max(...contracts.map((c) => new Date(c.signed_at ?? round.createdAt).getTime())),
    );
    const contractBlock = (c: ContractRow) => ({
      id: c.id,
      awardID: c.proposal_id,
      title: c.title,
      status: c.status === 'completed' ? 'terminated' : 'active',
      period: {
        startDate: c.period_start ? dayStart(c.period_start) : null,
        endDate: c.period_end ? dayStart(c.period_end) : null,
      },
      value: CNY(c.amount_cents),
      dateSigned: iso(c.signed_at),
      milestones: milestones
        .filter((m) => m.contract_id === c.id)
        .map((m) => ({
          id: `${c.id}-M${m.seq}`,
          title: m.title,
          type: 'delivery',
          dueDate: dayStart(m.due_on),
          status: m.status === 'accepted' ? 'met' : 'scheduled',
          dateMet: iso(m.released_at),
        })),
    });
    releases.push({
      ...base0,
      id: `${ocid}-contract`,
      date: iso(contractDate),
      tag: ['contract'],
      contracts: contracts.map(contractBlock),
    });
    const implemented = contracts.filter(
      (c) =>
        milestones.some((m) => m.contract_id === c.id && m.released_at) ||
        delivery.some((x) => x.contract_id === c.id) ||
        c.evaluated_at,
    );
    if (implemented.length) {
      const lastDates = [...milestones.map((m) => m.released_at), ...contracts.map((c) => c.evaluated_at)]
        .filter((x): x is Date => x !== null)
        .map((x) => new Date(x).getTime());
      const lastDelivery = delivery.map((x) => new Date(`${x.last}T12:00:00+08:00`).getTime());
      const date = new Date(Math.max(contractDate.getTime(), ...lastDates, ...lastDelivery));
      releases.push({
        ...base0,
        id: `${ocid}-implementation-${date.getTime()}`,
        date: date.toISOString(),
        tag: ['implementation'],
        contracts: implemented.map((c) => {
          const dl = delivery.find((x) => x.contract_id === c.id);
          return {
            ...contractBlock(c),
            implementation: {
              transactions: milestones
                .filter((m) => m.contract_id === c.id && m.released_at)
                .map((m) => ({
                  id: m.id,
                  date: iso(m.released_at),
                  value: CNY(m.tranche_cents),
                  payer: { id: `${d}-${c.buyer_unit_id}`, name: c.buyer_name },
                  payee: orgRef(c.credit_code, c.org_name),
                })),
              linliDelivery: { activities: dl?.activities ?? 0, beneficiaries: dl?.beneficiaries ?? 0 },
            },
            ...(c.evaluated_at
              ? {
                  linliFinalEvaluation: {
                    score: c.evaluation_score,
                    grade: c.evaluation_grade,
                    comment: c.evaluation_comment,
                    date: iso(c.evaluated_at),
                  },
                }
              : {}),
          };
        }),
      });
    }
  }

  const publishedDate = releases
    .map((r) => r.date as string)
    .sort()
    .at(-1)!;
  return {
    uri: `${base}/api/purchase/rounds/${round.id}/ocds`,
    version: '1.1',
    extensions: [`${base}/api/purchase/ocds/extension.json`],
    publishedDate,
    publisher: { name: `${districtName}政府向社会力量购买服务（邻里平台）` },
    license: 'https://creativecommons.org/licenses/by/4.0/',
    publicationPolicy: `${base}/api/docs`,
    releases,
  };
}
