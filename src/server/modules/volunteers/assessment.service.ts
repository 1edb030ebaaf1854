import type { AppContext } from '../../context.js';
import type {
  AssessmentConfig,
  AssessmentConfigInput,
  AssessmentGrades,
  AssessmentItem,
  Grade,
} from '../../../shared/volunteers.schema.js';
import type { Actor } from '../access/access.policy.js';
import { writeAudit } from '../audit/audit.service.js';
import * as reporting from './repository/reporting.repository.js';
import { E } from './volunteers.errors.js';

/** 在职党员进小区报到服务管理考核: the district's yearly scoring rules, and a member's score by them. */
export const DEFAULT_ASSESSMENT: { items: AssessmentItem[]; grades: AssessmentGrades } = {
  items: [
    { key: 'reported', label: '按时到小区报到', pointsPerUnit: 20, max: 20 },
    { key: 'monthly_hours', label: '月服务时长（每小时）', pointsPerUnit: 2, max: 40 },
    { key: 'tasks_done', label: '认领并完成任务（每项）', pointsPerUnit: 5, max: 20 },
    { key: 'activities', label: '参加志愿活动（每场）', pointsPerUnit: 2, max: 10 },
    { key: 'work_orders', label: '协助办理工单（每件）', pointsPerUnit: 5, max: 10 },
  ],
  grades: { excellent: 90, good: 75, pass: 60 },
};

export async function getAssessmentConfig(ctx: AppContext, actor: Actor, year: number): Promise<AssessmentConfig> {
  const c = await reporting.findConfig(ctx.db, actor.districtId, year);
  return c
    ? { year, items: c.items, grades: c.grades, version: c.version }
    : { year, ...DEFAULT_ASSESSMENT, version: 0 };
}

export async function saveAssessmentConfig(
  ctx: AppContext,
  actor: Actor,
  input: AssessmentConfigInput,
  ip?: string,
): Promise<AssessmentConfig> {
  const keys = input.items.map((i) => i.key);
  if (new Set(keys).size !== keys.length) throw E.ASSESSMENT_DUPLICATE_ITEM();
  const { excellent, good, pass } = input.grades;
  if (!(excellent > good && good > pass)) throw E.ASSESSMENT_GRADES_INVALID();
  const total = input.items.reduce((s, i) => s + i.max, 0);
  if (total < excellent) throw E.ASSESSMENT_UNREACHABLE({ total, excellent });
  await ctx.db.transaction(async (tx) => {
    const row = {
      districtId: actor.districtId,
      year: input.year,
      items: input.items,
      grades: input.grades,
      updatedBy: actor.userId,
    };
    const saved =
      input.version === 0
        ? await reporting.insertConfig(tx, row)
        : await reporting.updateConfig(tx, { ...row, version: input.version });
    if (!saved) throw E.VERSION_CONFLICT();
    await writeAudit(
      tx,
      actor,
      {
        action: 'assessment_config.save',
        entityType: 'assessment_config',
        entityId: String(input.year),
        detail: { items: input.items, grades: input.grades },
      },
      ip,
    );
  });
  return getAssessmentConfig(ctx, actor, input.year);
}

export interface Performance {
  reported: boolean;
  hours: number;
  tasksDone: number;
  activities: number;
  workOrders: number;
}

export function score(config: AssessmentConfig, m: Performance): { score: number; grade: Grade } {
  const value: Record<AssessmentItem['key'], number> = {
    reported: m.reported ? 1 : 0,
    monthly_hours: m.hours,
    tasks_done: m.tasksDone,
    activities: m.activities,
    work_orders: m.workOrders,
  };
  const s =
    Math.round(config.items.reduce((sum, i) => sum + Math.min(i.max, value[i.key] * i.pointsPerUnit), 0) * 10) / 10;
  const g = config.grades;
  return { score: s, grade: s >= g.excellent ? 'excellent' : s >= g.good ? 'good' : s >= g.pass ? 'pass' : 'fail' };
}
