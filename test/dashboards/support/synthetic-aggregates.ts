/**
 * Test fixtures: a generated, deterministic aggregate dataset shaped like the aggregation
 * step's output (every district and street, month/quarter/year rows, projects, contracts, stars,
 * data quality), small enough to load in a second and large enough for the size checks.
 */
import { DISTRICTS } from '../../../schemas/reference/districts.ts';
import { STREETS } from '../../../schemas/reference/streets.ts';
import type { AggregateRows } from './aggregate-tables.ts';

/** A small seeded PRNG (mulberry32), so every run sees the same data. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * `count` consecutive months ending with `last` (`YYYY-MM`).
 *
 * @example
 * monthsEnding('2026-02', 3); // ['2025-12', '2026-01', '2026-02']
 */
export function monthsEnding(last: string, count: number): string[] {
  const end = Number(last.slice(0, 4)) * 12 + Number(last.slice(5)) - 1;
  return Array.from({ length: count }, (_, i) => {
    const n = end - count + 1 + i;
    return `${Math.floor(n / 12)}-${String((n % 12) + 1).padStart(2, '0')}`;
  });
}

const PROJECTS = [
  ['SZ-P001', '松柏之爱', 'Love for the Elderly', 'elderly_care'],
  ['SZ-P002', '与你同行', 'Walking with You', 'disability_support'],
  ['SZ-P003', '一起成长', 'Growing Together', 'child_care'],
  ['SZ-P004', '交通文明劝导', 'Traffic civility', 'traffic'],
  ['SZ-P005', '平安社区', 'Safe communities', 'public_security'],
  ['SZ-P006', '高交会服务', 'Hi-Tech Fair service', 'large_events'],
  ['SZ-P007', '健康直通车', 'Health Express', 'medical_health'],
  ['SZ-P008', '春风行动', 'Spring Breeze', 'legal_aid'],
] as const;
const GROUPS = ['elderly', 'disabled', 'children', 'general_public'] as const;
const CONTRACTS = [
  ['GP-2025-TRAFFIC', '深圳市公安局交通警察局', 'government', 'traffic'],
  ['GP-2025-CIVIC', '深圳市城市管理和综合执法局', 'government', 'city'],
  ['EP-2026-HEALTH', '腾讯公益慈善基金会', 'enterprise', 'health'],
] as const;
const ERROR_CODES = ['E_DATE_INVALID', 'E_HOURS_RANGE', 'E_STREET_UNKNOWN', 'E_ID_CHECKSUM', 'E_DUPLICATE_ROW'];

function quarterOf(month: string): string {
  return `${month.slice(0, 4)}-Q${Math.ceil(Number(month.slice(5)) / 3)}`;
}

/**
 * Generates the aggregate tables for the given months (every quarter and year they touch is
 * included). Street-level active counts include values of 1–4 so suppression shows.
 *
 * @example
 * const rows = syntheticAggregates(monthsEnding('2026-11', 24));
 * rows.agg_participation.length; // 34 periods × (1 + 11 + 83) rows
 */
