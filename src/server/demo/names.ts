import { pinyin } from 'pinyin-pro';
import type { Random } from './random.js';

// Common surnames with rough relative frequencies (north China).
const SURNAMES: [string, number][] = [
  ['王', 90],
  ['李', 80],
  ['张', 80],
  ['刘', 60],
  ['陈', 40],
  ['杨', 40],
  ['赵', 35],
  ['黄', 20],
  ['周', 20],
  ['吴', 18],
  ['徐', 15],
  ['孙', 18],
  ['胡', 14],
  ['朱', 14],
  ['高', 16],
  ['林', 8],
  ['何', 10],
  ['郭', 18],
  ['马', 16],
  ['罗', 8],
  ['梁', 10],
  ['宋', 10],
  ['郑', 9],
  ['谢', 7],
  ['韩', 10],
  ['唐', 7],
  ['冯', 9],
  ['于', 8],
  ['董', 9],
  ['萧', 3],
  ['程', 7],
  ['曹', 7],
  ['袁', 6],
  ['邓', 6],
  ['许', 7],
  ['傅', 4],
  ['沈', 4],
  ['曾', 4],
  ['彭', 4],
  ['吕', 6],
  ['苏', 6],
  ['卢', 5],
  ['蒋', 5],
  ['蔡', 5],
  ['贾', 8],
  ['丁', 5],
  ['魏', 8],
  ['薛', 7],
  ['叶', 4],
  ['阎', 6],
  ['余', 4],
  ['潘', 4],
  ['杜', 6],
  ['戴', 4],
  ['夏', 4],
  ['钟', 3],
  ['汪', 3],
  ['田', 7],
  ['任', 7],
  ['姜', 5],
  ['范', 5],
  ['方', 4],
  ['石', 5],
  ['姚', 5],
  ['谭', 3],
  ['廖', 2],
  ['邹', 3],
  ['熊', 3],
  ['金', 4],
  ['陆', 3],
  ['郝', 6],
  ['孔', 4],
  ['白', 6],
  ['崔', 6],
  ['康', 5],
  ['毛', 4],
  ['邱', 3],
  ['秦', 5],
  ['江', 3],
  ['史', 5],
  ['顾', 3],
  ['侯', 5],
  ['邵', 3],
  ['孟', 5],
  ['龙', 2],
  ['万', 3],
  ['段', 5],
  ['雷', 3],
  ['钱', 3],
  ['汤', 3],
  ['尹', 4],
  ['黎', 2],
  ['易', 2],
  ['常', 5],
  ['武', 6],
  ['乔', 5],
  ['贺', 5],
  ['赖', 2],
  ['龚', 2],
  ['文', 3],
  ['单', 2],
  ['解', 2],
  ['古', 2],
  ['邓', 2],
  ['牛', 4],
  ['霍', 4],
  ['安', 4],
  ['温', 4],
  ['岳', 3],
  ['樊', 3],
];
const GIVEN =
  '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀英霞平刚桂兰华建国玉红文斌志宏海波鹏辉健俊峰晨雪琳婷欣怡宇浩然子涵梓萱博文思远佳琪雨桐一诺浩宇欣妍子轩诗涵嘉怡俊杰梦瑶家豪晓东凤琴春梅秋菊冬梅金凤银花淑珍桂芳永胜国庆建军卫东红梅立新玉兰海燕振华志刚晓燕利民'.split(
    '',
  );

const WEIGHTED_SURNAMES: string[] = SURNAMES.flatMap(([s, w]) => Array<string>(w).fill(s));

/** Names come from fixed lists, so their pinyin is computed once per character with pinyin-pro. */
const surnamePinyin = new Map(
  SURNAMES.map(([s]) => [s, pinyin(s, { toneType: 'none', surname: 'head' }).replace(/[^a-z]/g, '')]),
);
const givenPinyin = new Map(GIVEN.map((c) => [c, pinyin(c, { toneType: 'none' }).replace(/[^a-z]/g, '')]));

export interface GeneratedName {
  name: string;
  pinyin: string;
  initials: string;
}

export function randomName(rng: Random): GeneratedName {
  const surname = rng.pick(WEIGHTED_SURNAMES);
  const n = rng.chance(0.7) ? 2 : 1;
  let name = surname;
  let py = surnamePinyin.get(surname)!;
  let initials = py[0]!;
  for (let i = 0; i < n; i++) {
    const c = rng.pick(GIVEN);
    const p = givenPinyin.get(c)!;
    name += c;
    py += p;
    initials += p[0];
  }
  return { name, pinyin: py, initials };
}

