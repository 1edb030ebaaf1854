import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../db/client.js';
import { proposalSupportsNeeded } from '../../shared/proposals.constants.js';
import { prefixPattern } from '../lib/like.js';

/**
 * 居民提议 in the demo, after the seeds' compounds: 开源嘉苑's residents ask for e-bike blockers in the lifts and
 * a charging shed (the seeds: fitted after residents' complaints) — enough households behind it for the next
 * joint meeting; 都星座's ask for light and benches at the new fitness corner; in 星港城 a neighbour's
 * proposal waits for seconds, so the demo resident can second it on the phone.
 */
const PROPOSALS: { compound: string; title: string; description: string; share: number }[] = [
  {
    compound: '开源嘉苑',
    title: '电梯加装电动车阻车器，建设集中充电棚',
    description: '电动车上楼入户充电，楼道和电梯里隐患很大。建议电梯加装阻车器，在小区东侧空地建设集中充电棚。',
    share: 1,
  },
  {
    compound: '都星座',
    title: '健身区加装照明和休息座椅',
    description: '新装的健身器材很受欢迎，但晚上没有照明，老人锻炼后也没有地方坐，建议加装路灯和几组座椅。',
    share: 1,
  },
  {
    compound: '星港城',
    title: '地下车库入口加装照明和减速带',
    description: '车库入口坡道晚上很暗，进出车辆速度快，建议加装照明和减速带，保障行人安全。',
    share: 0,
  },
];

export async function loadDemoProposals(db: Db, d: string): Promise<number> {
  let n = 0;
  for (const [i, p] of PROPOSALS.entries()) {
    const [c] = await queryRows<{ id: string; path: string }>(
      db,
      sql`select id, path from org_units where district_id = ${d} and kind = 'compound' and name like ${`${p.compound}%`}
          order by id limit 1`,
    );
    if (!c) continue;
    const homes = await queryRows<{ id: string }>(
      db,
      // not the household of the compound's first person (星港城's is the demo resident's): they may second it
      sql`select h.id from households h where h.district_id = ${d} and h.org_path like ${prefixPattern(c.path)}
            and h.id <> coalesce((select p.household_id from people p where p.district_id = ${d}
              and p.org_path like ${`%/${c.id}/`} order by p.id limit 1), '')
          order by h.id`,
    );
    if (homes.length === 0) continue;
    const needed = proposalSupportsNeeded(homes.length);
    const backers = homes.slice(0, Math.max(1, Math.min(homes.length, Math.round(needed * p.share))));
    const id = `PROPOSAL-DEMO-${i + 1}`;
    await db.transaction(async (tx) => {
      await tx.execute(sql`insert into resident_proposals (district_id, id, compound_id, org_path, title, description,
          proposer_user_id, proposer_household_id, supports_needed, created_at)
        values (${d}, ${id}, ${c.id}, ${c.path}, ${p.title}, ${p.description}, 'demo-resident', ${backers[0]!.id}, ${needed},
          now() - make_interval(days => ${12 - i * 3}))`);
      for (const [k, h] of backers.entries())
        await tx.execute(sql`insert into resident_proposal_supports (district_id, proposal_id, household_id, user_id, created_at)
          values (${d}, ${id}, ${h.id}, 'demo-resident', now() - make_interval(days => ${12 - i * 3}) + make_interval(hours => ${k}))`);
    });
    n++;
  }
  return n;
}
