/**
 * 六大工程 (the district's six programmes of the compound party-building campaign, seed 004) and
 * 党建示范点. An indicator is either computed from the platform's records (`metric`) or reported by hand
 * (`manual`: the sum of the values of its progress entries).
 */
export const PROGRAMME_KEYS = [
  'lead_geese', // 小区头雁领航工程
  'capability', // 履职能力提升工程
  'property_service', // 物业服务提升工程
  'positions', // 小区阵地配建工程
  'smart_community', // 智慧社区创建工程
  'demonstration', // 小区党建示范工程
] as const;
export type ProgrammeKey = (typeof PROGRAMME_KEYS)[number];

export const INDICATOR_METRICS = [
  'secretary_coverage', // 小区党支部书记覆盖率 % (compound branches with an active secretary)
  'seconded_cadres', // 选派到小区任职的干部 (active posts from 市级 / 区级选派)
  'old_compounds_with_property', // 落实物业公司的老旧小区 (an active property contract)
  'renovated_compounds', // 改造的老旧小区
  'party_mass_stations', // 小区党群服务站
  'smart_communities', // 使用平台的社区 (a work order in one of its compounds this year)
  'demonstration_sites', // 党建示范点 (designated by this year, not revoked)
  'governance_topics', // 治理课题 started this year
  'manual', // reported by hand through progress entries
] as const;
export type IndicatorMetric = (typeof INDICATOR_METRICS)[number];

export const SITE_LEVELS = ['district', 'city', 'province'] as const; // 区级 / 市级 / 省级
export type SiteLevel = (typeof SITE_LEVELS)[number];
export const SITE_LEVEL_LABELS: Record<SiteLevel, string> = { district: '区级', city: '市级', province: '省级' };

/** What is designated: a party organisation (示范党支部), a compound or community, or a station. */
export const SITE_SUBJECTS = ['party_org', 'org_unit', 'station'] as const;
export type SiteSubject = (typeof SITE_SUBJECTS)[number];

export interface IndicatorDefinition {
  key: string;
  name: string;
  metric: IndicatorMetric;
  target: number;
  unit: string;
}
export interface ProgrammeDefinition {
  key: ProgrammeKey;
  name: string;
  leadUnit: string;
  description: string;
  indicators: IndicatorDefinition[];
}

/**
 * The six programmes as the seed names them, with the seed's figures as targets where it gives one
 * (440 of 487 secretaries = 90.2 %, 16 + 77 seconded, 360 old compounds given a company, 129 renovated,
 * 292 stations, 155 communities, 11 topics). Targets without a seed figure are assumptions, marked so.
 */
export const PROGRAMME_DEFAULTS: readonly ProgrammeDefinition[] = [
  {
    key: 'lead_geese',
    name: '小区头雁领航工程',
    leadUnit: '区委组织部',
    description: '配齐配强小区党支部书记，市级、区级选派干部“全脱产”到小区任职，实现书记“从零到有”。',
    indicators: [
      { key: 'coverage', name: '小区党支部书记覆盖率', metric: 'secretary_coverage', target: 90.2, unit: '%' },
      { key: 'seconded', name: '选派到小区任职干部', metric: 'seconded_cadres', target: 93, unit: '人' },
    ],
  },
  {
    key: 'capability',
    name: '履职能力提升工程',
    leadUnit: '区委组织部',
    description: '通过培训班、党建比武、“立足岗位作贡献”等活动“充电赋能”，落实日常管理、考核评议等 6 项制度。',
    indicators: [
      // assumptions: the seed gives no figure
      { key: 'trainings', name: '培训班、党建比武', metric: 'manual', target: 20, unit: '场' },
      { key: 'trainees', name: '参训干部', metric: 'manual', target: 500, unit: '人次' },
    ],
  },
  {
    key: 'property_service',
    name: '物业服务提升工程',
    leadUnit: '区住房和城乡建设局',
    description: '为老旧小区落实优质物业公司，改造老旧小区并“微改造”，解决物业“管理悬空”问题。',
    indicators: [
      {
        key: 'property',
        name: '落实物业公司的老旧小区',
        metric: 'old_compounds_with_property',
        target: 360,
        unit: '个',
      },
      { key: 'renovated', name: '改造老旧小区', metric: 'renovated_compounds', target: 129, unit: '个' },
    ],
  },
  {
    key: 'positions',
    name: '小区阵地配建工程',
    leadUnit: '区委组织部',
    description: '物业用房共享、周边小区联建、盘活闲置用房，配建小区党群服务站，阵地建在“家门口”。',
    indicators: [
      { key: 'stations', name: '小区党群服务站', metric: 'party_mass_stations', target: 292, unit: '个' },
      { key: 'area', name: '腾转改造房屋面积', metric: 'manual', target: 16000, unit: '㎡' },
    ],
  },
  {
    key: 'smart_community',
    name: '智慧社区创建工程',
    leadUnit: '区政务服务和数据管理局',
    description:
      '建设区、街、社三级“智慧信息平台”，推动居民诉求线上接办；水泊寺、马军营、大庆路 3 个街道 12 个试点项目。',
    indicators: [
      { key: 'communities', name: '线上接办诉求的社区', metric: 'smart_communities', target: 155, unit: '个' },
      { key: 'pilots', name: '智慧平台试点项目', metric: 'manual', target: 12, unit: '个' },
    ],
  },
  {
    key: 'demonstration',
    name: '小区党建示范工程',
    leadUnit: '区委组织部',
    description: '培育推广党建示范点，治理课题在小区试点实施，形成治理经验并在全区辐射推广。',
    indicators: [
      // assumption: the seed names "20 多个治理经验", no count of sites
      { key: 'sites', name: '党建示范点', metric: 'demonstration_sites', target: 20, unit: '个' },
      { key: 'topics', name: '治理课题', metric: 'governance_topics', target: 11, unit: '个' },
    ],
  },
];
