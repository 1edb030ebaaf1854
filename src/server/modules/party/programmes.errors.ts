import { defineErrors } from '../../lib/errors.js';

/** Errors of 六大工程 and 党建示范点 (party module). */
export const programmeErrors = defineErrors('party.programmes', {
  PROGRAMME_NOT_FOUND: { kind: 'not_found', zh: '找不到该工程。', en: 'This programme cannot be found.' },
  INDICATOR_UNKNOWN: {
    kind: 'bad_request',
    zh: '该工程没有指标“{key}”。',
    en: 'This programme has no indicator "{key}".',
  },
  INDICATOR_COMPUTED: {
    kind: 'bad_request',
    zh: '指标“{name}”由平台数据自动计算，不能手工填报数值；请只填写进展说明。',
    en: 'Indicator "{name}" is computed from the platform\'s records and takes no reported value; describe the progress only.',
  },
  VALUE_WITHOUT_INDICATOR: {
    kind: 'bad_request',
    zh: '填报数值时须选择对应的指标。',
    en: 'A reported value needs the indicator it counts towards.',
  },
  PROGRESS_DATE_FUTURE: {
    kind: 'bad_request',
    zh: '进展日期不能晚于今天。',
    en: 'The date of a progress entry cannot be in the future.',
  },
  PROGRESS_OUTSIDE_YEAR: {
    kind: 'bad_request',
    zh: '进展日期须在该工程的年度（{year} 年）内。',
    en: "The date of a progress entry must lie in the programme's year ({year}).",
  },
  UNIT_NOT_COMPOUND_OR_COMMUNITY: {
    kind: 'bad_request',
    zh: '“{name}”不是小区或社区；进展只能关联小区或社区。',
    en: '"{name}" is not a compound or a community; a progress entry touches compounds and communities only.',
  },
  UNIT_NOT_FOUND: { kind: 'not_found', zh: '找不到单位 {id}。', en: 'Unit {id} cannot be found.' },
  SITE_SUBJECT_NOT_FOUND: {
    kind: 'not_found',
    zh: '找不到要命名的党组织、小区、社区或阵地。',
    en: 'The party organisation, compound, community or station to designate cannot be found.',
  },
  SITE_SUBJECT_UNSUITABLE: {
    kind: 'bad_request',
    zh: '只能命名党组织、小区、社区或阵地为党建示范点。',
    en: 'Only a party organisation, a compound, a community or a station can be designated a demonstration site.',
  },
  SITE_ALREADY_DESIGNATED: {
    kind: 'conflict',
    zh: '“{name}”已被命名为 {year} 年度{level}党建示范点。',
    en: '"{name}" is already a {level} demonstration site for {year}.',
  },
  SITE_YEAR_FUTURE: {
    kind: 'bad_request',
    zh: '命名年度不能晚于今年。',
    en: 'The year of a designation cannot be later than this year.',
  },
  SITE_PROGRAMME_MISMATCH: {
    kind: 'bad_request',
    zh: '所选工程不是 {year} 年度的工程。',
    en: 'The chosen programme is not one of {year}.',
  },
  SITE_NOT_FOUND: { kind: 'not_found', zh: '找不到该党建示范点。', en: 'This demonstration site cannot be found.' },
  SITE_REVOKED: {
    kind: 'conflict',
    zh: '该党建示范点已撤销。',
    en: 'This demonstration site has already been revoked.',
  },
  SITE_CHANGED: {
    kind: 'conflict',
    zh: '该党建示范点已被他人修改，请刷新后重试。',
    en: 'This demonstration site was changed by someone else; reload and try again.',
  },
  PROGRAMME_YEAR_EXISTS: {
    kind: 'conflict',
    zh: '{year} 年的六大工程已经建立，请直接调整各项目标。',
    en: 'The six programmes of {year} exist already; adjust their targets instead.',
  },
  PROGRAMME_YEAR_OUT_OF_RANGE: {
    kind: 'bad_request',
    zh: '只能建立今年或明年的年度工程（{year} 年不在此列）。',
    en: 'Only this year’s or next year’s programmes can be set up ({year} is neither).',
  },
  PROGRAMME_CHANGED: {
    kind: 'conflict',
    zh: '该工程刚被他人修改，请刷新后再调整目标。',
    en: 'Someone else has just changed this programme; reload it, then adjust the targets.',
  },
});
