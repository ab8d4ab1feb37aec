/**
 * Server-rendered bar charts as SVG markup: no script, no style attribute (strict CSP), colours from
 * classes in the stylesheet with presentation attributes as a fallback. Each chart is an image with a
 * title and a description for screen readers; the page shows the same numbers in a table as well.
 */

export interface ChartPoint {
  /** Short label under the bar, e.g. "2026-10". */
  label: string;
  value: number;
}

export interface BarChartOptions {
  /** Unique on the page: ids of the title and description derive from it. */
  id: string;
  title: string;
  description: string;
  points: ChartPoint[];
  /** How a value is written in the bar's tooltip and on the axis (money, say). */
  format: (value: number) => string;
}

export function escapeXml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

const WIDTH = 640;
const HEIGHT = 260;
const PAD = { top: 24, right: 12, bottom: 40, left: 12 };

const r1 = (n: number) => Math.round(n * 10) / 10;

/**
 * A bar chart: one bar per point, negative values below the zero line. Values are plotted to scale
 * between the smallest (or 0) and the largest (or 0), so an empty or all-zero series is a flat line.
 */
export function barChartSvg(opts: BarChartOptions): string {
  const id = opts.id.replace(/[^A-Za-z0-9_-]/g, '');
  const values = opts.points.map((p) => p.value);
  const largest = Math.max(0, ...values);
  const min = Math.min(0, ...values);
  // An all-zero series keeps its zero line at the bottom, where positive values would start.
  const max = largest === 0 && min === 0 ? 1 : largest;
  const range = max - min;
  const plotW = WIDTH - PAD.left - PAD.right;
  const plotH = HEIGHT - PAD.top - PAD.bottom;
  const y = (v: number) => PAD.top + ((max - v) / range) * plotH;
  const zero = r1(y(0));
  const slot = plotW / Math.max(1, opts.points.length);
  const barW = r1(slot * 0.7);

  const bars = opts.points
    .map((p, i) => {
      const x = r1(PAD.left + i * slot + (slot - barW) / 2);
      const top = r1(Math.min(y(p.value), y(0)));
      const h = r1(Math.abs(y(p.value) - y(0)));
      const cls = p.value < 0 ? 'chart-bar chart-bar--negative' : 'chart-bar';
      const tip = `${p.label}: ${opts.format(p.value)}`;
      const label = r1(PAD.left + i * slot + slot / 2);
      return (
        `<g class="chart-item"><rect class="${cls}" x="${x}" y="${top}" width="${barW}" height="${h}" fill="currentColor">` +
        `<title>${escapeXml(tip)}</title></rect>` +
        `<text class="chart-label" x="${label}" y="${HEIGHT - PAD.bottom + 16}" text-anchor="middle" font-size="11">${escapeXml(p.label)}</text></g>`
      );
    })
    .join('');

  return (
    `<svg class="chart" id="${id}" role="img" viewBox="0 0 ${WIDTH} ${HEIGHT}" ` +
    `aria-labelledby="${id}-title ${id}-desc" xmlns="http://www.w3.org/2000/svg">` +
    `<title id="${id}-title">${escapeXml(opts.title)}</title>` +
    `<desc id="${id}-desc">${escapeXml(opts.description)}</desc>` +
    `<text class="chart-max" x="${PAD.left}" y="${PAD.top - 8}" font-size="11">${escapeXml(opts.format(largest))}</text>` +
    bars +
    `<line class="chart-axis" x1="${PAD.left}" x2="${WIDTH - PAD.right}" y1="${zero}" y2="${zero}" stroke="currentColor"/>` +
    `</svg>`
  );
}

/** The last `count` periods up to and including `period`, oldest first. */
export function lastPeriods(period: string, count: number): string[] {
  const [y, m] = period.split('-').map(Number) as [number, number];
  const out: string[] = [];
  for (let i = count - 1; i >= 0; i--) {
    const d = new Date(Date.UTC(y, m - 1 - i, 1));
    out.push(`${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`);
  }
  return out;
}
