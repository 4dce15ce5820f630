/**
 * Charts for the HTML audit, drawn as inline SVG: no scripts, no fonts, nothing fetched, and they
 * print. Every chart carries a <title> and an aria-label saying what it shows in words, and every
 * value is written beside its mark, so nothing depends on colour alone.
 */

export const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

export interface Bar {
  label: string;
  /** 0-100, or null when there is nothing to show (drawn as a dash). */
  percent: number | null;
  /** What is written at the end of the bar, e.g. "5 of 6 (83.3%)". */
  text: string;
}

function band(percent: number): string {
  return percent >= 95 ? 'good' : percent >= 80 ? 'fair' : 'poor';
}

/** Horizontal bars from 0 to 100%, one a row. */
export function barChart(title: string, bars: readonly Bar[]): string {
  const labelWidth = 120;
  const barWidth = 300;
  const rowHeight = 22;
  const width = labelWidth + barWidth + 150;
  const height = bars.length * rowHeight + 24;
  const rows = bars.map((b, i) => {
    const y = i * rowHeight + 4;
    const w = b.percent === null ? 0 : Math.max(1, (b.percent / 100) * barWidth);
    const bar = b.percent === null
      ? `<line x1="${labelWidth}" y1="${y + 8}" x2="${labelWidth + 12}" y2="${y + 8}" class="none"/>`
      : `<rect x="${labelWidth}" y="${y}" width="${w.toFixed(1)}" height="16" class="bar ${band(b.percent)}"/>`;
    return `<g><text x="${labelWidth - 6}" y="${y + 12}" class="label" text-anchor="end">${escapeHtml(b.label)}</text>${bar}<text x="${labelWidth + (b.percent === null ? 18 : w + 6)}" y="${y + 12}" class="value">${escapeHtml(b.text)}</text></g>`;
  });
  const axisY = bars.length * rowHeight + 6;
  const ticks = [0, 50, 100].map((t) => {
    const x = labelWidth + (t / 100) * barWidth;
    return `<line x1="${x}" y1="0" x2="${x}" y2="${axisY}" class="grid"/><text x="${x}" y="${axisY + 14}" class="tick" text-anchor="middle">${t}%</text>`;
  });
  const summary = bars.map((b) => `${b.label}: ${b.text}`).join('; ');
  return `<svg class="chart bars" role="img" aria-label="${escapeHtml(`${title}. ${summary}`)}" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" xmlns="http://www.w3.org/2000/svg"><title>${escapeHtml(title)}</title>${ticks.join('')}${rows.join('')}</svg>`;
}

/** A goal's weekly share of entries achieved or improving, 0-100%, as a small line; gaps where a week had none. */
export function sparkline(title: string, values: readonly (number | null)[]): string {
  const width = 150;
  const height = 40;
  const pad = 5;
  const step = values.length > 1 ? (width - 2 * pad) / (values.length - 1) : 0;
  const point = (v: number, i: number) => ({ x: pad + i * step, y: pad + (1 - v / 100) * (height - 2 * pad) });
  const segments: string[] = [];
  let current: string[] = [];
  values.forEach((v, i) => {
    if (v === null) {
      if (current.length > 1) segments.push(current.join(' '));
      current = [];
      return;
    }
    const p = point(v, i);
    current.push(`${p.x.toFixed(1)},${p.y.toFixed(1)}`);
  });
  if (current.length > 1) segments.push(current.join(' '));
  const dots = values.map((v, i) => (v === null ? '' : (() => {
    const p = point(v, i);
    return `<circle cx="${p.x.toFixed(1)}" cy="${p.y.toFixed(1)}" r="2.5" class="dot"/>`;
  })())).join('');
  const words = values.map((v, i) => `week ${i + 1}: ${v === null ? 'no entries' : `${v}%`}`).join(', ');
  return `<svg class="chart spark" role="img" aria-label="${escapeHtml(`${title}: ${words}`)}" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" xmlns="http://www.w3.org/2000/svg"><title>${escapeHtml(title)}</title>`
    + `<line x1="${pad}" y1="${height - pad}" x2="${width - pad}" y2="${height - pad}" class="grid"/><line x1="${pad}" y1="${pad}" x2="${width - pad}" y2="${pad}" class="grid"/>`
    + `${segments.map((s) => `<polyline points="${s}" class="line"/>`).join('')}${dots}</svg>`;
}
