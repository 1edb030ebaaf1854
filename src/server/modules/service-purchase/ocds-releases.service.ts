import { createHash } from 'node:crypto';
import { iso } from '../../lib/time.js';
import { callAsOf } from './amendments.history.js';
import type { Json } from './ocds.extension.js';
import { amendmentOf, tenderOf } from './ocds-tender.js';
import type { OcdsContractRow, ocdsSources } from './repository/ocds.repository.js';
import type { Round } from './repository/rounds.repository.js';

/**
 * One OCDS release per event of a round, dated when it happened and holding only what was known then:
 * planning (the needs gathered by publication) → tender (the call) → tender update (the period closed:
 * the tenderers) → award (the recommendations on public notice, pending) → award updates (a
 * recommendation cancelled on an upheld objection; the awards made after the notice, tender complete)
 * → contract (one per signing) → implementation (one per accepted milestone: the tranche paid, the
 * delivery counted so far) → contract termination (the final evaluation). Parties carry the roles known
 * by each release's date, and every OrganizationReference names its party exactly.
 */
type Sources = Awaited<ReturnType<typeof ocdsSources>>;
const CNY = (cents: number) => ({ amount: Math.round(cents) / 100, currency: 'CNY' });
const dayStart = (d: string) => `${d}T00:00:00+08:00`;
const ms = (d: Date | string) => new Date(d).getTime();
const shortHash = (s: string) => createHash('sha256').update(s).digest('hex').slice(0, 8);

interface Event {
  at: Date;
  order: number;
  id: string;
  tag: string[];
  body: (reg: PartyRegistry) => Json;
}

/** The parties, with the roles each has acquired so far; a release lists the ones it references. */
class PartyRegistry {
  private readonly all = new Map<string, { party: Json; roles: Set<string> }>();
  private used = new Set<string>();

  ref(party: Json, role?: string): Json {
    const id = String(party.id);
    const entry = this.all.get(id) ?? { party, roles: new Set<string>() };
    if (role) entry.roles.add(role);
    this.all.set(id, entry);
    this.used.add(id);
    return { id, name: party.name };
  }

  /** The parties referenced since the last call, as they stand now. */
  take(): Json[] {
    const out = [...this.used].map((id) => {
      const { party, roles } = this.all.get(id)!;
      return { ...party, roles: [...roles] };
    });
    this.used = new Set();
    return out;
  }
}

/** A signatory keeps its own name and identifier; a 2020 name links to today's successor as data. */
function signatoryParties(d: string, c: OcdsContractRow): { signatory: Json; successor?: Json } {
  const unit: Json = {
    id: `${d}-${c.buyer_unit_id}`,
    name: c.buyer_unit_name ?? c.buyer_name,
    identifier: { scheme: 'CN-DIVISION', id: c.buyer_unit_id, legalName: c.buyer_unit_name ?? c.buyer_name },
  };
  if (!c.buyer_unit_name || c.buyer_unit_name === c.buyer_name) return { signatory: unit };
  return {
    signatory: {
      id: `${d}-SIG-${shortHash(c.buyer_name)}`,
      name: c.buyer_name,
      identifier: { scheme: 'X-LINLI-SIGNATORY', id: `${d}-${c.buyer_name}`, legalName: c.buyer_name },
      details: {
        linliSuccessor: {
          id: unit.id,
          name: unit.name,
          basis: '合同签约单位沿用 2020 年名称；其职责由今天的该街道（乡镇）承继（推定）。',
        },
      },
    },
    successor: unit,
  };
}

