/** axe-core in the browser pages of the e2e tests. */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { expect } from 'chai';
import type { Page } from 'playwright-core';

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const BLOCKING = new Set(['serious', 'critical']);

interface AxeNode {
  target: unknown[];
  html: string;
  failureSummary?: string;
}
interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  helpUrl: string;
  nodes: AxeNode[];
}

/**
 * axe-core's findings on the page as it is now. The page's CSP refuses inline scripts (see the
 * first test), so axe is evaluated through the DevTools protocol, which leaves the CSP in force.
 */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  if ((await page.evaluate('typeof window.axe')) === 'undefined') await page.evaluate(AXE_SOURCE);
  return page.evaluate<AxeViolation[]>(
    `axe.run(document, { resultTypes: ['violations'] }).then((r) => r.violations.map((v) => ({
      id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
      nodes: v.nodes.map((n) => ({ target: n.target, html: n.html, failureSummary: n.failureSummary })),
    })))`,
  );
}

/** One readable paragraph per rule: what, where (selector and markup) and why. */
function report(violations: AxeViolation[], where: string): string {
  const lines = [`${violations.length} serious/critical accessibility violation(s) on ${where}:`];
  for (const v of violations) {
    lines.push('', `[${v.impact}] ${v.id}: ${v.help} (${v.helpUrl})`);
    for (const n of v.nodes.slice(0, 8)) {
      lines.push(
        `  at ${n.target.map(String).join(' ')}`,
        `     ${n.html.replace(/\s+/g, ' ').slice(0, 200)}`,
      );
      if (n.failureSummary) lines.push(`     ${n.failureSummary.replace(/\s*\n\s*/g, ' | ')}`);
    }
    if (v.nodes.length > 8) lines.push(`  … and ${v.nodes.length - 8} more`);
  }
  return lines.join('\n');
}

/** Moderate and minor findings (rule → pages), listed after the run without failing it. */
const lesser = new Map<string, Set<string>>();

export async function expectAccessible(page: Page): Promise<void> {
  const where = page
    .url()
    .replace(/^https?:\/\/[^/]+/, '')
    .replace(/_csrf=[^&]+/, '_csrf=…');
  const violations = await axeViolations(page);
  for (const v of violations.filter((v) => !v.impact || !BLOCKING.has(v.impact))) {
    const key = `[${v.impact}] ${v.id}: ${v.help}`;
    lesser.set(key, (lesser.get(key) ?? new Set()).add(where));
  }
  const blocking = violations.filter((v) => v.impact && BLOCKING.has(v.impact));
  if (blocking.length) expect.fail(report(blocking, where));
}

/** Lists the moderate and minor findings gathered so far (rule → pages), then forgets them. */
export function printLesserFindings(): void {
  if (!lesser.size) return;
  console.log('\n    Moderate and minor axe findings (not failing the run):');
  for (const [rule, pages] of lesser) console.log(`      ${rule}\n        on ${[...pages].join(', ')}`);
  lesser.clear();
}
