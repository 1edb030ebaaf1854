import { defineErrors } from '../../lib/errors.js';

/** Every error 吹哨报到 answers with. */
export const E = defineErrors('whistles', {
  WHISTLE_NOT_FOUND: {
    kind: 'not_found',
    zh: '找不到该吹哨事项，可能已被删除或编号有误。',
    en: 'No such whistle: it may not exist or the id is wrong.',
  },
  WHISTLE_CHANGED: {
    kind: 'conflict',
    zh: '该吹哨事项已被他人更新，请刷新后再操作。',
    en: 'Someone else has updated this whistle; reload it and try again.',
  },
  WHISTLE_TIME_PAST: {
    kind: 'bad_request',
    zh: '到场时间（{at}）已经过去，请约定一个将来的时间（北京时间）。',
    en: 'The time to be on site ({at}) has already passed; choose a time in the future (Beijing time).',
  },
  WHISTLE_PLACE_REQUIRED: {
    kind: 'bad_request',
    zh: '请选择吹哨地点（小区），或关联一张工单。',
    en: 'Choose the place (a compound) or link a work order.',
  },
  WHISTLE_NOT_COMPOUND: {
    kind: 'bad_request',
    zh: '吹哨地点须是一个小区。',
    en: 'The place of a whistle must be a compound.',
  },
  WHISTLE_ORDER_ELSEWHERE: {
    kind: 'bad_request',
    zh: '关联的工单 {no} 不在所选小区，请选择本小区的工单或不关联。',
    en: 'The linked work order {no} is not in the chosen compound; pick an order of this compound or none.',
  },
  WHISTLE_ORDER_NOT_FOUND: {
    kind: 'bad_request',
    zh: '找不到要关联的工单。',
    en: 'The work order to link was not found.',
  },
  WHISTLE_DEPARTMENT_UNKNOWN: {
    kind: 'bad_request',
    zh: '召集的单位 {id} 不是本区的职能部门。',
    en: 'The summoned unit {id} is not a department of this district.',
  },
  WHISTLE_DEPARTMENT_TWICE: {
    kind: 'bad_request',
    zh: '同一个部门只能召集一次。',
    en: 'A department can be summoned only once.',
  },
  WHISTLE_NOT_SUMMONED: {
    kind: 'forbidden',
    zh: '本部门未被该吹哨事项召集，不能报到或记录处置情况。',
    en: 'Your department was not summoned by this whistle, so it cannot check in or record what it did.',
  },
  WHISTLE_ALREADY_CHECKED_IN: {
    kind: 'conflict',
    zh: '本部门已于 {at} 报到，无需重复报到。',
    en: 'Your department already checked in at {at}.',
  },
  WHISTLE_NOT_CHECKED_IN: {
    kind: 'conflict',
    zh: '请先报到，再记录现场处置情况。',
    en: 'Check in first, then record what was done on site.',
  },
  WHISTLE_CLOSED: {
    kind: 'conflict',
    zh: '该吹哨事项已于 {at} 结束，不能再报到或修改。',
    en: 'This whistle was closed at {at}; it can no longer be checked in to or changed.',
  },
  WHISTLE_NOT_CLOSED: {
    kind: 'conflict',
    zh: '吹哨事项结束后才能评价部门的响应情况，请先结束该事项。',
    en: "A department's response can be rated only after the whistle is closed; close it first.",
  },
  WHISTLE_ALREADY_RATED: {
    kind: 'conflict',
    zh: '已评价过 {name}，评价不能修改。',
    en: '{name} has already been rated; a rating cannot be changed.',
  },
  WHISTLE_RATE_NOT_SUMMONED: {
    kind: 'bad_request',
    zh: '只能评价本事项召集的部门（{id} 未被召集）。',
    en: 'Only the departments this whistle summoned can be rated ({id} was not).',
  },
  WHISTLE_MANAGE_FORBIDDEN: {
    kind: 'forbidden',
    zh: '只有吹哨单位（{owner}）或其上级街道可以结束和评价该事项。',
    en: 'Only the unit that blew the whistle ({owner}) or its street can close and rate it.',
  },
});
