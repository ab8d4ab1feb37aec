import { expect } from 'chai';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { barChartSvg, escapeXml, lastPeriods } from '../../src/web/charts.ts';

const euro = (cents: number) => `${(cents / 100).toFixed(2)} €`;

function chart(values: number[], title = 'Pardavimai') {
  return barChartSvg({
    id: 'chart-sales',
    title,
    description: 'Pajamos per mėnesį',
    points: values.map((value, i) => ({ label: `2026-${String(i + 1).padStart(2, '0')}`, value })),
    format: euro,
  });
}

function rects(svg: string) {
  return [
    ...svg.matchAll(/<rect class="([^"]+)" x="([\d.]+)" y="([\d.]+)" width="([\d.]+)" height="([\d.]+)"/g),
  ].map((m) => ({ cls: m[1]!, x: +m[2]!, y: +m[3]!, width: +m[4]!, height: +m[5]! }));
}

describe('server-rendered bar charts', () => {
  it('is an accessible image: role, title and description referenced by id; well-formed SVG', () => {
    const svg = chart([1000, 2000, 0]);
    expect(XMLValidator.validate(svg)).to.equal(true);
    expect(svg).to.match(/^<svg class="chart" id="chart-sales" role="img"/);
    expect(svg).to.contain('aria-labelledby="chart-sales-title chart-sales-desc"');
    expect(svg).to.contain('<title id="chart-sales-title">Pardavimai</title>');
    expect(svg).to.contain('<desc id="chart-sales-desc">Pajamos per mėnesį</desc>');
    const doc = new XMLParser({ ignoreAttributes: false }).parse(svg);
    expect(doc.svg['@_role']).to.equal('img');
  });

  it('uses no style attribute and no script (strict CSP)', () => {
    const svg = chart([5, -5, 10]);
    expect(svg).not.to.match(/\sstyle=/);
    expect(svg).not.to.match(/<script|on\w+=/i);
  });

  it('draws bars to scale, tallest for the largest value, with a tooltip per bar', () => {
    const bars = rects(chart([1000, 2000, 500]));
    expect(bars).to.have.length(3);
    expect(bars[1]!.height).to.be.greaterThan(bars[0]!.height);
    expect(bars[0]!.height).to.be.closeTo(bars[1]!.height / 2, 0.2);
    expect(bars[2]!.height).to.be.closeTo(bars[1]!.height / 4, 0.2);
    // Same baseline, left to right.
    expect(new Set(bars.map((b) => Math.round((b.y + b.height) * 10)))).to.have.property('size', 1);
    expect(bars[0]!.x).to.be.lessThan(bars[1]!.x);
    expect(chart([1000, 2000, 500])).to.contain('<title>2026-02: 20.00 €</title>');
  });

  it('draws negative months below the zero line, marked as such; an all-zero series is flat', () => {
    const bars = rects(chart([1000, -500]));
    expect(bars[1]!.cls).to.equal('chart-bar chart-bar--negative');
    expect(bars[1]!.y).to.be.closeTo(bars[0]!.y + bars[0]!.height, 0.2);
    for (const b of rects(chart([0, 0, 0]))) expect(b.height).to.equal(0);
    expect(chart([0, 0, 0]), 'the zero line of an empty series is at the bottom').to.contain(
      'y1="220" y2="220"',
    );
    expect(chart([0, 0, 0])).to.contain('>0.00 €</text>');
    expect(chart([100, 0]), 'and so is that of a positive one').to.contain('y1="220" y2="220"');
    expect(rects(chart([]))).to.have.length(0);
  });

  it('escapes every text it is given', () => {
    const svg = chart([1], '<b>"Tom & Jerry"</b>');
    expect(svg).to.contain('&lt;b&gt;&quot;Tom &amp; Jerry&quot;&lt;/b&gt;');
    expect(XMLValidator.validate(svg)).to.equal(true);
    expect(escapeXml(`'`)).to.equal('&#39;');
  });

  it('lists the last months, oldest first, across a year boundary', () => {
    expect(lastPeriods('2026-02', 4)).to.deep.equal(['2025-11', '2025-12', '2026-01', '2026-02']);
    expect(lastPeriods('2026-10', 12)).to.have.length(12);
    expect(lastPeriods('2026-10', 12)[0]).to.equal('2025-11');
  });
});
