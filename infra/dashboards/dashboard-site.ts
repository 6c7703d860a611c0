/**
 * The dashboards: the built site in its bucket behind CloudFront with origin access control,
 * an optional IP allow-list, and a custom domain (mandatory in China, with an IAM server certificate).
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { DefaultStackSynthesizer, Duration, Stack, Token } from 'aws-cdk-lib';
import { Certificate } from 'aws-cdk-lib/aws-certificatemanager';
import {
  AllowedMethods,
  CachePolicy,
  type CfnDistribution,
  Distribution,
  Function as EdgeFunction,
  type FunctionAssociation,
  FunctionCode,
  FunctionEventType,
  FunctionRuntime,
  OriginProtocolPolicy,
  OriginRequestCookieBehavior,
  OriginRequestPolicy,
  OriginRequestQueryStringBehavior,
  ResponseHeadersPolicy,
  SecurityPolicyProtocol,
  ViewerProtocolPolicy,
} from 'aws-cdk-lib/aws-cloudfront';
import { HttpOrigin, S3BucketOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import { BucketDeployment, CacheControl, Source } from 'aws-cdk-lib/aws-s3-deployment';
import { Construct } from 'constructs';
import { STATE_COOKIE } from '../../pipeline/dashboard-auth/oidc-sign-in.ts';
import { SIGN_IN_PAGE_PATH, signInPageHtml } from '../../pipeline/dashboard-auth/sign-in-pages.ts';
import { acknowledge, acknowledgeWildcards } from '../common/nag.ts';
import { REPO_ROOT } from '../functions/function-entries.ts';
import { DashboardSignIn } from './dashboard-sign-in.ts';
import type { DashboardSiteProps } from './dashboard-site-props.ts';
import { ipAllowListFunctionCode } from './ip-allow-list.ts';

/**
 * @example
 * const site = new DashboardSite(this, 'Dashboards', { site, accessLogs, allowedCidrs: ['203.0.113.0/24'] });
 * site.url;
 */
export class DashboardSite extends Construct {
  /** The distribution. */
  readonly distribution: Distribution;
  /** The site deployment, when the built site exists. */
  readonly deployment?: BucketDeployment;
  /** The IP allow-list function, when CIDRs are given. */
  readonly allowList?: EdgeFunction;
  /** Public URL of the dashboards. */
  readonly url: string;
  /** The sign-in (key group, function, API), when `signIn` is given. */
  readonly signIn?: DashboardSignIn;

