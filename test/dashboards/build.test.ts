import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FsBlobStore } from '../../adapters/blob/fs-blob-store.ts';
import { fileUrl } from '../../adapters/config.ts';
import { buildDashboardSite } from '../../dashboards/build.ts';

describe('buildDashboardSite', () => {
  const dirs: string[] = [];
  afterAll(async () => {
    for (const dir of dirs) await rm(dir, { recursive: true, force: true });
  });

  it('writes index.html pointing at content-hashed JS and CSS bundles with ECharts inside, no CDN', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'rv-site-'));
    dirs.push(dir);
    const site = new FsBlobStore(fileUrl(dir));
    const summary = await buildDashboardSite(site);
    expect(summary.keys.at(-1)).toBe('index.html');
    const html = Buffer.from(await site.get('index.html')).toString('utf8');
    const js = /src="(assets\/app-[A-Z0-9]+\.js)"/.exec(html)?.[1];
    const css = /href="(assets\/app-[A-Z0-9]+\.css)"/.exec(html)?.[1];
    expect(js).toBeDefined();
    expect(css).toBeDefined();
    expect(html).toContain('lang="zh-CN"');
    expect(html).not.toMatch(/https?:\/\//);
    const bundle = Buffer.from(await site.get(js!)).toString('utf8');
    expect(bundle).toContain('echarts');
    expect(bundle).not.toMatch(/https?:\/\/(cdn|unpkg|cdnjs|jsdelivr)/);
    expect(await site.exists(css!)).toBe(true);
    expect(summary.keys.sort()).toEqual([css!, js!, 'index.html'].sort());
  });
});
