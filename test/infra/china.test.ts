/**
 * The China synthesis: one synth for cn-north-1 with the required context, and the
 * failure without it (which stops before synthesis).
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { App } from 'aws-cdk-lib';
import { RegionInfo } from 'aws-cdk-lib/region-info';
import { AwsSolutionsChecks } from 'cdk-nag';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../infra/build-app.ts';
import { type SynthResult, synthApp } from './synth-app.ts';

const CHINA_CONTEXT = {
  stage: 'prod',
  region: 'cn-north-1',
  account: '123456789012',
  auth: 'oidc',
  oidcIssuer: 'https://idp.example.cn/realms/redvest',
  oidcAudience: 'redvest-upload',
  dashboardDomain: 'data.example.cn',
  dashboardCertificate: 'ASCAEXAMPLECERTID',
};

let synth: SynthResult;

beforeAll(() => {
  synth = synthApp(CHINA_CONTEXT);
});

describe('China regions', () => {
  it('synthesises for the aws-cn partition without any arn:aws: literal', () => {
    expect(RegionInfo.get(synth.stack.region).partition).toBe('aws-cn');
    expect(synth.stack.region).toBe('cn-north-1');
    expect(synth.json).not.toContain('arn:aws:');
    expect(synth.json).toContain('"Ref":"AWS::Partition"');
  });

  it('uses the OIDC issuer instead of Cognito', () => {
    synth.template.resourceCountIs('AWS::Cognito::UserPool', 0);
    synth.template.hasResourceProperties('AWS::ApiGatewayV2::Authorizer', {
      AuthorizerType: 'JWT',
      JwtConfiguration: { Issuer: CHINA_CONTEXT.oidcIssuer, Audience: [CHINA_CONTEXT.oidcAudience] },
    });
  });

  it('serves the dashboards on the ICP domain with the IAM server certificate', () => {
    synth.template.hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: {
        Aliases: ['data.example.cn'],
        ViewerCertificate: { IamCertificateId: 'ASCAEXAMPLECERTID', SslSupportMethod: 'sni-only' },
      },
    });
    synth.template.resourceCountIs('AWS::CloudFront::OriginAccessControl', 0);
  });

  it('protects production data from deletion', () => {
    synth.template.hasResourceProperties('AWS::DynamoDB::Table', { DeletionProtectionEnabled: true });
    for (const bucket of Object.values(synth.template.findResources('AWS::S3::Bucket')))
      expect(bucket.DeletionPolicy).toBe('Retain');
  });

  it('uses no resource type CloudFormation lacks in the region', () => {
    const reportPath = path.join(synth.outdir, 'validation-report.json');
    const report = existsSync(reportPath) ? readFileSync(reportPath, 'utf8') : '';
    expect(report).not.toContain('does not exist in');
  });

  it('passes cdk-nag with zero unsuppressed findings', () => {
    expect(new AwsSolutionsChecks().validateScope(synth.app).violations.map((v) => v.ruleName)).toEqual([]);
  });

  it('stops with a message naming what is missing without the China context', () => {
    const app = new App({ context: { 'redvest:skipBundling': 'true', region: 'cn-north-1', auth: 'oidc' } });
    expect(() => buildApp(app, {})).toThrow(
      'Cannot synthesise Redvest for China region cn-north-1: missing CDK context oidcIssuer, oidcAudience, dashboardDomain (an ICP-recorded domain), dashboardCertificate (an IAM server certificate id). Pass them with -c key=value.',
    );
  });

  it('refuses the IP allow-list, which CloudFront in China cannot enforce', () => {
    const app = new App({ context: { 'redvest:skipBundling': 'true', ...CHINA_CONTEXT, dashboardAllowedCidrs: '10.0.0.0/8' } });
    expect(() => buildApp(app, {})).toThrow(/IP allow-list is not available in the China regions/);
  });
});
