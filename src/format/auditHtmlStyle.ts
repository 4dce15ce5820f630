import { cssString } from './auditEscape.js';

/**
 * The HTML audit's styles. Screen: from a 375 px phone up (wide tables scroll in their own
 * region). Print: A4 portrait, page 1 the summary, every table of fixed column widths so it fits
 * the printable width, headings kept with what follows. Colours are 3:1 or more against white for
 * graphics and 4.5:1 for text; status never by colour alone (a word, a mark, a border style).
 */
export const AUDIT_STYLE = `
:root { color-scheme: light; }
* { box-sizing: border-box; }
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; color: #1b1b1b; background: #fff;
  margin: 1.5rem auto; max-width: 64rem; padding: 0 1rem; line-height: 1.4; font-size: 15px; }
h1 { font-size: 1.6rem; margin: 0 0 .3rem; }
h2 { font-size: 1.25rem; border-bottom: 2px solid #005eb8; padding-bottom: .2rem; margin: 1.8rem 0 .6rem; }
h3 { font-size: 1rem; margin: 1rem 0 .4rem; }
h2, h3 { break-after: avoid; page-break-after: avoid; }
p { margin: .3rem 0; }
a { color: #005eb8; }
nav ul { list-style: none; padding: 0; margin: .5rem 0; display: flex; flex-wrap: wrap; gap: .2rem 1rem; font-size: .9rem; }
.facts { font-size: .92rem; }
.interim { background: #fff4d6; border-left: 6px solid #8a5a00; padding: .4rem .6rem; }
.cqc { background: #f0f4f5; border-left: 4px solid #005eb8; padding: .4rem .6rem; font-size: .88rem; }
.note { background: #fff4d6; border-left: 4px solid #8a5a00; padding: .4rem .6rem; }
.rule { font-size: .9rem; }
table { border-collapse: collapse; width: 100%; table-layout: fixed; margin: .4rem 0 .8rem; font-size: .86rem; }
th, td { border: 1px solid #b1b4b6; padding: .25rem .4rem; text-align: left; vertical-align: top; overflow-wrap: anywhere; }
thead th { background: #e8edee; }
th[scope="row"] { font-weight: 600; }
th.num, td.num { text-align: right; font-variant-numeric: tabular-nums; }
.definition { display: block; font-weight: normal; font-size: .85em; color: #3d4548; margin-top: .15rem; }
.nw { white-space: nowrap; }
code { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; font-size: .9em; overflow-wrap: anywhere; }
.better { color: #00703c; }
.worse { color: #b10e1e; font-weight: 600; }
.error { color: #b10e1e; font-weight: 600; }
.warning { color: #7a4f00; font-weight: 600; }
.status.met { color: #00703c; font-weight: 600; }
.status.not-met, .status.action-overdue { color: #b10e1e; font-weight: 700; }
.status.not-applicable { color: #505a5f; }
.status.action-done { color: #00703c; }
.hollow { font-style: italic; color: #3d4548; }
table.signoff td { height: 2.4rem; }
.tiles { list-style: none; padding: 0; margin: .4rem 0 .8rem; display: grid; grid-template-columns: repeat(auto-fill, minmax(10.5rem, 1fr)); gap: .45rem; }
.tile { border: 1px solid #b1b4b6; border-left: 6px solid #00703c; padding: .35rem .5rem; display: flex; flex-direction: column; gap: .1rem; }
.tile.not-met { border-left: 6px dashed #b10e1e; }
.tile.not-applicable { border-left: 6px dotted #505a5f; }
.tile-label { font-size: .8rem; line-height: 1.25; }
.tile-value { font-size: 1.15rem; font-weight: 700; }
.tile-value .pct { font-size: .85rem; font-weight: 600; }
.tile-target { font-size: .78rem; color: #3d4548; }
.tile .status { font-size: .85rem; }
.scroll { overflow-x: auto; }
.runs { display: grid; grid-template-columns: repeat(auto-fill, minmax(16rem, 1fr)); gap: .6rem; }
figure.run { margin: 0; break-inside: avoid; }
figure.run figcaption { font-size: .85rem; font-weight: 600; }
.chart { display: block; max-width: 100%; height: auto; margin: .4rem 0 1rem; }
.chart .label, .chart .value, .chart .tick { font-size: 11px; fill: #1b1b1b; }
.chart .tick { fill: #3d4548; }
.chart .grid { stroke: #b1b4b6; stroke-width: 1; }
.chart .guide { stroke: #6f777b; stroke-width: 1; }
.chart .target { stroke: #1b1b1b; stroke-width: 1.5; stroke-dasharray: 4 3; }
.chart .bar { stroke: #1b1b1b; stroke-width: .75; }
.chart .bar.met { fill: #00703c; }
.chart .hatch-bg { fill: #fff; }
.chart .hatch-line { stroke: #b10e1e; stroke-width: 3; }
.chart .none { stroke: #505a5f; stroke-width: 2; }
.chart .line { fill: none; stroke: #005eb8; stroke-width: 2; }
.chart .line.partial { stroke-dasharray: 3 2; }
.chart .median { stroke: #505a5f; stroke-width: 1.5; stroke-dasharray: 6 3; }
.chart .dot { fill: #005eb8; stroke: #005eb8; stroke-width: 1.5; }
.chart .dot.hollow { fill: #fff; }
svg.spark { margin: 0; width: 100%; max-width: 120px; }
footer { margin-top: 2rem; font-size: .8rem; color: #3d4548; border-top: 1px solid #b1b4b6; padding-top: .4rem; }
@media (max-width: 40rem) {
  body { font-size: 14px; padding: 0 .6rem; }
  table.measures, table.measures tbody, table.measures tr, table.measures th, table.measures td { display: block; width: auto; }
  table.measures colgroup, table.measures thead { display: none; }
  table.measures tr { border: 1px solid #b1b4b6; margin-bottom: .5rem; }
  table.measures th, table.measures td { border: none; text-align: left; }
  table.measures td::before { display: block; font-size: .8em; font-weight: 600; color: #3d4548; }
  table.measures td:nth-of-type(1)::before { content: "This month"; }
  table.measures td:nth-of-type(2)::before { content: "Target"; }
  table.measures td:nth-of-type(3)::before { content: "Previous"; }
  table.measures td:nth-of-type(4)::before { content: "Change"; }
  table.measures td:nth-of-type(5)::before { content: "Quality statement"; }
  .scroll table.people, .scroll table.goals { min-width: 40rem; }
}
@media print {
  body { margin: 0; max-width: none; padding: 0; font-size: 8.5pt; line-height: 1.3; }
  nav { display: none; }
  h1 { font-size: 15pt; }
  h2 { font-size: 12pt; margin: 10pt 0 4pt; }
  h3 { font-size: 9.5pt; margin: 6pt 0 3pt; }
  #summary h2 { margin-top: 4pt; }
  main > section.audit-section:first-of-type { break-before: page; }
  table { font-size: 7.8pt; margin: 2pt 0 6pt; }
  th, td { padding: 1.5pt 3pt; }
  tr, .chart, .tile, figure.run { break-inside: avoid; page-break-inside: avoid; }
  thead { display: table-header-group; }
  .keep > p, .keep > h3 { break-after: avoid; page-break-after: avoid; }
  .tiles { grid-template-columns: repeat(6, 1fr); gap: 3pt; margin: 2pt 0 4pt; }
  .tile { padding: 2pt 3pt; }
  .tile-label { font-size: 6.8pt; }
  .tile-value { font-size: 10pt; }
  .tile-target, .tile .status, .tile-value .pct { font-size: 6.8pt; }
  table.signoff td { height: 22pt; }
  .scroll { overflow: visible; }
  .runs { grid-template-columns: repeat(3, 1fr); }
  .chart.bars { max-width: 150mm; }
  footer { margin-top: 8pt; }
  a { color: inherit; text-decoration: none; }
}
`;

/** The printed page: A4 portrait, and the running header and footer on every page. */
export function printPageRules(running: { home: string; month: string; interim?: string }): string {
  const box = 'font-family: system-ui, sans-serif; font-size: 7.5pt; color: #3d4548;';
  return `
@page {
  size: A4 portrait;
  margin: 16mm 12mm 15mm 12mm;
  @top-left { content: ${cssString(running.home)}; ${box} }
  @top-center { content: ${cssString(running.month)}; ${box} }
  @top-right { content: ${cssString(running.interim ?? '')}; ${box} font-weight: bold; }
  @bottom-right { content: "Page " counter(page) " of " counter(pages); ${box} }
  @bottom-left { content: "careplan audit"; ${box} }
}
`;
}
