/**
 * What the sample federation does: its projects (named after the ones in the federation's own
 * description), the funders who buy services, and the shares of each district. Everything here
 * is fictitious sample data grounded in `seed/shenzhen-volunteers-federation.txt`.
 */

/** A funder who buys volunteer services under contracts. */
export interface FunderTemplate {
  /** ASCII key used in contract ids, e.g. `MZJ`. */
  key: string;
  /** Chinese name as written on contracts. */
  zh: string;
  type: 'government' | 'enterprise';
  /**
   * Contract periods: `year` = one contract per calendar year, `fiscal` = April to March,
   * `event` = one per event edition (the month around the event).
   */
  period: 'year' | 'fiscal' | 'event';
  /** Contracted cost per volunteer hour, CNY (budget = target hours × rate). */
  ratePerHour: number;
}

/** A yearly event served by volunteers (高交会, 文博会, 国际义工日). */
export interface EventSeason {
  /** Month 1–12. */
  month: number;
  /** First day of the event in that month. */
  day: number;
  /** Length in days. */
  days: number;
  /** Edition number of the event held in year 2000 (edition of year Y = base + Y − 2000). */
  editionIn2000: number;
}

/** A project template: one project, or one per year for events. */
export interface ProjectTemplate {
  /** Project code, or the code stem of a yearly event (year appended). */
  code: string;
  zh: string;
  en: string;
  /** Service category code (see SERVICE_CATEGORIES). */
  category: string;
  /** Beneficiary group code (see BENEFICIARY_GROUPS). */
  group: string;
  /** Districts where it runs, or `all`. */
  districts: readonly string[] | 'all';
  /** Funder key when bought by a funder; absent when self-funded. */
  funder?: string;
  /** Relative share of records on an ordinary day. */
  weight: number;
  /** Hours of one service: [min, max] in half hours. */
  halfHours: readonly [number, number];
  /** Beneficiaries of one service: [min, max]. */
  beneficiaries: readonly [number, number];
  /** Set for yearly events: records only fall on event days. */
  season?: EventSeason;
}

export const FUNDERS: readonly FunderTemplate[] = [
  { key: 'MZJ', zh: '深圳市民政局', type: 'government', period: 'year', ratePerHour: 45 },
  { key: 'JJ', zh: '深圳市公安局交通警察局', type: 'government', period: 'year', ratePerHour: 38 },
  { key: 'GA', zh: '深圳市公安局', type: 'government', period: 'year', ratePerHour: 38 },
  { key: 'CG', zh: '深圳市城市管理和综合执法局', type: 'government', period: 'year', ratePerHour: 35 },
  { key: 'KCW', zh: '深圳市科技创新局', type: 'government', period: 'event', ratePerHour: 60 },
  { key: 'WGL', zh: '深圳市文化广电旅游体育局', type: 'government', period: 'event', ratePerHour: 60 },
  { key: 'LY', zh: '深圳市绿源环保科技有限公司', type: 'enterprise', period: 'fiscal', ratePerHour: 30 },
  { key: 'QQ', zh: '深圳市清泉饮品有限公司', type: 'enterprise', period: 'fiscal', ratePerHour: 30 },
];

