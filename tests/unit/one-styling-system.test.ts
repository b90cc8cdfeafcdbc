import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');

function sources(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(join(ROOT, dir))) {
    const rel = join(dir, name);
    if (statSync(join(ROOT, rel)).isDirectory()) sources(rel, out);
    else if (/\.(tsx|ts|css)$/.test(name)) out.push(rel);
  }
  return out;
}

// Utility classes of the styling system the pages no longer use (spacing, sizing, layout, type).
const UTILITY =
  /^(?:-?m[trblxy]?-\S+|p[trblxy]?-\S+|text-(?:xs|sm|base|lg|\dxl)|font-(?:medium|semibold|bold)|flex(?:-col|-wrap)?|grow|inline|items-\S+|justify-\S+|gap-\S+|space-[xy]-\S+|rounded(?:-\S+)?|border(?:-[trblxy])?(?:-\d)?|w-\S+|max-w-\S+|mx-auto|underline|align-top|break-all|hidden|block|grid)$/;

const classesIn = (src: string) =>
  [...src.matchAll(/className=(?:"([^"]*)"|\{`([^`]*)`\}|\{'([^']*)'\})/g)].flatMap((m) => (m[1] ?? m[2] ?? m[3] ?? '').split(/\s+/));

describe('one styling system', () => {
  const files = [...sources('app'), ...sources('components')];

  it('no page uses utility classes: every class is one of ours (fw-*, the report and triage sheets)', () => {
    const offenders = files
      .filter((f) => f.endsWith('.tsx'))
      .flatMap((f) =>
        classesIn(readFileSync(join(ROOT, f), 'utf8'))
          .filter((c) => UTILITY.test(c))
          .map((c) => `${f}: ${c}`),
      );
    expect(offenders).toEqual([]);
  });

  it('the utility framework is gone from the stylesheets and the build', () => {
    for (const f of files.filter((x) => x.endsWith('.css'))) expect(readFileSync(join(ROOT, f), 'utf8'), f).not.toMatch(/tailwind/i);
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as Record<string, Record<string, string> | undefined>;
    expect(Object.keys({ ...pkg.dependencies, ...pkg.devDependencies }).filter((d) => /tailwind/.test(d))).toEqual([]);
  });

  it('no inline colours: pages take colours from the theme tokens', () => {
    const offenders = files
      .filter((f) => f.endsWith('.tsx'))
      .filter((f) => /style=\{\{[^}]*(?:color|background|borderColor)\s*:\s*'var\(--/.test(readFileSync(join(ROOT, f), 'utf8')));
    expect(offenders).toEqual([]);
  });

  it('no date input shows the browser locale format: every date field is the shared DateField', () => {
    const offenders = files.filter((f) => /type=["'{]+(?:date|datetime-local)["'}]/.test(readFileSync(join(ROOT, f), 'utf8')));
    expect(offenders).toEqual([]);
  });
});
