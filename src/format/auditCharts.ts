import { escapeHtml } from './auditEscape.js';

/**
 * Charts for the HTML audit, drawn as inline SVG: no scripts, no fonts, nothing fetched, and they
 * print. Every chart carries a <title> and an aria-label saying what it shows in words, every value
 * is written beside its mark, and marks differ by pattern or shape as well as colour (WCAG 1.4.1,
 * 1.4.11: each colour is 3:1 or more against white), with a legend.
 */

export { escapeHtml };

export interface Bar {
  label: string;
  /** 0-100, or null when there is nothing to show (drawn as a dash). */
  percent: number | null;
  /** What is written at the end of the bar, e.g. "5 of 6 (83.3%)". */
  text: string;
}

/** The target a bar chart is drawn against: bars meeting it are solid, the others hatched. */
export interface BarTarget {
  percent: number;
  bound: 'at least' | 'at most';
}

const FONT = 'font-family="system-ui, sans-serif"';

/** A line between two points, coordinates to one decimal place. */
const line = (x1: number, y1: number, x2: number, y2: number, cls: string) =>
  `<line x1="${+x1.toFixed(1)}" y1="${+y1.toFixed(1)}" x2="${+x2.toFixed(1)}" y2="${+y2.toFixed(1)}" class="${cls}"/>`;

/** An <svg> start tag with its text alternative (role img, aria-label) and size. */
const svgStart = (cls: string, label: string, width: number, height: number, font = '') =>
  `<svg class="chart ${cls}" role="img" aria-label="${escapeHtml(label)}" ` +
  `viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" ` +
  `${font ? `${font} ` : ''}xmlns="http://www.w3.org/2000/svg">`;

/** A diagonal hatch for bars below target, unique per chart (ids are document-wide). */
function hatch(id: string): string {
  return (
    `<defs><pattern id="${id}" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">` +
    `<rect width="6" height="6" class="hatch-bg"/><line x1="0" y1="0" x2="0" y2="6" class="hatch-line"/></pattern></defs>`
  );
}

const meets = (percent: number, target: BarTarget) => (target.bound === 'at least' ? percent >= target.percent : percent <= target.percent);

/**
 * Horizontal bars from 0 to 100%, one a row, against the target when there is one (a dashed line
 * at it; bars meeting it solid, the others hatched), with a legend. A 0% bar is drawn as a
 * visible outline at the axis. `id` makes the chart's pattern id unique in the page.
 */
