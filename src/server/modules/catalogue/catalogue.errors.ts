import { defineErrors } from '../../lib/errors.js';

/** Every error the dispatch catalogue (派单目录) answers with. */
export const E = defineErrors('catalogue', {
  CATALOGUE_DATE_PAST: {
    kind: 'bad_request',
    zh: '新版本的生效日期不能早于今天（{today}）：已派出的工单须保持当时的目录。',
    en: 'A new version cannot take effect before today ({today}): dispatched orders keep the catalogue of their day.',
  },
  CATALOGUE_DATE_TAKEN: {
    kind: 'conflict',
    zh: '{date} 已有一个目录版本生效，请换一个日期。',
    en: 'A catalogue version already takes effect on {date}; choose another date.',
  },
  CATALOGUE_CATEGORY_UNKNOWN: {
    kind: 'bad_request',
    zh: '目录中有不存在的诉求分类：{id}。',
    en: 'The catalogue names a category that does not exist: {id}.',
  },
  CATALOGUE_CATEGORY_TWICE: {
    kind: 'bad_request',
    zh: '诉求分类 {id} 在目录中出现了两次。',
    en: 'Category {id} appears twice in the catalogue.',
  },
  CATALOGUE_UNIT_INVALID: {
    kind: 'bad_request',
    zh: '分类 {id} 的责任单位有误：职能部门须指定存在的部门，其他承办方不指定部门。',
    en: 'Category {id} names a wrong unit: a department handler needs an existing department, other handlers none.',
  },
  CATALOGUE_CAUSE_NO_CATALOGUE: {
    kind: 'conflict',
    zh: '该派单不是按派单目录派出的，不能归因于目录。',
    en: 'This leg was not dispatched from the catalogue, so its return cannot be blamed on the catalogue.',
  },
});