export function roundReleases(round: Round, s: Sources, now = new Date()): Json[] {
  const d = round.districtId;
  const ocid = round.ocid;
  const publishedAt = round.publishedAt!;
  const buyerParty = { id: `${d}-MZJ`, name: `${s.districtName}民政局` };
  const agentParty = { id: `${d}-AGENT`, name: s.agentName ?? '项目招募方' };
  const orgParty = (credit: string, name: string) => ({
    id: `CN-USCC-${credit}`,
    name,
    identifier: { scheme: 'CN-USCC', id: credit, legalName: name },
  });
  const events: Event[] = [];
  const push = (e: Event) => {
    if (ms(e.at) <= ms(now)) events.push(e);
  };

  // planning: the needs communities had gathered by the call's publication, and the budget then announced
  const published = callAsOf(round, s.amendments, 0);
  const needs = s.needs.filter((n) => ms(n.created_at) <= ms(publishedAt));
  const planningAt = new Date(
    Math.min(ms(publishedAt), Math.max(ms(round.createdAt), ...needs.map((n) => ms(n.created_at)))),
  );
  push({
    at: planningAt,
    order: 0,
    id: 'planning',
    tag: ['planning'],
    body: () => ({
      planning: {
        rationale: needs.length
          ? `社区调查民情、征求民意形成的项目意向 ${needs.length} 项，例如：${needs
              .slice(0, 5)
              .map((n) => `${n.community}“${n.title}”`)
              .join('；')}。`
          : '社区调查民情、征求民意形成的项目意向。',
        budget: {
          id: `${round.id}-budget`,
          description: `${round.year} 年${published.title}`,
          amount: CNY(published.budgetCents),
        },
      },
    }),
  });

  const tender = (n: number, reg: PartyRegistry): Json => ({
    ...tenderOf(round, callAsOf(round, s.amendments, n), reg.ref(agentParty, 'procuringEntity'), publishedAt),
    ...(n ? { amendments: s.amendments.filter((a) => a.seq <= n).map((a) => amendmentOf(ocid, round.id, a)) } : {}),
  });
  push({ at: publishedAt, order: 1, id: 'tender', tag: ['tender'], body: (reg) => ({ tender: tender(0, reg) }) });
  for (const a of s.amendments)
    push({
      at: a.amendedAt,
      order: 1,
      id: `amendment-${a.seq}`,
      tag: ['tenderAmendment'],
      body: (reg) => ({ tender: tender(a.seq, reg) }),
    });

  const submitted = s.proposals.filter((p) => p.status === 'submitted' && ms(p.submitted_at) <= ms(round.deadlineAt));
  if (round.status !== 'open')
    push({
      at: round.deadlineAt,
      order: 2,
      id: 'tender-closed',
      tag: ['tenderUpdate'],
      body: (reg) => {
        const tenderers = [...new Map(submitted.map((p) => [p.org_id, p])).values()];
        return {
          tender: {
            id: round.id,
            numberOfTenderers: tenderers.length,
            tenderers: tenderers.map((p) => reg.ref(orgParty(p.credit_code, p.org_name), 'tenderer')),
          },
        };
      },
    });

  const shortlisted = s.proposals.filter((p) => p.result === 'recommended' || p.result === 'disqualified');
  const awardStart = round.scoringOpenedAt ?? round.deadlineAt;
  const award = (p: (typeof shortlisted)[number], reg: PartyRegistry, status: string, date: Date | null) => {
    const m = s.means.filter((x) => x.proposal_id === p.id);
    return {
      id: p.id,
      title: p.title,
      status,
      ...(date ? { date: iso(date) } : {}),
      value: CNY(p.budget_cents),
      suppliers: [reg.ref(orgParty(p.credit_code, p.org_name), status === 'active' ? 'supplier' : 'tenderer')],
      linliScore: {
        finalScore: p.final_score,
        rank: p.rank,
        countedJurors: m[0]?.n ?? 0,
        criterionMeans: Object.fromEntries(m.map((x) => [x.key, Math.round(x.mean * 100) / 100])),
      },
    };
  };
  const noticeAt = round.noticeStartsAt;
  if (noticeAt && shortlisted.length) {
    push({
      at: noticeAt,
      order: 3,
      id: 'award-notice',
      tag: ['award'],
      body: (reg) => ({
        tender: {
          id: round.id,
          awardPeriod: { startDate: iso(awardStart), endDate: iso(round.noticeEndsAt) },
        },
        awards: shortlisted.map((p) => award(p, reg, 'pending', noticeAt)),
      }),
    });
    for (const ob of s.objections) {
      const p = shortlisted.find((x) => x.id === ob.proposal_id);
      if (!p) continue;
      push({
        at: ob.answered_at,
        order: 4,
        id: `award-cancelled-${ob.id}`,
        tag: ['awardUpdate'],
        body: (reg) => ({
          awards: [{ ...award(p, reg, 'cancelled', noticeAt), description: '公示期内异议成立，取消该项目的推荐。' }],
        }),
      });
    }
  }
  const awardedAt = round.awardedAt;
  if (awardedAt && round.status === 'awarded')
    push({
      at: awardedAt,
      order: 5,
      id: 'award-final',
      tag: ['awardUpdate', 'tenderUpdate'],
      body: (reg) => ({
        tender: {
          id: round.id,
          status: 'complete',
          awardPeriod: { startDate: iso(awardStart), endDate: iso(awardedAt) },
        },
        awards: shortlisted.filter((p) => p.result === 'recommended').map((p) => award(p, reg, 'active', awardedAt)),
      }),
    });

  const deliveredBy = (contractId: string, at: Date) => {
    const rows = s.delivery.filter((x) => x.contract_id === contractId && ms(dayStart(x.held_on)) <= ms(at));
    return {
      activities: rows.reduce((n, x) => n + x.activities, 0),
      beneficiaries: rows.reduce((n, x) => n + x.beneficiaries, 0),
    };
  };
  for (const c of s.contracts) {
    if (!c.signed_at) continue;
    const { signatory, successor } = signatoryParties(d, c);
    const refSignatory = (reg: PartyRegistry) => {
      if (successor) reg.ref(successor);
      return reg.ref(signatory, 'payer');
    };
    const milestones = s.milestones.filter((m) => m.contract_id === c.id);
    push({
      at: c.signed_at,
      order: 6,
      id: `contract-${c.id}`,
      tag: ['contract'],
      body: (reg) => {
        refSignatory(reg);
        reg.ref(orgParty(c.credit_code, c.org_name), 'supplier');
        return {
          contracts: [
            {
              id: c.id,
              awardID: c.proposal_id,
              title: c.title,
              description: `签约单位：${c.buyer_name}`,
              status: 'active',
              period: {
                ...(c.period_start ? { startDate: dayStart(c.period_start) } : {}),
                ...(c.period_end ? { endDate: dayStart(c.period_end) } : {}),
              },
              value: CNY(c.amount_cents),
              dateSigned: iso(c.signed_at),
              milestones: milestones.map((m) => ({
                id: `${c.id}-M${m.seq}`,
                title: m.title,
                type: 'delivery',
                dueDate: dayStart(m.due_on),
                status: 'scheduled',
              })),
            },
          ],
        };
      },
    });
    const met = milestones.filter((m) => m.released_at).sort((a, b) => ms(a.released_at!) - ms(b.released_at!));
    met.forEach((m, i) =>
      push({
        at: m.released_at!,
        order: 7,
        id: `milestone-${m.id}`,
        tag: [i === 0 ? 'implementation' : 'implementationUpdate'],
        body: (reg) => ({
          contracts: [
            {
              id: c.id,
              awardID: c.proposal_id,
              milestones: [{ id: `${c.id}-M${m.seq}`, status: 'met', dateMet: iso(m.released_at) }],
              implementation: {
                transactions: [
                  {
                    id: m.id,
                    date: iso(m.released_at),
                    value: CNY(m.tranche_cents),
                    payer: refSignatory(reg),
                    payee: reg.ref(orgParty(c.credit_code, c.org_name), 'payee'),
                  },
                ],
                linliDelivery: deliveredBy(c.id, m.released_at!),
              },
            },
          ],
        }),
      }),
    );
    if (c.evaluated_at)
      push({
        at: c.evaluated_at,
        order: 8,
        id: `evaluation-${c.id}`,
        tag: [c.status === 'completed' ? 'contractTermination' : 'implementationUpdate'],
        body: () => ({
          contracts: [
            {
              id: c.id,
              awardID: c.proposal_id,
              ...(c.status === 'completed' ? { status: 'terminated' } : {}),
              implementation: { linliDelivery: deliveredBy(c.id, c.evaluated_at!) },
              linliFinalEvaluation: {
                score: c.evaluation_score,
                grade: c.evaluation_grade,
                comment: c.evaluation_comment,
                date: iso(c.evaluated_at),
              },
            },
          ],
        }),
      });
  }

  events.sort((a, b) => ms(a.at) - ms(b.at) || a.order - b.order || a.id.localeCompare(b.id));
  const reg = new PartyRegistry();
  return events.map((e) => {
    const buyer = reg.ref(buyerParty, 'buyer');
    const body = e.body(reg);
    return {
      ocid,
      id: `${ocid}-${e.id}`,
      date: iso(e.at),
      tag: e.tag,
      initiationType: 'tender',
      language: 'zh',
      buyer,
      parties: reg.take(),
      ...body,
    };
  });
}