export function barChart(id: string, title: string, bars: readonly Bar[], target?: BarTarget): string {
  const labelWidth = 110;
  const barWidth = 300;
  const rowHeight = 22;
  const width = labelWidth + barWidth + 140;
  const legendY = bars.length * rowHeight + 30;
  const height = legendY + (target ? 22 : 4);
  const pattern = `${id}-below`;
  const rows = bars.map((b, i) => {
    const y = i * rowHeight + 4;
    if (b.percent === null) {
      return (
        `<g><text x="${labelWidth - 6}" y="${y + 12}" class="label" text-anchor="end">${escapeHtml(b.label)}</text>` +
        `<line x1="${labelWidth}" y1="${y + 8}" x2="${labelWidth + 12}" y2="${y + 8}" class="none"/>` +
        `<text x="${labelWidth + 18}" y="${y + 12}" class="value">${escapeHtml(b.text)}</text></g>`
      );
    }
    const w = Math.max(2, (b.percent / 100) * barWidth);
    const below = target !== undefined && !meets(b.percent, target);
    // The value is written clear of both the bar and the target line.
    const textX = Math.max(labelWidth + w, target ? labelWidth + (target.percent / 100) * barWidth : 0) + 6;
    const fill = below ? `fill="url(#${pattern})"` : '';
    return (
      `<g><text x="${labelWidth - 6}" y="${y + 12}" class="label" text-anchor="end">${escapeHtml(b.label)}</text>` +
      `<rect x="${labelWidth}" y="${y}" width="${w.toFixed(1)}" height="16" class="bar ${below ? 'below' : 'met'}" ${fill}/>` +
      `<text x="${textX.toFixed(1)}" y="${y + 12}" class="value">${escapeHtml(b.text)}</text></g>`
    );
  });
  const axisY = bars.length * rowHeight + 6;
  const ticks = [0, 50, 100].map((t) => {
    const x = labelWidth + (t / 100) * barWidth;
    return (
      `<line x1="${x}" y1="0" x2="${x}" y2="${axisY}" class="grid"/><text ` +
      `x="${x}" y="${axisY + 14}" class="tick" text-anchor="middle">${t}%</text>`
    );
  });
  let targetMarks = '';
  if (target) {
    const x = labelWidth + (target.percent / 100) * barWidth;
    targetMarks =
      `<line x1="${x}" y1="0" x2="${x}" y2="${axisY}" class="target"/>` +
      `<g class="legend"><rect x="${labelWidth}" y="${legendY}" width="14" height="10" class="bar met"/>` +
      `<text x="${labelWidth + 18}" y="${legendY + 9}" class="tick">target met</text>` +
      `<rect x="${labelWidth + 95}" y="${legendY}" width="14" height="10" class="bar below" fill="url(#${pattern})"/>` +
      `<text x="${labelWidth + 113}" y="${legendY + 9}" class="tick">${target.bound === 'at least' ? 'below' : 'above'} target</text>` +
      `<line x1="${labelWidth + 210}" y1="${legendY - 1}" x2="${labelWidth + 210}" y2="${legendY + 11}" class="target"/>` +
      `<text x="${labelWidth + 216}" y="${legendY + 9}" class="tick">target ${target.bound} ${target.percent}%</text></g>`;
  }
  const summary = bars.map((b) => `${b.label}: ${b.text}`).join('; ');
  const against = target ? ` Target ${target.bound} ${target.percent}%.` : '';
  return (
    `${svgStart('bars', `${title}.${against} ${summary}`, width, height, FONT)}<title>${escapeHtml(title)}</title>` +
    `${target ? hatch(pattern) : ''}${ticks.join('')}${rows.join('')}${targetMarks}</svg>`
  );
}

/** One week of a goal's line: where it sits in the month and its share, and whether it is a full week. */
export interface SparkPoint {
  /** First and last day of the week in the month (1-31). */
  fromDay: number;
  toDay: number;
  /** Share achieved or improving, 0-100; null in a week without entries. */
  percent: number | null;
  /** A full week: drawn solid; otherwise hollow, joined by a dashed line. */
  full: boolean;
}

/**
 * A goal's weekly share of entries achieved or improving, 0-100%, as a small line: each week at
 * its middle day (a short week sits where it falls); a week that is not full is a hollow circle
 * joined by a dashed line; a gap where a week had no entries.
 */
export function sparkline(title: string, points: readonly SparkPoint[], monthDays: number): string {
  const width = 120;
  const height = 36;
  const pad = 5;
  const xOf = (p: SparkPoint) => pad + (((p.fromDay + p.toDay) / 2 - 0.5) / monthDays) * (width - 2 * pad);
  const yOf = (v: number) => pad + (1 - v / 100) * (height - 2 * pad);
  const lines: string[] = [];
  points.forEach((p, i) => {
    const prev = points[i - 1];
    if (i === 0 || p.percent === null || prev.percent === null) return;
    const dashed = !p.full || !prev.full;
    lines.push(line(xOf(prev), yOf(prev.percent), xOf(p), yOf(p.percent), dashed ? 'line partial' : 'line'));
  });
  const dots = points
    .map((p) =>
      p.percent === null
        ? ''
        : `<circle cx="${xOf(p).toFixed(1)}" cy="${yOf(p.percent).toFixed(1)}" r="2.8" class="dot${p.full ? '' : ' hollow'}"/>`,
    )
    .join('');
  const words = points
    .map((p) => `days ${p.fromDay}-${p.toDay}${p.full ? '' : ' (not a full week)'}: ${p.percent === null ? 'no entries' : `${p.percent}%`}`)
    .join(', ');
  return (
    `${svgStart('spark', `${title}: ${words}`, width, height)}<title>${escapeHtml(title)}</title>` +
    `${line(pad, height - pad, width - pad, height - pad, 'guide')}${line(pad, pad, width - pad, pad, 'guide')}` +
    `${lines.join('')}${dots}</svg>`
  );
}

