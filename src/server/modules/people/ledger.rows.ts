import {
  parseIdNumber,
  ID_PROBLEM_MESSAGES,
  ID_PROBLEM_MESSAGES_EN,
  type ParsedIdNumber,
} from '../../lib/id-number.js';
import type { PersonTag } from '../../../shared/people.constants.js';

/**
 * The real-population ledger's sheet (实有人口台账): its columns, and one row read into a checked record or
 * the reasons it is wrong. Pure: no database here (ledger.import.ts looks the addresses and people up).
 */
export const LEDGER_COLUMNS = [
  '社区编码',
  '小区名称',
  '楼栋名称',
  '单元',
  '房号',
  '姓名',
  '身份证号',
  '与户主关系',
  '联系电话',
  '标签',
] as const;
export type LedgerColumn = (typeof LEDGER_COLUMNS)[number];
export type LedgerCells = Record<LedgerColumn, string>;

/** A problem of one row, in Chinese and English (the column name is the sheet's own, so Chinese in both). */
export interface RowError {
  row: number;
  field: string;
  message: string;
  en: string;
}
export const rowError = (row: number, field: string, zh: string, en: string): RowError => ({
  row,
  field,
  message: zh,
  en,
});
const FIELD_EN: Record<string, string> = {
  社区编码: 'community code',
  小区名称: 'compound',
  楼栋名称: 'building',
  单元: 'unit',
  房号: 'room',
  姓名: 'name',
};

export const RELATIONS: Record<string, string> = {
  户主: 'head',
  本人: 'head',
  配偶: 'spouse',
  妻: 'spouse',
  夫: 'spouse',
  子女: 'child',
  子: 'child',
  女: 'child',
  父母: 'parent',
  父亲: 'parent',
  母亲: 'parent',
  孙子女: 'grandchild',
  兄弟姐妹: 'sibling',
  其他: 'other',
};
/** Relation codes back to the sheet's words (the export writes what the import reads). */
export const RELATION_WORDS: Record<string, string> = {
  head: '户主',
  spouse: '配偶',
  child: '子女',
  parent: '父母',
  grandchild: '孙子女',
  sibling: '兄弟姐妹',
  other: '其他',
};

export const TAG_WORDS: Record<string, PersonTag> = {
  党员: 'party_member',
  在职党员: 'in_service_party_member',
  快递小哥: 'rider',
  外卖骑手: 'rider',
  骑手: 'rider',
  志愿者: 'volunteer',
  残疾: 'disabled',
  残疾人: 'disabled',
  低保: 'low_income',
};
export const TAG_LABELS: Partial<Record<PersonTag, string>> = {
  party_member: '党员',
  in_service_party_member: '在职党员',
  rider: '快递小哥',
  volunteer: '志愿者',
  disabled: '残疾',
  low_income: '低保',
};
/** Tags a ledger may not set: 困境儿童 is a minor-protection file's, never a spreadsheet's. */
export const TAGS_KEPT_FROM_LEDGER: readonly string[] = ['child_in_difficulty'];

export interface LedgerRecord {
  row: number;
  /** community|compound|building as written: the key of the address book */
  address: string;
  /** address|unit|room: the household this row belongs to */
  household: string;
  unit: string;
  room: string;
  name: string;
  id: ParsedIdNumber;
  relation: string;
  phone: string | null;
  tags: PersonTag[];
}

const PHONE = /^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$/;

/** The unit as the ledger keeps it: "1" and "1单元" are the same unit. */
export function normaliseUnit(v: string): string {
  return /^\d+$/.test(v) ? `${v}单元` : v;
}

export function householdKey(cells: Pick<LedgerCells, '社区编码' | '小区名称' | '楼栋名称' | '单元' | '房号'>) {
  return `${cells['社区编码']}|${cells['小区名称']}|${cells['楼栋名称']}|${normaliseUnit(cells['单元'])}|${cells['房号']}`;
}

/** Checks one row's own cells (not yet whether its address exists or its person is someone else's). */
export function parseLedgerRow(row: number, cells: LedgerCells, errors: RowError[]): LedgerRecord | null {
  const before = errors.length;
  const need = (field: LedgerColumn, max: number) => {
    const v = cells[field];
    if (!v)
      errors.push(rowError(row, field, `${field}不能为空。`, `The ${FIELD_EN[field] ?? field} may not be empty.`));
    else if (v.length > max)
      errors.push(
        rowError(
          row,
          field,
          `${field}不能超过 ${max} 个字。`,
          `The ${FIELD_EN[field] ?? field} may not be longer than ${max} characters.`,
        ),
      );
    return v;
  };
  need('社区编码', 40);
  need('小区名称', 60);
  need('楼栋名称', 40);
  const unit = normaliseUnit(need('单元', 20));
  const room = need('房号', 20);
  const name = need('姓名', 30);
  const idText = cells['身份证号'].replace(/\s/g, '');
  const id = idText ? parseIdNumber(idText) : null;
  if (!id) errors.push(rowError(row, '身份证号', '身份证号不能为空。', 'The ID number may not be empty.'));
  else if ('problem' in id)
    errors.push(rowError(row, '身份证号', ID_PROBLEM_MESSAGES[id.problem], ID_PROBLEM_MESSAGES_EN[id.problem]));
  const relation = RELATIONS[cells['与户主关系']];
  if (!relation)
    errors.push(
      rowError(
        row,
        '与户主关系',
        `“${cells['与户主关系']}”无法识别，请填 ${Object.keys(RELATION_WORDS)
          .map((k) => RELATION_WORDS[k])
          .join('、')} 之一。`,
        `"${cells['与户主关系']}" is not a known relation; use one of ${Object.values(RELATION_WORDS).join(', ')}.`,
      ),
    );
  const phone = cells['联系电话'].replace(/\s/g, '') || null;
  if (phone && !PHONE.test(phone))
    errors.push(
      rowError(
        row,
        '联系电话',
        '联系电话应为 11 位手机号或带区号的固定电话。',
        'The phone must be an 11-digit mobile number or a landline with its area code.',
      ),
    );
  const tags = new Set<PersonTag>();
  for (const word of cells['标签'].split(/[、,，;；\s]+/).filter(Boolean)) {
    if (word === '老年人') continue; // derived from the birth date, never stored
    if (word === '困境儿童') {
      errors.push(
        rowError(
          row,
          '标签',
          '困境儿童须在“未成年人保护”中建档，不能通过台账导入。',
          'A child in difficulty is registered with a minor-protection file, never through the ledger.',
        ),
      );
      continue;
    }
    const tag = TAG_WORDS[word];
    if (tag) tags.add(tag);
    else
      errors.push(
        rowError(
          row,
          '标签',
          `标签“${word}”无法识别，可填：${Object.values(TAG_LABELS).join('、')}。`,
          `The tag "${word}" is not known; use: ${Object.values(TAG_LABELS).join(', ')}.`,
        ),
      );
  }
  if (errors.length > before || !id || 'problem' in id || !relation) return null;
  return {
    row,
    address: `${cells['社区编码']}|${cells['小区名称']}|${cells['楼栋名称']}`,
    household: householdKey(cells),
    unit,
    room,
    name,
    id,
    relation,
    phone,
    tags: [...tags].sort(),
  };
}
