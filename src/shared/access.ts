/**
 * Roles and abilities: the one list both the server (which decides) and the web (which hides what a
 * caller cannot do) read. Which records an ability reaches is the server's access layer's business.
 */
export const ROLES = [
  'district_admin', // 区级管理员
  'street_staff', // 街道工作人员
  'community_worker', // 社区工作者
  'grid_worker', // 网格员
  'branch_secretary', // 小区党支部书记
  'department_staff', // 职能部门
  'social_worker', // 社工
  'social_org', // 社会组织
  'resident', // 居民
  'minor_station_head', // 街道未成年人保护工作站站长
  'minor_centre', // 市未成年人保护中心 (bound to the district root, Linli's top tenant)
  'purchase_agent', // 项目招募方（政府购买服务）
  'juror', // 评审专家
  'property_company', // 物业服务企业 (bound to its company: users.work_unit_id = the company)
] as const;
export type Role = (typeof ROLES)[number];

export const ABILITIES = [
  'org.read',
  'org.write',
  'party.read',
  'people.read',
  'people.write',
  'people.identity.reveal',
  'dashboard.read',
  'import.run',
  'audit.read',
  'stations.read',
  'orders.read',
  'orders.create',
  'orders.accept', // 小区接单
  'orders.dispatch', // 社区派单, return handling, extensions, merge
  'orders.fulfil', // 部门兑单
  'orders.confirm', // 评价确认 / reopen
  'orders.supervise', // 督办
  'orders.import', // 12345 导入
  'meetings.read', // 小区联席会议: read the meetings in scope (street and district follow them)
  'meetings.manage', // 小区联席会议
  'metrics.read',
  'orders.configure', // 诉求分类与时限
  'users.manage', // 账号管理
  'minor.read', // 未成年人保护：统计与（按身份权限脱敏的）档案
  'minor.casework', // 建档、服务、探访、转介、申请结案
  'minor.approve', // 结案审批、重新开案、指派社工、站点“五有”
  'minor.configure', // 困境类型与探访周期
  'minor.referral.respond', // 接收转介：签收、反馈
  'purchase.read', // 政府购买服务：查看
  'purchase.needs', // 登记居民需求 / 项目意向
  'purchase.manage', // 项目招募方：发布申报通知、初筛、评审、公示、授予
  'purchase.propose', // 社会组织：登记、申报、撤回
  'purchase.score', // 评审专家：回避、评分
  'purchase.object', // 公示期提出异议
  'purchase.contract', // 街道 / 乡：签约、验收、拨付、评估
  'purchase.deliver', // 社会组织：提交里程碑材料、活动记录
  'volunteers.read', // 志愿服务、双报到、积分台账
  'volunteers.manage', // 组织活动、确认时长、发布任务
  'volunteers.participate', // 报名、扫码签到签退、认领任务
  'volunteers.configure', // 报到服务考核评分规则
  'points.redeem', // 爱心超市积分兑换
  'stations.manage', // 阵地服务、小哥联席会议、招聘对接
  'canteens.manage', // 幸福餐厅：菜单、就餐、送餐、结算
  'canteens.configure', // 餐厅补贴规则
  'canteens.dine', // 居民：本街道幸福餐厅的菜单、本人补贴与就餐记录
  'notifications.admin', // 消息投递：失败任务（死信）重试与丢弃
  // 接诉即办考核 (assessment)
  'assessment.read', // 月度考核排名、指标下钻
  'assessment.configure', // 考核权重、红黑榜、申诉期限、审核人
  'appeals.file', // 本单位提出申诉/核减
  'appeals.review', // 审核申诉（由区级设置指定角色）
  'callbacks.manage', // 回访
  'party.manage', // 党务：建支部、调整、升级、书记委员、党员名册与发展
  'party.plan', // 六大工程：建立年度工程、调整指标目标（区委组织部）
  // ── 物业 ──
  'property.read', // 物业企业、服务合同、管理悬空小区
  'property.manage', // 登记物业企业、签订与更换服务合同
  // ── consult ──
  'consultations.read', // 征求民意、议事协商：查看
  'consultations.manage', // 发起征求意见与表决、录入纸质票、截止与公布结果
  'consultations.answer', // 居民：填写问卷、投票
  // ── proposals ── 居民提议
  'proposals.read', // 查看本小区（辖区）的居民提议
  'proposals.raise', // 居民：提出提议、附议
  // ── topics ──
  'topics.read', // 每月一题：高频问题、治理课题及成效
  'topics.manage', // 立题、试点小区、措施与责任人
  // ── property ──
  'property.publish', // 物业企业录入公示三专栏
  'property.review', // 小区党支部/业委会审核公示
  // ── catalogue ──
  'catalogue.read', // 派单目录（查看）
  'catalogue.configure', // 派单目录：发布新版本
  // ── party-life ──
  'party.life.read', // 组织生活：三会一课、出勤、制度落实、考核评议（查看）
  'party.life.manage', // 安排组织生活、登记出勤与纪要、提交制度落实材料
  'party.life.review', // 社区、街道党组织：审核制度落实、考核评议打分
  'party.life.configure', // 三会一课频次、工作制度与考核项目
  'party.life.attend', // 党员：扫码签到、查看本人组织生活
  // ── visits ──
  'visits.read', // 走访慰问台账
  'visits.manage', // 组织走访慰问、登记走访、需求转工单或转介
  // ── patrols ──
  'patrols.read', // 网格巡查：巡查记录与台账
  'patrols.record', // 网格员：开始巡查、记录发现、结束巡查
  // ── whistles ──
  'whistles.read', // 吹哨报到：查看
  'whistles.blow', // 街道/社区吹哨、结束并评价部门响应
  'whistles.checkin', // 职能部门报到、记录现场处置
  // ── evaluation ──
  'property.evaluation.configure', // 物业服务评价：设定年度评价项目与权重（区、街道）
  'property.evaluate', // 物业服务评价：发起、评分、公布（小区党支部、社区代业委会）
] as const;
export type Ability = (typeof ABILITIES)[number];

/** Role names as people see them. */
export const ROLE_LABELS: Record<'zh' | 'en', Record<Role, string>> = {
  zh: {
    district_admin: '区级管理员',
    street_staff: '街道工作人员',
    community_worker: '社区工作者',
    grid_worker: '网格员',
    branch_secretary: '小区党支部书记',
    department_staff: '职能部门',
    social_worker: '社工',
    social_org: '社会组织',
    resident: '居民',
    minor_station_head: '未保站站长',
    minor_centre: '市未成年人保护中心',
    purchase_agent: '项目招募方',
    juror: '评审专家',
    property_company: '物业服务企业',
  },
  en: {
    district_admin: 'District administrator',
    street_staff: 'Street office staff',
    community_worker: 'Community worker',
    grid_worker: 'Grid worker',
    branch_secretary: 'Compound party branch secretary',
    department_staff: 'Department staff',
    social_worker: 'Social worker',
    social_org: 'Social organisation',
    resident: 'Resident',
    minor_station_head: 'Minor-protection station head',
    minor_centre: 'City minor-protection centre',
    purchase_agent: 'Recruiting agent',
    juror: 'Juror',
    property_company: 'Property service company',
  },
};
