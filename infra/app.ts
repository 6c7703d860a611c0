/**
 * CDK app entry (`cdk.json`: `npx tsx infra/app.ts`). Reads the context, builds the stack and
 * runs the cdk-nag AwsSolutions checks over the whole app.
 *
 *   npx cdk synth -c stage=prod -c region=cn-north-1 -c auth=oidc -c oidcIssuer=https://idp.example.cn \
 *     -c oidcAudience=redvest -c dashboardDomain=data.example.cn -c dashboardCertificate=ASCA...
 */
import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { buildApp } from './build-app.ts';

const app = new App();
buildApp(app);
Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
app.synth();