export const PROJECTS: readonly ProjectTemplate[] = [
  {
    code: 'SZ-SBZA',
    zh: '松柏之爱',
    en: 'Love of the Pines (care for elderly people living alone)',
    category: 'elderly_care',
    group: 'elderly',
    districts: 'all',
    funder: 'MZJ',
    weight: 10,
    halfHours: [2, 6],
    beneficiaries: [1, 12],
  },
  {
    code: 'SZ-YNTX',
    zh: '与你同行',
    en: 'Walking With You (people with disabilities)',
    category: 'disability_support',
    group: 'disabled',
    districts: 'all',
    funder: 'MZJ',
    weight: 6,
    halfHours: [2, 6],
    beneficiaries: [1, 10],
  },
  {
    code: 'SZ-YQCZ',
    zh: '一起成长',
    en: 'Growing Together (orphans)',
    category: 'child_care',
    group: 'children',
    districts: 'all',
    funder: 'MZJ',
    weight: 5,
    halfHours: [2, 6],
    beneficiaries: [1, 15],
  },
  {
    code: 'SZ-JTYG',
    zh: '交通义工',
    en: 'Traffic volunteers',
    category: 'traffic',
    group: 'general_public',
    districts: 'all',
    funder: 'JJ',
    weight: 12,
    halfHours: [2, 8],
    beneficiaries: [20, 400],
  },
  {
    code: 'SZ-ZAYG',
    zh: '治安义工',
    en: 'Public security volunteers',
    category: 'public_security',
    group: 'general_public',
    districts: 'all',
    funder: 'GA',
    weight: 8,
    halfHours: [2, 8],
    beneficiaries: [10, 200],
  },
  {
    code: 'SZ-CGYG',
    zh: '城管义工',
    en: 'City management volunteers',
    category: 'city_management',
    group: 'general_public',
    districts: 'all',
    funder: 'CG',
    weight: 8,
    halfHours: [2, 8],
    beneficiaries: [10, 200],
  },
  {
    code: 'SZ-GJH',
    zh: '高交会义工服务',
    en: 'China Hi-Tech Fair volunteer service',
    category: 'large_events',
    group: 'event_visitors',
    districts: ['futian', 'baoan', 'nanshan'],
    funder: 'KCW',
    weight: 400,
    halfHours: [8, 16],
    beneficiaries: [50, 800],
    season: { month: 11, day: 14, days: 5, editionIn2000: 2 },
  },
  {
    code: 'SZ-WBH',
    zh: '文博会义工服务',
    en: 'China (Shenzhen) International Cultural Industries Fair volunteer service',
    category: 'large_events',
    group: 'event_visitors',
    districts: ['futian', 'baoan', 'longgang'],
    funder: 'WGL',
    weight: 400,
    halfHours: [8, 16],
    beneficiaries: [50, 800],
    season: { month: 5, day: 23, days: 5, editionIn2000: -4 },
  },
  {
    code: 'SZ-GJYGR',
    zh: '国际义工日服务',
    en: 'International Volunteer Day',
    category: 'civic_promotion',
    group: 'general_public',
    districts: 'all',
    weight: 60,
    halfHours: [4, 8],
    beneficiaries: [20, 300],
    season: { month: 12, day: 5, days: 1, editionIn2000: 15 },
  },
  {
    code: 'SZ-RXDH',
    zh: '“关心，从聆听开始”服务热线',
    en: '"Caring starts with listening" hotline',
    category: 'hotline_counselling',
    group: 'youth',
    districts: ['luohu', 'futian'],
    weight: 3,
    halfHours: [4, 8],
    beneficiaries: [3, 30],
  },
  {
    code: 'SZ-CFXD',
    zh: '春风行动',
    en: 'Spring Breeze Action',
    category: 'legal_aid',
    group: 'women',
    districts: ['futian', 'luohu', 'nanshan'],
    weight: 1,
    halfHours: [2, 6],
    beneficiaries: [1, 5],
  },
  {
    code: 'SZ-QCHSD',
    zh: '青春红丝带',
    en: 'Youth Red Ribbon',
    category: 'medical_health',
    group: 'migrant_workers',
    districts: 'all',
    weight: 2,
    halfHours: [2, 6],
    beneficiaries: [10, 120],
  },
  {
    code: 'SZ-JKZTC',
    zh: '健康直通车',
    en: 'Health Express',
    category: 'medical_health',
    group: 'patients',
    districts: ['longgang', 'pingshan', 'shenshan', 'dapeng'],
    weight: 3,
    halfHours: [4, 12],
    beneficiaries: [10, 150],
  },
  {
    code: 'SZ-LHSQJ',
    zh: '莲花山公园清洁',
    en: 'Lianhuashan Park clean-up',
    category: 'environmental_protection',
    group: 'general_public',
    districts: ['futian'],
    funder: 'LY',
    weight: 4,
    halfHours: [4, 8],
    beneficiaries: [0, 50],
  },
  {
    code: 'SZ-MFYS',
    zh: '免费饮水服务',
    en: 'Free drinking water for citizens',
    category: 'community_service',
    group: 'general_public',
    districts: ['longgang'],
    funder: 'QQ',
    weight: 4,
    halfHours: [4, 8],
    beneficiaries: [30, 500],
  },
  {
    code: 'SZ-KAYG',
    zh: '口岸义工',
    en: 'Border port volunteers',
    category: 'community_service',
    group: 'travellers',
    districts: ['luohu', 'futian', 'nanshan', 'yantian'],
    weight: 3,
    halfHours: [4, 8],
    beneficiaries: [30, 600],
  },
  {
    code: 'SZ-JCYG',
    zh: '机场义工',
    en: 'Airport volunteers',
    category: 'community_service',
    group: 'travellers',
    districts: ['baoan'],
    weight: 4,
    halfHours: [4, 8],
    beneficiaries: [30, 600],
  },
  {
    code: 'SZ-SQFW',
    zh: '社区义工服务站',
    en: 'Community volunteer station',
    category: 'community_service',
    group: 'general_public',
    districts: 'all',
    weight: 14,
    halfHours: [2, 6],
    beneficiaries: [0, 60],
  },
  {
    code: 'SZ-GYHZ',
    zh: '工友互助',
    en: 'Co-worker mutual aid (industrial parks)',
    category: 'migrant_workers',
    group: 'migrant_workers',
    districts: ['baoan', 'longhua', 'guangming'],
    weight: 4,
    halfHours: [2, 6],
    beneficiaries: [2, 40],
  },
  {
    code: 'SZ-WMCJ',
    zh: '文明城市创建宣传',
    en: 'Civilised city campaign',
    category: 'civic_promotion',
    group: 'general_public',
    districts: 'all',
    weight: 4,
    halfHours: [2, 6],
    beneficiaries: [20, 300],
  },
  {
    code: 'SZ-XYGPX',
    zh: '新义工培训',
    en: 'New volunteer training',
    category: 'volunteer_training',
    group: 'youth',
    districts: 'all',
    weight: 2,
    halfHours: [4, 6],
    beneficiaries: [0, 0],
  },
  {
    code: 'SZ-FPZJ',
    zh: '扶贫支教',
    en: 'Poverty-relief teaching',
    category: 'education_support',
    group: 'children',
    districts: ['shenshan', 'dapeng', 'pingshan'],
    weight: 3,
    halfHours: [4, 12],
    beneficiaries: [5, 60],
  },
  {
    code: 'SZ-HAHB',
    zh: '海岸线环保',
    en: 'Coastline clean-up',
    category: 'environmental_protection',
    group: 'general_public',
    districts: ['dapeng', 'yantian'],
    weight: 4,
    halfHours: [4, 8],
    beneficiaries: [0, 80],
  },
];

/** Share of service records per district (a rough stand-in for population and volunteer activity). */
export const DISTRICT_WEIGHTS: Readonly<Record<string, number>> = {
  luohu: 9,
  futian: 11,
  nanshan: 11,
  baoan: 16,
  longgang: 15,
  yantian: 4,
  longhua: 11,
  pingshan: 5,
  guangming: 6,
  dapeng: 3,
  shenshan: 3,
};

/** Local project codes some districts use that are not in the federation's project list. */
export const LOCAL_PROJECT_CODES: readonly string[] = ['LOCAL-01', 'LOCAL-02', 'JD-ACT-2'];

export const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蔡蒋余杜叶程魏苏吕丁'.split(
  '',
);
export const GIVEN_NAME_CHARS =
  '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍建红文辉鹏飞晓宇婷欣怡浩然子涵佳琪思睿博雅嘉俊梓轩'.split('');

/** Suffixes used to derive plausible community (社区) names from a street name. */
export const COMMUNITY_SUFFIXES: readonly string[] = ['', '东', '西', '南', '北', '新村', '花园', '中心'];
