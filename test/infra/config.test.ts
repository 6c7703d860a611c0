import vm from 'node:vm';
import { describe, expect, it } from 'vitest';
import { lakeTableSpecs } from '../../infra/analytics/lake-table-specs.ts';
import { projectionParameters } from '../../infra/analytics/partition-projection.ts';
import { isChinaRegion, supportsXRay } from '../../infra/common/partition.ts';
import { resolveStageConfig } from '../../infra/config/stage-config.ts';
import { ipAllowListFunctionCode, parseCidr } from '../../infra/dashboards/ip-allow-list.ts';
import { glueColumns } from '../../schemas/contract.ts';
import { AGGREGATE_TABLES, CURATED_TABLES } from '../../schemas/tables.ts';

const reader = (context: Record<string, unknown>) => (key: string) => context[key];

describe('resolveStageConfig', () => {
  it('defaults to dev with Cognito in an environment-agnostic synth', () => {
    const config = resolveStageConfig(reader({}));
    expect(config).toMatchObject({ stage: 'dev', auth: 'cognito', region: undefined, skipBundling: false });
    expect(config.dashboardAllowedCidrs).toEqual([]);
  });

  it('names every missing China key', () => {
    expect(() => resolveStageConfig(reader({ region: 'cn-north-1' }))).toThrow(
      /China region cn-north-1: missing CDK context auth=oidc .*oidcIssuer, oidcAudience, dashboardDomain .*dashboardCertificate/,
    );
    expect(() =>
      resolveStageConfig(
        reader({ region: 'cn-northwest-1', auth: 'oidc', oidcIssuer: 'https://idp.example.cn', oidcAudience: 'a' }),
      ),
    ).toThrow(/missing CDK context dashboardDomain \(an ICP-recorded domain\), dashboardCertificate/);
  });

  it('rejects Cognito in China even when everything else is given', () => {
    const context = {
      region: 'cn-north-1',
      auth: 'cognito',
      oidcIssuer: 'https://idp.example.cn',
      oidcAudience: 'redvest',
      dashboardDomain: 'data.example.cn',
      dashboardCertificate: 'ASCA1',
    };
    expect(() => resolveStageConfig(reader(context))).toThrow(/auth=oidc \(Cognito user pools are not available/);
    expect(resolveStageConfig(reader({ ...context, auth: 'oidc' }))).toMatchObject({ auth: 'oidc', oidcAudience: ['redvest'] });
  });

  it('requires issuer and audience for oidc, and validates stage and auth', () => {
    expect(() => resolveStageConfig(reader({ auth: 'oidc' }))).toThrow(/auth=oidc: missing CDK context oidcIssuer, oidcAudience/);
    expect(() => resolveStageConfig(reader({ stage: 'qa' }))).toThrow(/stage/);
    expect(() => resolveStageConfig(reader({ auth: 'saml' }))).toThrow(/auth/);
  });

  it('splits comma-separated lists and reads the test-only bundling switch', () => {
    const config = resolveStageConfig(
      reader({ dashboardAllowedCidrs: '10.0.0.0/8, 192.0.2.0/24', 'redvest:skipBundling': 'true' }),
    );
    expect(config.dashboardAllowedCidrs).toEqual(['10.0.0.0/8', '192.0.2.0/24']);
    expect(config.skipBundling).toBe(true);
  });
});

describe('partition facts', () => {
  it('knows the China regions and where X-Ray exists', () => {
    expect(isChinaRegion('cn-north-1')).toBe(true);
    expect(isChinaRegion('ap-east-1')).toBe(false);
    expect(supportsXRay('cn-northwest-1')).toBe(true);
    expect(supportsXRay('us-isob-east-1')).toBe(false);
  });
});

describe('partition projection', () => {
  const settings = { districts: ['futian', 'city'], firstYear: 2018 };
  it('projects year, month and district with a storage template', () => {
    const keys = ['year', 'month', 'district'].map((name) => ({ name, type: 'string' }));
    const parameters = projectionParameters('s3://lake/curated/t/', keys, settings);
    expect(parameters).toMatchObject({
      'projection.enabled': 'true',
      'projection.year.type': 'date',
      'projection.year.range': '2018,NOW',
      'projection.month.type': 'integer',
      'projection.month.range': '1,12',
      'projection.month.digits': '2',
      'projection.district.type': 'enum',
      'projection.district.values': 'futian,city',
      // biome-ignore lint/suspicious/noTemplateCurlyInString: Athena's projection template syntax
      'storage.location.template': 's3://lake/curated/t/year=${year}/month=${month}/district=${district}/',
    });
  });
  it('leaves unpartitioned tables alone and refuses unknown keys', () => {
    expect(projectionParameters('s3://l/a/', [], settings)).toEqual({});
    expect(() => projectionParameters('s3://l/a/', [{ name: 'street', type: 'string' }], settings)).toThrow(/street/);
  });
});

describe('lake table specs from schemas/', () => {
  const specs = lakeTableSpecs({ curated: CURATED_TABLES, aggregates: AGGREGATE_TABLES });
  it('has one spec per lake table, in its lake area', () => {
    expect(specs.map((spec) => spec.name).sort()).toEqual(
      [...Object.keys(CURATED_TABLES), ...Object.keys(AGGREGATE_TABLES)].sort(),
    );
    for (const name of Object.keys(AGGREGATE_TABLES))
      expect(specs.find((spec) => spec.name === name)?.prefix).toBe(`aggregates/${name}/`);
    for (const name of Object.keys(CURATED_TABLES))
      expect(specs.find((spec) => spec.name === name)?.prefix).toBe(`curated/${name}/`);
  });
  it('takes its columns from the contract', () => {
    for (const table of Object.values(CURATED_TABLES)) {
      const spec = specs.find((candidate) => candidate.name === table.name)!;
      expect(spec.columns.map((column) => column.name)).toEqual(glueColumns(table).map((column) => column.name));
      expect(spec.partitionKeys.map((column) => column.name)).toEqual(table.partitionKeys.map((column) => column.name));
    }
  });
});

describe('IP allow-list CloudFront Function', () => {
  const run = (cidrs: string[], ip: string) => {
    const sandbox: { handler?: (event: unknown) => unknown } = {};
    vm.runInNewContext(`${ipAllowListFunctionCode(cidrs)}\nthis.handler = handler;`, sandbox);
    const request = { uri: '/index.html' };
    return sandbox.handler!({ viewer: { ip }, request }) === request ? 'allowed' : 'denied';
  };
  it('parses CIDRs', () => {
    expect(parseCidr('10.1.2.3/16')).toEqual({ base: (10 * 2 ** 24 + 1 * 2 ** 16) >>> 0, mask: 0xffff0000 });
    expect(() => parseCidr('2001:db8::/32')).toThrow(/IPv4/);
    expect(() => parseCidr('10.0.0.0/33')).toThrow(/CIDR/);
  });
  it('lets listed networks through and answers 403 otherwise', () => {
    const cidrs = ['203.0.113.0/24', '198.51.100.7/32'];
    expect(run(cidrs, '203.0.113.200')).toBe('allowed');
    expect(run(cidrs, '198.51.100.7')).toBe('allowed');
    expect(run(cidrs, '198.51.100.8')).toBe('denied');
    expect(run(cidrs, '203.0.114.1')).toBe('denied');
    expect(run(cidrs, '2001:db8::1')).toBe('denied');
    expect(run(['0.0.0.0/0'], '8.8.8.8')).toBe('allowed');
  });
});