/** One month of a run chart. */
export interface RunChartPoint {
  month: string;
  value: number | null;
  /** The words written at the point, e.g. "83.3%". */
  text: string;
  /** This month's own figure: drawn hollow (not a saved audit). */
  current: boolean;
}

/**
 * A run chart (NHS "Making Data Count"): a month by month line of a measure over the saved audits
 * and this month, with the median of the saved months as a dashed centre line, values written at
 * each point, and a legend. Percentages run 0-100%; other measures from 0 to their largest value.
 */
export function runChartSvg(
  title: string,
  points: readonly RunChartPoint[],
  median: { value: number; text: string } | null,
  percent: boolean,
): string {
  const width = 300;
  const height = 170;
  const left = 36;
  const right = 14;
  const top = 18;
  const bottom = 62;
  // Points sit inside the plot so the values written above the first and last stay on the chart.
  const inset = 22;
  const values = points.map((p) => p.value).filter((v): v is number => v !== null);
  const max = percent ? 100 : Math.max(1, ...values, median?.value ?? 0);
  const plotW = width - left - right;
  const plotH = height - top - bottom;
  const xOf = (i: number) =>
    left + inset + (points.length === 1 ? (plotW - 2 * inset) / 2 : (i / (points.length - 1)) * (plotW - 2 * inset));
  const yOf = (v: number) => top + (1 - v / max) * plotH;
  const axis =
    `<line x1="${left}" y1="${top + plotH}" x2="${left + plotW}" y2="${top + plotH}" class="guide"/>` +
    `<text x="${left - 4}" y="${top + plotH + 4}" class="tick" text-anchor="end">0${percent ? '%' : ''}</text>` +
    `<text x="${left - 4}" y="${top + 4}" class="tick" text-anchor="end">${percent ? '100%' : max}</text>` +
    `<line x1="${left}" y1="${top}" x2="${left + plotW}" y2="${top}" class="grid"/>`;
  const segments: string[] = [];
  points.forEach((p, i) => {
    const prev = points[i - 1];
    if (i === 0 || p.value === null || prev.value === null) return;
    segments.push(line(xOf(i - 1), yOf(prev.value), xOf(i), yOf(p.value), 'line'));
  });
  const marks = points
    .map((p, i) => {
      const x = xOf(i).toFixed(1);
      const label = `<text x="${x}" y="${top + plotH + 14}" class="tick" text-anchor="middle">${escapeHtml(p.month)}</text>`;
      if (p.value === null) return label;
      const y = yOf(p.value);
      return (
        `${label}<circle cx="${x}" cy="${y.toFixed(1)}" r="3.5" class="dot${p.current ? ' hollow' : ''}"/>` +
        `<text x="${x}" y="${(y - 6).toFixed(1)}" class="value" text-anchor="middle">${escapeHtml(p.text)}</text>`
      );
    })
    .join('');
  const centre = median ? line(left, yOf(median.value), left + plotW, yOf(median.value), 'median') : '';
  const ly = height - 26;
  const legend =
    `<g class="legend">${line(left, ly, left + 16, ly, 'line')}<circle cx="${left + 8}" cy="${ly}" r="3" class="dot"/>` +
    `<text x="${left + 20}" y="${ly + 4}" class="tick">saved audit</text>` +
    `<circle cx="${left + 100}" cy="${ly}" r="3" class="dot hollow"/><text x="${left + 106}" y="${ly + 4}" class="tick">this month</text>` +
    (median
      ? `${line(left, ly + 16, left + 16, ly + 16, 'median')}` +
        `<text x="${left + 20}" y="${ly + 20}" class="tick">median of saved months: ${escapeHtml(median.text)}</text>`
      : '') +
    '</g>';
  const months = points.map((p) => `${p.month}${p.current ? ' (this month)' : ''}: ${p.text}`).join(', ');
  const words = `${months}${median ? `; median of the saved months ${median.text}` : ''}`;
  return (
    `${svgStart('run', `${title}: ${words}`, width, height, FONT)}<title>${escapeHtml(title)}</title>` +
    `${axis}${centre}${segments.join('')}${marks}${legend}</svg>`
  );
}
