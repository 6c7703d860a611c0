import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { currentBundle, inputsDigest, rememberBundle } from '../../../functions/commons/bundle-manifest.ts';

let dir: string;
let inputs: string[];
let folder: string;
let manifestFile: string;
let source: string;

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bundle-manifest-'));
  inputs = ['a.ts', 'b.ts'].map((name) => path.join(dir, name));
  fs.writeFileSync(inputs[0]!, 'export const a = 1;');
  fs.writeFileSync(inputs[1]!, 'export const b = 2;');
  folder = path.join(dir, 'bundle-1');
  fs.mkdirSync(folder);
  fs.writeFileSync(path.join(folder, 'entry.mjs'), '');
  manifestFile = path.join(dir, 'manifest.json');
  source = inputs[0]!;
  rememberBundle(manifestFile, { source, folder, inputs, digest: inputsDigest(inputs) });
});

afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('bundle manifest', () => {
  it('gives the remembered folder while every input is unchanged', () => {
    expect(currentBundle(manifestFile, source, 'entry.mjs')).toBe(folder);
    // Rewriting an input with the same contents changes nothing.
    fs.writeFileSync(inputs[1]!, 'export const b = 2;');
    expect(currentBundle(manifestFile, source, 'entry.mjs')).toBe(folder);
  });

  it('asks for a build when an input changed, even by one byte of the same length', () => {
    fs.writeFileSync(inputs[1]!, 'export const b = 3;');
    expect(currentBundle(manifestFile, source, 'entry.mjs')).toBeUndefined();
  });

  it('asks for a build when an input is gone, the entry is missing, or the manifest is not there or not JSON', () => {
    fs.rmSync(inputs[0]!);
    expect(currentBundle(manifestFile, source, 'entry.mjs')).toBeUndefined();
    fs.writeFileSync(inputs[0]!, 'export const a = 1;');
    expect(currentBundle(manifestFile, source, 'other.mjs')).toBeUndefined();
    expect(currentBundle(path.join(dir, 'none.json'), source, 'entry.mjs')).toBeUndefined();
    fs.writeFileSync(manifestFile, '{not json');
    expect(currentBundle(manifestFile, source, 'entry.mjs')).toBeUndefined();
  });

  it('is not trusted by another entry point (a node_modules shared by two checkouts)', () => {
    expect(currentBundle(manifestFile, path.join(dir, 'elsewhere', 'a.ts'), 'entry.mjs')).toBeUndefined();
  });

  it('digests paths as well as contents, in order', () => {
    const digest = inputsDigest(inputs);
    expect(digest).toMatch(/^[0-9a-f]{64}$/);
    expect(inputsDigest([...inputs].reverse())).not.toBe(digest);
    const moved = path.join(dir, 'c.ts');
    fs.copyFileSync(inputs[1]!, moved);
    expect(inputsDigest([inputs[0]!, moved])).not.toBe(digest);
  });

  it('replaces a manifest whole, leaving no temporary file behind', () => {
    const other = path.join(dir, 'bundle-2');
    fs.mkdirSync(other);
    fs.writeFileSync(path.join(other, 'entry.mjs'), '');
    rememberBundle(manifestFile, { source, folder: other, inputs, digest: inputsDigest(inputs) });
    expect(currentBundle(manifestFile, source, 'entry.mjs')).toBe(other);
    expect(fs.readdirSync(dir).filter((name) => name.startsWith('manifest.json.'))).toEqual([]);
  });
});