  constructor(scope: Construct, id: string, props: DashboardSiteProps) {
    super(scope, id);
    const china = props.china ?? false;
    if (china && (props.domainName === undefined || props.certificate === undefined))
      throw new Error('DashboardSite: China regions need domainName (ICP-recorded) and certificate (IAM server certificate id)');
    if (props.domainName !== undefined && props.certificate === undefined)
      throw new Error('DashboardSite: domainName needs a certificate');

    const cidrs = props.allowedCidrs ?? [];
    if (china && cidrs.length > 0)
      throw new Error(
        'DashboardSite: the IP allow-list is not available in the China regions (CloudFormation has no CloudFront Function there, and CloudFront in China has no WAF or Lambda@Edge); omit dashboardAllowedCidrs.',
      );
    const functionAssociations: FunctionAssociation[] = [];
    if (cidrs.length > 0) {
      this.allowList = new EdgeFunction(this, 'IpAllowList', {
        comment: 'Redvest dashboards: IPv4 allow-list',
        runtime: FunctionRuntime.JS_2_0,
        code: FunctionCode.fromInline(ipAllowListFunctionCode(cidrs)),
      });
      functionAssociations.push({ function: this.allowList, eventType: FunctionEventType.VIEWER_REQUEST });
    }

    const siteCache = new CachePolicy(this, 'SiteCache', {
      comment: 'Redvest dashboards: static assets',
      defaultTtl: Duration.hours(1),
      maxTtl: Duration.days(1),
      minTtl: Duration.seconds(0),
      enableAcceptEncodingGzip: true,
      enableAcceptEncodingBrotli: true,
    });
    const dataCache = new CachePolicy(this, 'DataCache', {
      comment: 'Redvest dashboards: exported data',
      defaultTtl: Duration.seconds(props.dataCacheSeconds ?? 300),
      maxTtl: Duration.seconds(props.dataCacheSeconds ?? 300),
      minTtl: Duration.seconds(0),
      enableAcceptEncodingGzip: true,
      enableAcceptEncodingBrotli: true,
    });
    // AWS::CloudFront::OriginAccessControl is not offered by CloudFormation in the China regions:
    // there the origin uses an origin access identity (still no public bucket access).
    const origin = china
      ? S3BucketOrigin.withOriginAccessIdentity(props.site)
      : S3BucketOrigin.withOriginAccessControl(props.site);
    const securityHeaders = china ? undefined : ResponseHeadersPolicy.SECURITY_HEADERS;
    if (props.signIn) this.signIn = new DashboardSignIn(this, 'SignIn', props.signIn);
    const trustedKeyGroups = this.signIn ? [this.signIn.keyGroup] : undefined;
    const behaviour = (cachePolicy: CachePolicy, signed = true) => ({
      origin,
      viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
      allowedMethods: AllowedMethods.ALLOW_GET_HEAD,
      cachePolicy,
      functionAssociations,
      responseHeadersPolicy: securityHeaders,
      ...(signed && trustedKeyGroups ? { trustedKeyGroups } : {}),
    });
    const additionalBehaviors: Record<string, ReturnType<typeof behaviour> | object> = { 'data/*': behaviour(dataCache) };
    if (this.signIn) {
      // The sign-in page and the sign-in routes are reachable without cookies; nothing is cached.
      additionalBehaviors[SIGN_IN_PAGE_PATH.slice(1)] = behaviour(siteCache, false);
      additionalBehaviors['auth/*'] = {
        origin: new HttpOrigin(this.signIn.apiDomain, { protocolPolicy: OriginProtocolPolicy.HTTPS_ONLY }),
        viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        allowedMethods: AllowedMethods.ALLOW_GET_HEAD,
        cachePolicy: new CachePolicy(this, 'SignInNoCache', {
          comment: 'Redvest dashboards: sign-in routes, never cached',
          defaultTtl: Duration.seconds(0),
          maxTtl: Duration.seconds(0),
          minTtl: Duration.seconds(0),
        }),
        originRequestPolicy: new OriginRequestPolicy(this, 'SignInRequest', {
          comment: 'Redvest dashboards: the code, the state and the state cookie reach the sign-in function',
          queryStringBehavior: OriginRequestQueryStringBehavior.all(),
          cookieBehavior: OriginRequestCookieBehavior.allowList(STATE_COOKIE),
        }),
        functionAssociations,
        responseHeadersPolicy: securityHeaders,
      };
    }

    this.distribution = new Distribution(this, 'Distribution', {
      comment: 'Redvest dashboards',
      defaultRootObject: 'index.html',
      defaultBehavior: behaviour(siteCache),
      additionalBehaviors: additionalBehaviors as Record<string, ReturnType<typeof behaviour>>,
      ...(this.signIn
        ? {
            // No signed cookie: CloudFront answers 403, shown as the sign-in page (never cached).
            errorResponses: [
              { httpStatus: 403, responseHttpStatus: 403, responsePagePath: SIGN_IN_PAGE_PATH, ttl: Duration.seconds(0) },
            ],
          }
        : {}),
      enableLogging: true,
      logBucket: props.accessLogs,
      logFilePrefix: 'cloudfront/',
      enableIpv6: !china,
      ...(props.domainName !== undefined && !china
        ? {
            domainNames: [props.domainName],
            certificate: Certificate.fromCertificateArn(this, 'Certificate', props.certificate!),
            minimumProtocolVersion: SecurityPolicyProtocol.TLS_V1_2_2021,
          }
        : {}),
    });
    const cfn = this.distribution.node.defaultChild as CfnDistribution;
    if (china) {
      cfn.addPropertyOverride('DistributionConfig.Aliases', [props.domainName]);
      cfn.addPropertyOverride('DistributionConfig.ViewerCertificate', {
        IamCertificateId: props.certificate,
        SslSupportMethod: 'sni-only',
        MinimumProtocolVersion: 'TLSv1.2_2021',
      });
    }
    if (china) {
      acknowledge(
        this.distribution,
        'AwsSolutions-CFR4',
        'TLSv1.2_2021 with SNI is set on the IAM server certificate through ViewerCertificate (China has no ACM for CloudFront).',
      );
      acknowledge(
        this.distribution,
        'AwsSolutions-CFR7',
        'CloudFormation offers no origin access control resource in the China regions; an origin access identity restricts the bucket instead.',
      );
    }
    if (props.domainName === undefined)
      acknowledge(
        this.distribution,
        'AwsSolutions-CFR4',
        'Without a custom domain the default CloudFront certificate is used, whose TLS policy cannot be set; pass dashboardDomain and dashboardCertificate to enforce TLS 1.2.',
      );
    acknowledge(
      this.distribution,
      'AwsSolutions-CFR1',
      'Viewers are federation staff in Shenzhen; access is limited by the sign-in and IP allow-list options, not by country.',
    );
    acknowledge(
      this.distribution,
      'AwsSolutions-CFR2',
      'WAF for CloudFront is not available in the China partition; in the global regions the IP allow-list option is a CloudFront Function.',
    );
    this.url = `https://${props.domainName ?? this.distribution.distributionDomainName}`;
    if (this.signIn) {
      this.signIn.bindSite(this.url);
      const page = new BucketDeployment(this, 'SignInPage', {
        sources: [Source.data(SIGN_IN_PAGE_PATH.slice(1), signInPageHtml())],
        destinationBucket: props.site,
        prune: false,
        contentType: 'text/html; charset=utf-8',
        cacheControl: [CacheControl.noCache()],
        memoryLimit: 512,
      });
      acknowledgeDeploymentGrants(page, props.site);
    }

    const siteDir = props.siteDir ?? path.join(REPO_ROOT, 'dashboards', 'site', 'dist');
    if (existsSync(siteDir)) {
      this.deployment = new BucketDeployment(this, 'Deployment', {
        sources: [Source.asset(siteDir, { exclude: ['data/*'] })],
        destinationBucket: props.site,
        prune: false,
        exclude: ['data/*'],
        distribution: this.distribution,
        distributionPaths: ['/index.html', '/assets/*'],
        memoryLimit: 512,
      });
      acknowledgeDeploymentGrants(this.deployment, props.site);
    }
  }
}

