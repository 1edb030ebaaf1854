import { defineErrors } from '../../lib/errors.js';

/** Errors of the org module (units, compounds, buildings, ledger import). */
export const orgErrors = defineErrors('org', {
  ORG_UNIT_NOT_FOUND: {
    kind: 'not_found',
    zh: '找不到编码为 {id} 的组织，请核对编码。',
    en: 'There is no organisation with code {id}; please check the code.',
  },
  COMPOUND_NOT_FOUND: { kind: 'not_found', zh: '编码 {id} 不是小区。', en: 'Code {id} is not a compound.' },
  COMPOUND_PARENT_INVALID: {
    kind: 'bad_request',
    zh: '小区只能建在社区或村下，“{name}”是{kind}。',
    en: 'A compound can only be created under a community or village; "{name}" is a {kind}.',
  },
  COMPOUND_NOT_EMPTY: {
    kind: 'conflict',
    zh: '该小区下还有楼栋或已建党支部，不能删除。请先移除楼栋并调整党支部覆盖范围。',
    en: 'This compound still has buildings or a party branch and cannot be deleted. Remove the buildings and change the branch coverage first.',
  },
  VERSION_CONFLICT: {
    kind: 'conflict',
    zh: '该小区已被他人修改，请刷新后再保存。',
    en: 'Someone else has changed this compound; refresh and save again.',
  },
  IMPORT_COLUMNS_MISSING: {
    kind: 'bad_request',
    zh: '第 1 行缺少列：{columns}。请使用下载的模板。',
    en: 'Row 1 is missing the columns: {columns}. Please use the downloaded template.',
  },
  IMPORT_EMPTY: { kind: 'bad_request', zh: '文件中没有数据行。', en: 'The file has no data rows.' },
});

/** Errors about buildings. */
export const buildingErrors = defineErrors('org.buildings', {
  BUILDING_NOT_FOUND: {
    kind: 'not_found',
    zh: '找不到该楼栋，可能已被删除。',
    en: 'This building cannot be found; it may have been deleted.',
  },
  VERSION_CONFLICT: {
    kind: 'conflict',
    zh: '该楼栋已被他人修改，请刷新后再保存。',
    en: 'Someone else has changed this building; refresh and save again.',
  },
  BUILDING_NOT_EMPTY: {
    kind: 'conflict',
    zh: '该楼栋下还有 {n} 户，不能删除。',
    en: 'This building still has {n} households and cannot be deleted.',
  },
});
