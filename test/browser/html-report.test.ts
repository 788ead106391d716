// The HTML report in a real browser, as a user opens it from a CI artifact:
// it loads with nothing from the network, the failing case comes first, each
// script's graph shows coverage, "Show this path" marks the case's path, the
// filters work, and with the fonts the browser really uses the text stays
// inside its shapes and no two branch labels overlap.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COLORS } from '../../src/graph/render/look.js';
import { openBrowser, type Browser } from './chromium.js';

const root = join(import.meta.dirname, '..', '..');
const cli = join(root, 'dist', 'src', 'cli', 'main.js');
const fixtures = join(root, 'test', 'testing', 'fixtures');
const report = join(mkdtempSync(join(tmpdir(), 'html-report-')), 'index.html');

let browser: Browser;
let page: Page;
const requests: string[] = [];

beforeAll(async () => {
  if (!existsSync(cli)) spawnSync('npx', ['tsc', '-p', 'tsconfig.build.json'], { cwd: root, stdio: 'ignore' });
  const r = spawnSync(process.execPath, [cli, 'test', join(fixtures, 'failing'), '--reporter', 'html', '-o', report], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
  });
  expect(r.status, r.stderr).toBe(1);
  browser = await openBrowser();
  page = await browser.context.newPage();
  // Record every request; anything beyond the file itself is refused.
  await page.route('**/*', (route) => {
    const url = route.request().url();
    requests.push(url);
    return url.startsWith('file:') || url.startsWith('data:') ? route.continue() : route.abort();
  });
  await page.goto(pathToFileURL(report).href);
});

afterAll(async () => {
  await browser?.close();
});

describe('the HTML report in Chromium', () => {
  it('opens from the file alone', () => {
    expect(requests).toEqual([pathToFileURL(report).href]);
    expect(readFileSync(report, 'utf8')).not.toMatch(/<link\b|<script\s+src/i);
  });

  it('shows the failing case first, with its failure and its path', async () => {
    const first = page.locator('article.case').first();
    await expect.poll(() => first.getAttribute('class')).toBe('case failed');
    expect(await first.locator('h3').textContent()).toBe('expects the wrong path');
    expect(await first.locator('.status').textContent()).toBe('✗ failed');
    expect(await first.locator('.failures .message').first().isVisible()).toBe(true);
    expect(await first.locator('.failures .message').first().textContent()).toContain('expected to visit');
    expect(await first.locator('details.path').getAttribute('open')).not.toBeNull();
    expect(await page.locator('header.top').getAttribute('class')).toBe('top failed');
  });

  it('draws the script graph with visited actions green and missed ones red and dashed', async () => {
    const graph = page.locator('article.script[data-script="Main"] svg');
    expect(await graph.isVisible()).toBe(true);
    const nodes = await graph.locator('g.node').evaluateAll((gs) =>
      gs.map((g) => {
        const shape = g.querySelector('path, polygon, ellipse')!;
        return { label: g.querySelector('title')!.textContent, fill: shape.getAttribute('fill'), dashed: shape.hasAttribute('stroke-dasharray') };
      }),
    );
    const visited = nodes.filter((n) => n.fill === COLORS.visitedFill);
    const missed = nodes.filter((n) => n.fill === COLORS.missedFill);
    expect(visited.map((n) => n.label)).toContain('readQueue');
    expect(missed.length).toBeGreaterThan(0);
    expect(missed.every((n) => n.dashed)).toBe(true);
    expect(visited.length + missed.length).toBe(nodes.length);
    const edges = await graph.locator('g.edge > path').evaluateAll((ps) => ps.map((p) => p.getAttribute('stroke')));
    expect(edges).toContain(COLORS.visited);
    expect(edges).toContain(COLORS.missed);
  });

  it('marks the path of a case on the graph when asked', async () => {
    const first = page.locator('article.case').first();
    const path = JSON.parse((await first.getAttribute('data-path'))!) as string[];
    await first.locator('button.show-path').click();
    const script = page.locator('article.script[data-script="Main"]');
    const marked = await script.locator('g.node.on-path title').allTextContents();
    const expected = [...new Set(path.filter((s) => s.startsWith('Main.')).map((s) => s.slice('Main.'.length)))];
    expect(marked.sort()).toEqual(expected.sort());
    expect(await script.locator('g.edge.on-path').count()).toBeGreaterThan(0);
    expect(await script.locator('.showing').textContent()).toBe('Showing the path of “expects the wrong path”');
    expect(await script.locator('figure.graph').isVisible()).toBe(true);
  });

  it('filters cases by status', async () => {
    await page.getByRole('button', { name: /^Passed/ }).click();
    expect(await page.locator('article.case.failed').first().isHidden()).toBe(true);
    expect(await page.locator('article.case.passed').first().isVisible()).toBe(true);
    await page.getByRole('button', { name: /^Failed/ }).click();
    expect(await page.locator('article.case.passed').first().isHidden()).toBe(true);
    await page.getByRole('button', { name: /^All/ }).click();
    expect(await page.locator('article.case:visible').count()).toBe(await page.locator('article.case').count());
  });

  it('keeps text inside its shape and branch labels apart, in the fonts the browser uses', async () => {
    expect(await page.locator('article.script svg g.node text').count()).toBeGreaterThan(20);
    expect(await pictureProblems(page)).toEqual([]);
  });
});

// The page's own objects, as far as the check below uses them (the project
// compiles without the DOM library; this declaration stays in this module).
interface Box { x: number; y: number; width: number; height: number }
interface PageElement {
  textContent: string | null;
  getAttribute(name: string): string | null;
  closest(selector: string): PageElement | null;
  querySelector(selector: string): PageElement | null;
  querySelectorAll(selector: string): PageElement[];
  getBBox(): Box;
}
declare const document: PageElement;

/** Measured with getBBox, i.e. with the font the browser picked from the list. */
function pictureProblems(p: Page): Promise<string[]> {
  return p.evaluate(() => {
    const overlap = (a: Box, b: Box): boolean => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
    const within = (a: Box, b: Box): boolean => a.x >= b.x - 1 && a.y >= b.y - 1 && a.x + a.width <= b.x + b.width + 1 && a.y + a.height <= b.y + b.height + 1;
    const out: string[] = [];
    for (const svg of document.querySelectorAll('article.script svg')) {
      const script = svg.closest('article')!.getAttribute('data-script');
      for (const g of svg.querySelectorAll('g.node')) {
        const shape = g.querySelector('path, polygon, ellipse')!.getBBox();
        for (const t of g.querySelectorAll('text'))
          if (!within(t.getBBox(), shape)) out.push(`${script}: "${t.textContent}" runs outside its shape`);
      }
      const labels = [...svg.querySelectorAll('g.edge text')].map((t) => ({ text: t.textContent, box: t.getBBox() }));
      for (let i = 0; i < labels.length; i++)
        for (let j = i + 1; j < labels.length; j++)
          if (overlap(labels[i]!.box, labels[j]!.box)) out.push(`${script}: labels "${labels[i]!.text}" and "${labels[j]!.text}" overlap`);
    }
    return out;
  });
}