/** Wildcards aws-cdk-lib grants the site deployment: read the CDK asset bucket, write the site bucket. */
function acknowledgeDeploymentGrants(deployment: BucketDeployment, site: IBucket): void {
  const reason =
    'The CDK BucketDeployment copies the built site from the CDK asset bucket into the site bucket; aws-cdk-lib computes these grants.';
  const role = deployment.handlerRole;
  for (const action of ['s3:GetObject*', 's3:GetBucket*', 's3:List*', 's3:DeleteObject*', 's3:Abort*'])
    acknowledge(role, `AwsSolutions-IAM5[Action::${action}]`, reason);
  acknowledgeWildcards(role, new PolicyStatement({ actions: ['s3:PutObject'], resources: [site.arnForObjects('*')] }), reason);
  const synthesizer = Stack.of(deployment).synthesizer;
  if (synthesizer instanceof DefaultStackSynthesizer) {
    const qualifier = synthesizer.bootstrapQualifier ?? DefaultStackSynthesizer.DEFAULT_QUALIFIER;
    const stack = Stack.of(deployment);
    const known = (value: string, placeholder: string) => (Token.isUnresolved(value) ? placeholder : value);
    // biome-ignore lint/suspicious/noTemplateCurlyInString: CloudFormation Fn::Sub placeholder, not a JS template
    const assetBucket = DefaultStackSynthesizer.DEFAULT_FILE_ASSETS_BUCKET_NAME.replace('${Qualifier}', qualifier)
      // biome-ignore lint/suspicious/noTemplateCurlyInString: CloudFormation pseudo parameters
      .replace('${AWS::AccountId}', known(stack.account, '${AWS::AccountId}'))
      // biome-ignore lint/suspicious/noTemplateCurlyInString: CloudFormation pseudo parameters
      .replace('${AWS::Region}', known(stack.region, '${AWS::Region}'))
      .replace(/\$\{/g, '<')
      .replace(/\}/g, '>');
    acknowledge(role, `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:s3:::${assetBucket}/*]`, reason);
  }
}