const COMPOUND_PREFIX =
  '御河 平城 文瀛 云冈 魏都 同泉 和平 新华 迎宾 永泰 振华 清远 开源 武定 古城 鹿苑 白登 水泊 东信 恒安 华林 富乔 金地 阳光 紫御 锦绣 桐城 柳航 星河 翠苑 兴云 泰和 南关 北关 大庆 马军 卧虎 东关 西关 新建 红旗 光明 长青 瑞祥'.split(
    ' ',
  );
const COMPOUND_SUFFIX = '小区 花园 家园 嘉园 新村 名苑 雅苑 华府 公寓 佳苑 丽景 御府 城 里 东区 西区 南区 北区'.split(
  ' ',
);

export function compoundName(rng: Random, used: Set<string>): string {
  for (;;) {
    const n = `${rng.pick(COMPOUND_PREFIX)}${rng.pick(COMPOUND_SUFFIX)}`;
    if (!used.has(n)) {
      used.add(n);
      return n;
    }
  }
}

export const PROPERTY_COMPANIES = [
  '大同市同泉物业服务有限公司',
  '平城区御河物业管理有限公司',
  '大同市恒安物业有限公司',
  '山西云冈物业服务有限公司',
  '大同市金地物业有限公司',
  '平城区安居物业管理中心',
  '大同市华林物业有限公司',
  '大同市万家物业服务有限公司',
];

/** The 87 functional units whose in-service party members report to compounds (双报到). */
export function workUnitNames(): {
  name: string;
  kind: 'department' | 'institution' | 'enterprise';
  functional: boolean;
}[] {
  const departments = [
    '平城区住房和城乡建设局',
    '平城区房产服务中心',
    '平城区综合行政执法队',
    '平城区消防救援大队',
    '平城区市场监督管理局',
    '平城区民政局',
    '平城区司法局',
    '平城区教育局',
    '平城区卫生健康局',
    '平城区人力资源和社会保障局',
    '大同市公安局平城分局',
    '平城区城市管理局',
    '平城区生态环境分局',
    '平城区交通运输局',
    '平城区水务局',
    '平城区应急管理局',
    '平城区文化和旅游局',
    '平城区退役军人事务局',
    '平城区妇女联合会',
    '平城区总工会',
    '共青团平城区委员会',
    '平城区残疾人联合会',
    '平城区财政局',
    '平城区发展和改革局',
    '平城区商务局',
    '平城区医疗保障局',
    '平城区税务局',
    '平城区自然资源分局',
    '平城区审计局',
    '平城区统计局',
  ];
  const institutions = [
    '平城区人民医院',
    '平城区中医医院',
    '平城区疾病预防控制中心',
    '平城区妇幼保健院',
    '大同市第一中学校',
    '大同市第二中学校',
    '大同市第三中学校',
    '平城区实验小学',
    '平城区示范幼儿园',
    '平城区图书馆',
    '平城区文化馆',
    '平城区社会福利院',
    '平城区公共法律服务中心',
    '平城区融媒体中心',
    '平城区档案馆',
    '平城区机关事务服务中心',
    '平城区政务服务中心',
    '平城区就业服务中心',
    '平城区老年大学',
    '平城区青少年活动中心',
  ];
  const enterprises = [
    '中国建设银行大同云汽支行',
    '中国工商银行大同平城支行',
    '中国农业银行大同城区支行',
    '中国银行大同分行营业部',
    '大同银行平城支行',
    '国网大同供电公司城区供电中心',
    '大同市供水有限责任公司',
    '大同市热力有限公司',
    '大同市燃气有限责任公司',
    '中国移动大同分公司',
    '中国联通大同分公司',
    '中国电信大同分公司',
    '大同市公共交通有限公司',
    '中国邮政大同市分公司',
    '大同煤矿集团公司机关',
    '大同市城市建设投资公司',
    '大同市国有资本运营公司',
    '大同日报社',
    '大同市广播电视台',
    '大同市烟草专卖局',
    '大同市自来水公司城区分公司',
    '大同市环卫服务中心',
    '大同市园林绿化中心',
    '大同市市政工程公司',
    '大同市路灯管理处',
    '大同市公路分局',
    '大同市气象局',
    '大同市地震局',
    '大同市口腔医院',
    '大同市第三人民医院',
    '大同市第五人民医院',
    '山西大同大学',
    '大同师范高等专科学校',
    '大同市职业技术学院',
    '大同市第十中学',
    '大同市实验中学',
    '大同市云冈中学',
  ];
  return [
    ...departments.map((name) => ({ name, kind: 'department' as const, functional: true })),
    ...institutions.map((name) => ({ name, kind: 'institution' as const, functional: false })),
    ...enterprises.map((name) => ({ name, kind: 'enterprise' as const, functional: false })),
  ];
}