export function syntheticAggregates(months: string[], seed = 20261101): AggregateRows {
  const next = random(seed);
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  const periods = [
    ...months.map((p) => ['month', p, 1] as const),
    ...[...new Set(months.map(quarterOf))].map((p) => ['quarter', p, 3] as const),
    ...[...new Set(months.map((m) => m.slice(0, 4)))].map((p) => ['year', p, 12] as const),
  ];

  const participation: Record<string, unknown>[] = [];
  const outcomes: Record<string, unknown>[] = [];
  const delivery: Record<string, unknown>[] = [];
  const stars: Record<string, unknown>[] = [];
  for (const [periodType, period, span] of periods) {
    const row = (district: string, street: string, active: number, hours: number) => {
      const fresh = Math.min(active, Math.floor(active * 0.15));
      participation.push({
        period_type: periodType,
        period,
        district,
        street_code: street,
        active_volunteers: active,
        new_volunteers: fresh,
        returning_volunteers: active - fresh,
        registered_volunteers: active * 3 + 2,
        service_records: active * 2 * span,
        service_hours: hours.toFixed(2),
        beneficiaries: active * 4 * span,
      });
    };
    let cityActive = 0;
    let cityHours = 0;
    for (const district of DISTRICTS) {
      let districtActive = 0;
      let districtHours = 0;
      for (const street of STREETS.filter((s) => s.district === district.slug)) {
        // Every fifth street is small, so the <5 rule has something to do.
        const active = int(0, 4) === 0 ? int(1, 4) : int(20, 400) * Math.min(span, 4);
        const hours = active * (2 + next() * 3) * Math.min(span, 3);
        row(district.slug, street.code, active, hours);
        districtActive += active;
        districtHours += hours;
      }
      districtActive = Math.round(districtActive * 0.95);
      row(district.slug, 'all', districtActive, districtHours);
      cityActive += districtActive;
      cityHours += districtHours;
    }
    row('all', 'all', Math.round(cityActive * 0.97), cityHours);

    for (const [code, , , category] of PROJECTS) {
      const byGroup = GROUPS.map(() => ({ hours: int(50, 2000) * span, beneficiaries: int(10, 900) * span }));
      const base = { period_type: periodType, period, project_code: code, category, district: 'all' };
      outcomes.push({
        ...base,
        beneficiary_group: 'all',
        service_records: int(100, 900) * span,
        service_hours: byGroup.reduce((sum, g) => sum + g.hours, 0).toFixed(2),
        active_volunteers: int(30, 600) * Math.min(span, 4),
        beneficiaries: byGroup.reduce((sum, g) => sum + g.beneficiaries, 0),
      });
      GROUPS.forEach((group, i) => {
        outcomes.push({
          ...base,
          beneficiary_group: group,
          service_records: int(20, 200) * span,
          service_hours: byGroup[i]!.hours.toFixed(2),
          active_volunteers: int(10, 200),
          beneficiaries: byGroup[i]!.beneficiaries,
        });
      });
    }

    for (const [contractId, funder, funderType] of CONTRACTS) {
      const target = 1500 * span;
      const hours = Math.round(target * (0.6 + next() * 0.6));
      const budget = 45000 * span;
      delivery.push({
        period_type: periodType,
        period,
        contract_id: contractId,
        funder,
        funder_type: funderType,
        service_records: hours / 2,
        service_hours: hours.toFixed(2),
        active_volunteers: int(80, 400),
        beneficiaries: hours * 3,
        target_hours: target.toFixed(2),
        target_beneficiaries: (target * 3).toFixed(2),
        budget_cny: budget.toFixed(2),
        target_volunteers: 500,
        contract_volunteers_to_date: int(200, 600),
        hours_attainment: hours / target,
        cost_per_hour: (budget / hours).toFixed(2),
        volunteer_time_value_cny: (hours * 22.2).toFixed(2),
      });
    }

    const starCounts = [int(20000, 30000), int(3000, 5000), int(1000, 2000), int(300, 800), int(100, 300), int(20, 80)];
    starCounts.forEach((volunteers, star) => {
      stars.push({ period_type: periodType, period, district: 'all', contract_id: 'all', star, volunteers });
      stars.push({ period_type: periodType, period, district: 'futian', contract_id: 'all', star, volunteers: int(1, 4) });
    });
  }
  for (const [contractId, funder, funderType] of CONTRACTS) {
    delivery.push({
      period_type: 'contract',
      period: contractId,
      contract_id: contractId,
      funder,
      funder_type: funderType,
      service_records: 9000,
      service_hours: '18000.00',
      active_volunteers: 620,
      beneficiaries: 54000,
      target_hours: '20000.00',
      target_beneficiaries: '60000.00',
      budget_cny: '600000.00',
      target_volunteers: 500,
      contract_volunteers_to_date: 620,
      hours_attainment: 0.9,
      cost_per_hour: '33.33',
      volunteer_time_value_cny: '399600.00',
    });
  }

  const quality: Record<string, unknown>[] = [];
  for (const month of months) {
    for (const district of DISTRICTS) {
      const batches = int(0, 3);
      let received = 0;
      let rejected = 0;
      for (let b = 0; b < batches; b++) {
        const rows = int(200, 3000);
        const bad = int(0, Math.floor(rows * 0.08));
        received += rows;
        rejected += bad;
        quality.push({
          grain: 'batch',
          batch_id: `${district.slug}-${month}-${b + 1}`,
          district: district.slug,
          period: month,
          error_code: 'all',
          received: rows,
          accepted: rows - bad,
          rejected: bad,
          duplicates: int(0, 20),
          corrections: int(0, 30),
          unknown_projects: int(0, 5),
          unlinked_volunteer_records: int(0, 40),
          median_days_to_ingest: int(2, 25),
        });
      }
      quality.push({
        grain: 'district_month',
        batch_id: 'all',
        district: district.slug,
        period: month,
        error_code: 'all',
        received,
        accepted: received - rejected,
        rejected,
        duplicates: int(0, 40),
        corrections: int(0, 60),
        unknown_projects: int(0, 10),
        unlinked_volunteer_records: int(0, 80),
        median_days_to_ingest: batches === 0 ? null : int(2, 25),
      });
      let left = rejected;
      for (const code of ERROR_CODES) {
        const n = code === ERROR_CODES.at(-1) ? left : int(0, left);
        left -= n;
        if (n > 0) {
          quality.push({
            grain: 'district_month',
            batch_id: 'all',
            district: district.slug,
            period: month,
            error_code: code,
            received: 0,
            accepted: 0,
            rejected: n,
            duplicates: 0,
            corrections: 0,
            unknown_projects: 0,
            unlinked_volunteer_records: 0,
            median_days_to_ingest: null,
          });
        }
      }
    }
  }

  return {
    agg_participation: participation,
    agg_project_outcomes: outcomes,
    agg_purchase_delivery: delivery,
    agg_star_levels: stars,
    agg_data_quality: quality,
    projects: PROJECTS.map(([project_code, name_zh, name_en, category]) => ({
      project_code,
      name_zh,
      name_en,
      category,
      district: 'city',
    })),
  };
}
