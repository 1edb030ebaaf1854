/**
 * 组织生活 (branch life): the activities of a party branch (三会一课, 主题党日, 立足岗位作贡献, 党建比武 …)
 * with attendance, the branch's working systems as a yearly checklist, and the yearly 考核评议.
 * The defaults below are what a district starts with; the district changes them (party-life settings).
 */
export const ACTIVITY_KINDS = [
  'theme_day', // 主题党日
  'general_meeting', // 支部党员大会
  'committee_meeting', // 支委会
  'group_meeting', // 党小组会
  'lecture', // 党课
  'contribution', // 立足岗位作贡献
  'contest', // 党建比武
  'other', // 其他
] as const;
export type ActivityKind = (typeof ACTIVITY_KINDS)[number];

export const ACTIVITY_STATUSES = ['scheduled', 'held', 'cancelled'] as const;
export type ActivityStatus = (typeof ACTIVITY_STATUSES)[number];

/** expected: on the list, nothing recorded yet; leave: 请假 (with its reason); absent: 缺席. */
export const ATTENDANCE_STATUSES = ['expected', 'present', 'leave', 'absent'] as const;
export type AttendanceStatus = (typeof ATTENDANCE_STATUSES)[number];

export const FREQUENCIES = ['monthly', 'quarterly', 'none'] as const;
export type Frequency = (typeof FREQUENCIES)[number];

/** 三会一课: 支部党员大会每季度、支委会每月、党小组会每月、党课每季度; 主题党日每月 (《中国共产党支部工作条例（试行）》第十八、十九条). */
export const DEFAULT_FREQUENCIES: Record<ActivityKind, Frequency> = {
  theme_day: 'monthly',
  general_meeting: 'quarterly',
  committee_meeting: 'monthly',
  group_meeting: 'monthly',
  lecture: 'quarterly',
  contribution: 'none',
  contest: 'none',
  other: 'none',
};

export interface SystemItem {
  key: string;
  name: string;
  disabled?: boolean;
}
/** 小区党支部六项工作制度 — names are the district's to change. */
export const DEFAULT_SYSTEMS: SystemItem[] = [
  { key: 'org_life', name: '组织生活制度' },
  { key: 'daily_management', name: '日常管理制度' },
  { key: 'contact_masses', name: '联系服务群众制度' },
  { key: 'decision_making', name: '议事决策制度' },
  { key: 'assessment', name: '考核评议制度' },
  { key: 'position_management', name: '阵地管理制度' },
];

export const SYSTEM_CHECK_STATUSES = ['pending', 'submitted', 'approved', 'returned'] as const;
export type SystemCheckStatus = (typeof SYSTEM_CHECK_STATUSES)[number];

export const ASSESSMENT_SUBJECTS = ['branch', 'secretary'] as const;
export type AssessmentSubject = (typeof ASSESSMENT_SUBJECTS)[number];

export interface AssessmentItem {
  key: string;
  name: string;
  maxScore: number;
}
/** 考核评议 items (each subject's maxima add up to 100). */
export const DEFAULT_ASSESSMENT_ITEMS: Record<AssessmentSubject, AssessmentItem[]> = {
  branch: [
    { key: 'organisation', name: '组织建设', maxScore: 25 },
    { key: 'org_life', name: '组织生活（三会一课、主题党日）', maxScore: 25 },
    { key: 'service', name: '服务群众', maxScore: 20 },
    { key: 'contribution', name: '立足岗位作贡献', maxScore: 15 },
    { key: 'contest', name: '党建比武', maxScore: 15 },
  ],
  secretary: [
    { key: 'duty', name: '履职尽责', maxScore: 30 },
    { key: 'org_life', name: '组织生活', maxScore: 20 },
    { key: 'masses', name: '联系群众', maxScore: 25 },
    { key: 'integrity', name: '廉洁自律', maxScore: 25 },
  ],
};

export const ASSESSMENT_GRADES = ['excellent', 'good', 'fair', 'poor'] as const;
export type AssessmentGrade = (typeof ASSESSMENT_GRADES)[number];
/** 优秀 ≥ 90, 良好 ≥ 80, 一般 ≥ 60, 较差 below — of the total over the items' maxima, in per cent. */
export function gradeOf(total: number, max: number): AssessmentGrade {
  const pct = max > 0 ? (total / max) * 100 : 0;
  if (pct >= 90) return 'excellent';
  if (pct >= 80) return 'good';
  if (pct >= 60) return 'fair';
  return 'poor';
}

/** The URL path the activity QR code opens (the member's phone, signed in). */
export const PARTY_SCAN_PATH = '/party/scan';
