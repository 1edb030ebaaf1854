import { sql } from 'drizzle-orm';
import type { Database } from '../db/client.js';
import { queryRows } from '../db/client.js';
import type { Answer } from '../../shared/consultations.schema.js';
import { Random } from './random.js';

/**
 * 征求民意 in the demo. Every household gets its 专有部分面积 (a deterministic 55–144 m² from its id), and
 * 都星座小区's branch has run the fitness-equipment survey of the seeds: residents' ages and wishes on the kind
 * and place of the equipment, closed and published, 10 machines installed after it.
 */
export const DUXINGZUO_SURVEY = '都星座小区健身器材征求意见';
const AGES = ['18 岁以下', '18–59 岁', '60–69 岁', '70 岁及以上'];
const KINDS = ['太空漫步机', '扭腰器', '腿部按摩器', '单双杠', '乒乓球台', '儿童滑梯'];
const SPOTS = [
  { lat: 40.0912, lng: 113.3221 },
  { lat: 40.0915, lng: 113.3228 },
  { lat: 40.0909, lng: 113.3232 },
];
const NOTES = ['希望器材旁有座椅', '离楼近一些，方便老人', '别放在窗户下，早上太吵', '加装照明'];

export async function loadDemoConsultations(database: Database, d: string): Promise<number> {
  const db = database.db;
  await db.execute(sql`update households set exclusive_area = 55 + (abs(hashtext(id)) % 9000) / 100.0
    where district_id = ${d} and exclusive_area is null`);
  const [c] = await queryRows<{ id: string; path: string }>(
    db,
    sql`select id, path from org_units where district_id = ${d} and kind = 'compound' and name like '都星座%' order by id limit 1`,
  );
  if (!c) return 0;
  const homes = await queryRows<{ id: string; person_id: string | null }>(
    db,
    sql`select h.id, (select p.id from people p where p.district_id = h.district_id and p.household_id = h.id order by p.id limit 1) as person_id
      from households h where h.district_id = ${d} and h.compound_id = ${c.id} order by h.id limit 36`,
  );
  const rng = new Random(278);
  const id = 'CONSULT-DUXINGZUO-FITNESS';
  await db.transaction(async (tx) => {
    await tx.execute(sql`insert into consultations (district_id, id, title, description, kind, organiser_kind, org_unit_id,
        org_path, answer_per, is_anonymous, closes_at, published_at, created_by, created_by_name, created_at)
      values (${d}, ${id}, ${DUXINGZUO_SURVEY},
        ${'小区党支部就健身器材的种类和摆放位置征求居民意见，并了解家中常锻炼成员的年龄。根据结果已安装 10 台健身器材。'},
        'survey', 'branch', ${c.id}, ${c.path}, 'household', false,
        now() - interval '40 days', now() - interval '38 days', 'demo', '都星座小区党支部', now() - interval '55 days')
      on conflict do nothing`);
    const questions: [number, string, string, string[]][] = [
      [1, 'multiple', '家中常锻炼的成员年龄段（可多选）', AGES],
      [2, 'ranking', '希望安装的健身器材（按希望程度排序）', KINDS],
      [3, 'point', '器材放在哪里？请在地图上点选', []],
      [4, 'text', '其他建议', []],
    ];
    for (const [qid, kind, prompt, options] of questions)
      await tx.execute(sql`insert into consultation_questions (district_id, consultation_id, id, kind, prompt, options, required)
        values (${d}, ${id}, ${qid}, ${kind}, ${prompt}, array(select jsonb_array_elements_text(${JSON.stringify(options)}::jsonb)), ${qid !== 4}) on conflict do nothing`);
    for (const [i, h] of homes.entries()) {
      const ages = [...new Set([rng.int(0, 3), rng.int(1, 3)])].sort();
      const ranking = rng.shuffle([0, 1, 2, 3, 4, 5]);
      const spot = SPOTS[i % 3 === 0 ? 1 : rng.int(0, 2)]!;
      const answers: Answer[] = [
        { questionId: 1, choices: ages },
        { questionId: 2, choices: ranking },
        { questionId: 3, point: { lat: spot.lat + rng.int(-5, 5) / 100000, lng: spot.lng + rng.int(-5, 5) / 100000 } },
        ...(i % 4 === 0 ? [{ questionId: 4, text: NOTES[(i / 4) % NOTES.length]! }] : []),
      ];
      const paper = i % 3 === 1; // older residents answered on paper, entered by the branch
      await tx.execute(sql`insert into consultation_ballots (district_id, id, consultation_id, voter_key, household_id, person_id,
          source, entered_by, answers, created_at)
        values (${d}, ${`${id}-${i}`}, ${id}, ${h.id}, ${h.id}, ${paper ? null : h.person_id},
          ${paper ? 'paper' : 'online'}, ${paper ? 'demo' : null}, ${JSON.stringify(answers)}::jsonb, now() - interval '45 days')
        on conflict do nothing`);
    }
  });
  return homes.length;
}
