import type { AppContext } from '../../context.js';
import { iso } from '../../lib/time.js';
import { TIE_RULE, type Json } from './ocds.extension.js';
import { ocdsSources, type OcdsContractRow } from './repository/ocds.repository.js';
import { findRoundById } from './repository/rounds.repository.js';
import { StepErrors as S } from './service-purchase.errors.js';

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
const CNY = (cents: number) => ({ amount: Math.round(cents) / 100, currency: 'CNY' });
const dayStart = (d: string) => `${d}T00:00:00+08:00`;

/** Public: the round id (a UUID) identifies the district too. */
export async function buildReleasePackage(ctx: AppContext, roundId: string, base: string): Promise<Json> {
  const round = await findRoundById(ctx.db, roundId);
  // Drafts are not published: to the public they do not exist yet.
  if (!round || round.status === 'draft') throw S.ocds.ROUND_NOT_FOUND();
  const d = round.districtId;
  const { districtName, agentName, needs, proposals, contracts, milestones, delivery, means } = await ocdsSources(
    ctx.db,
    round,
  );

  const ocid = round.ocid;
  const buyer = { id: `${d}-MZJ`, name: `${districtName}民政局` };
  const procuring = { id: `${d}-AGENT`, name: agentName ?? '项目招募方' };
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
    const contractBlock = (c: OcdsContractRow) => ({
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
