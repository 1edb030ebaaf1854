/** The workbench (工作台): the kinds of item that wait for a person, and the clock colours. */
export const WORKBENCH_KINDS = [
  'orders_to_accept', // 待接单
  'orders_to_dispatch', // 待派单
  'orders_to_close', // 待评价确认（社区代居民记录）
  'legs_to_handle', // 待兑单
  'extensions_to_decide', // 待审批延期
  'escalations', // 上报 / 督办
  'my_requests', // 居民：我的诉求（办理中）
  'results_to_confirm', // 居民：待我评价
  'my_activities', // 已报名的志愿活动
  'hours_to_confirm', // 待确认服务时长
  'proposals_to_score', // 待评分项目
  'closures_to_approve', // 待审批结案
  'visits_due', // 到期探访
  'referrals_to_acknowledge', // 待签收转介
  'patrols_to_follow', // 巡查发现待处理
] as const;
export type WorkbenchKind = (typeof WORKBENCH_KINDS)[number];

/** green: on time; amber: most of the time used (≥ 2/3) or under a day left; red: overdue. */
export const CLOCKS = ['green', 'amber', 'red'] as const;
export type Clock = (typeof CLOCKS)[number];

/** Which page an item opens. */
export const WORKBENCH_TARGETS = ['order', 'proposal', 'case', 'referrals', 'hours', 'activity', 'patrol'] as const;
export type WorkbenchTarget = (typeof WORKBENCH_TARGETS)[number];

/** At most this many items of one kind are listed (the count says how many there are). */
export const WORKBENCH_ITEMS_PER_KIND = 10;
/** Share of the time allowed after which the clock turns amber. */
export const AMBER_SHARE = 2 / 3;
