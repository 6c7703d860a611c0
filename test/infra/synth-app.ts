/**
 * Test helper: synthesises the Redvest app once, without esbuild bundling
 * (`redvest:skipBundling`), into a temporary cloud assembly.
 */
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { buildApp } from '../../infra/build-app.ts';
import type { RedvestStack } from '../../infra/redvest-stack.ts';

/** A synthesised app, its stack and template. */
export interface SynthResult {
  app: App;
  stack: RedvestStack;
  template: Template;
  /** The template as raw JSON text. */
  json: string;
  outdir: string;
}

/**
 * Synthesises the app for a context (bundling skipped).
 *
 * @example
 * const { template } = synthApp({ stage: 'dev' });
 */
export function synthApp(context: Record<string, string>): SynthResult {
  const outdir = mkdtempSync(path.join(os.tmpdir(), 'redvest-cdk-'));
  const app = new App({ outdir, context: { 'redvest:skipBundling': 'true', ...context } });
  const stack = buildApp(app, {});
  const assembly = app.synth();
  const raw = assembly.getStackByName(stack.stackName).template as object;
  return { app, stack, template: Template.fromJSON(raw as Record<string, unknown>), json: JSON.stringify(raw), outdir };
}
