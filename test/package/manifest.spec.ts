/**
 * The published package is only as good as its manifest: these checks read package.json and
 * what `npm pack` would ship, without installing anything.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { isBuiltin } from 'node:module';
import { join } from 'node:path';
import ts from 'typescript';
import { packedFiles, REPO_ROOT } from './packed-install.js';

interface Manifest {
  name: string;
  engines: Record<string, string>;
  exports: Record<string, string | Record<string, string>>;
  dependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
}

const manifest = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as Manifest;

/** Export-map entries with conditions (every one but `./package.json`). */
const conditionalExports = Object.entries(manifest.exports).filter(
  (entry): entry is [string, Record<string, string>] => typeof entry[1] === 'object',
);

/** The package a module specifier names: `@scope/name` or `name`. */
function packageOf(specifier: string): string {
  const segments = specifier.split('/');
  return segments.slice(0, specifier.startsWith('@') ? 2 : 1).join('/');
}

/** Every package that dist/**\/*.js imports, statically, dynamically or through require(). */
function packagesImportedByDist(): string[] {
  const dist = join(REPO_ROOT, 'dist');
  const packages = new Set<string>();
  for (const file of readdirSync(dist, { recursive: true, encoding: 'utf8' })) {
    if (!file.endsWith('.js')) continue;
    const source = readFileSync(join(dist, file), 'utf8');
    for (const { fileName } of ts.preProcessFile(source, true, true).importedFiles) {
      if (!fileName.startsWith('.') && !isBuiltin(fileName)) packages.add(packageOf(fileName));
    }
  }
  return [...packages].sort();
}

describe('package.json', () => {
  let shipped: string[];

  beforeAll(async () => {
    shipped = await packedFiles();
  });

  it.each(conditionalExports)('maps %s to types first, then import and require', (_, entry) => {
    expect(Object.keys(entry)[0]).toBe('types');
    expect(entry).toEqual(
      expect.objectContaining({
        types: expect.any(String),
        import: expect.any(String),
        require: expect.any(String),
      }),
    );
  });

  it.each(conditionalExports)('ships every file that %s points to', (_, entry) => {
    for (const target of Object.values(entry)) {
      expect(shipped).toContain(target.replace(/^\.\//, ''));
    }
  });

  it('exposes package.json to tooling that reads it', () => {
    expect(manifest.exports['./package.json']).toBe('./package.json');
  });

  it.each(['@nestjs/common', '@nestjs/core'])('accepts %s 11 and 12 as a peer', (name) => {
    expect(manifest.peerDependencies?.[name]).toBe('^11.0.0 || ^12.0.0');
  });

  it('requires a Node that can require() an ES module', () => {
    // `>=20.19` or the stricter `^20.19.0 || ^22.12.0 || >=24.0.0` (22.0-22.11 flag require(esm)).
    expect(manifest.engines.node).toMatch(/^(>=|\^)20\.19/);
  });

  it('ships only dist/ besides the files npm always adds', () => {
    const outside = shipped.filter(
      (path) => !path.startsWith('dist/') && !/^(package\.json|README\.md|LICENSE)$/.test(path),
    );
    expect(outside).toEqual([]);
    expect(shipped.filter((path) => path.endsWith('.tsbuildinfo'))).toEqual([]);
  });

  it('ships the LICENSE, the README and package.json', () => {
    expect(shipped).toEqual(expect.arrayContaining(['LICENSE', 'README.md', 'package.json']));
  });

  it('declares every package that dist/ imports as a dependency or a peer', () => {
    const declared = new Set([
      manifest.name,
      ...Object.keys(manifest.dependencies ?? {}),
      ...Object.keys(manifest.peerDependencies ?? {}),
    ]);
    const imported = packagesImportedByDist();
    expect(imported).toContain('@nestjs/common');
    expect(imported.filter((name) => !declared.has(name))).toEqual([]);
  });
});
