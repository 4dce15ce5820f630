import { cssString } from './auditEscape.js';

/**
 * The HTML audit's styles. Screen: from a 375 px phone up (a phone stacks each table's rows).
 * Print: A4 portrait, page 1 the summary, every table of fixed column widths so it fits the
 * printable width, headings kept with what follows. Colours are 3:1 or more against white for
 * graphics and 4.5:1 for text; status never by colour alone (a word, a mark, a border style).
 */
export const AUDIT_STYLE = `
:root { color-scheme: light; }
* { box-sizing: border-box; }
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; color: #1b1b1b; background: #fff;
  margin: 1.5rem auto; max-width: 64rem; padding: 0 1rem; line-height: 1.4; font-size: 15px; }
h1 { font-size: 1.6em; margin: 0 0 .3rem; }
h2 { font-size: 1.25em; border-bottom: 2px solid #005eb8; padding-bottom: .2rem; margin: 1.8rem 0 .6rem; }
h3 { font-size: 1em; margin: 1rem 0 .4rem; }
h2, h3 { break-after: avoid; page-break-after: avoid; }
p { margin: .3rem 0; }
a { color: #005eb8; }
nav ul { list-style: none; padding: 0; margin: .5rem 0; display: flex; flex-wrap: wrap; gap: .3rem 1rem; font-size: .9em; }
/* Targets of 24 px at least (WCAG 2.5.8). */
nav a { display: inline-block; min-height: 24px; padding: .2rem 0; }
.facts { font-size: .92em; }
.interim { background: #fff4d6; border-left: 6px solid #8a5a00; padding: .4rem .6rem; }
.cqc { background: #f0f4f5; border-left: 4px solid #005eb8; padding: .4rem .6rem; font-size: .88em; }
.note { background: #fff4d6; border-left: 4px solid #8a5a00; padding: .4rem .6rem; }
.rule { font-size: .9em; }
table { border-collapse: collapse; width: 100%; table-layout: fixed; margin: .4rem 0 .8rem; font-size: .86em; }
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
table.signoff td { height: 2.6em; }
.field { font-size: .8em; color: #3d4548; }
.tiles { list-style: none; padding: 0; margin: .4rem 0 .8rem; display: grid; gap: .45rem;
  grid-template-columns: repeat(auto-fill, minmax(10.5rem, 1fr)); }
.tile { border: 1px solid #b1b4b6; border-left: 6px solid #00703c; padding: .35rem .5rem;
  display: flex; flex-direction: column; gap: .1rem; }
.tile.not-met { border-left: 6px dashed #b10e1e; }
.tile.not-applicable { border-left: 6px dotted #505a5f; }
.tile-label { font-size: .8em; line-height: 1.25; }
.tile-value { font-size: 1.15em; font-weight: 700; }
.tile-value .pct { font-size: .85em; font-weight: 600; }
.tile-target { font-size: .78em; color: #3d4548; }
.tile .status { font-size: .85em; }
.runs { display: grid; grid-template-columns: repeat(auto-fill, minmax(16rem, 1fr)); gap: .6rem; }
figure.run { margin: 0; break-inside: avoid; }
figure.run figcaption { font-size: .9em; font-weight: 600; }
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
footer { margin-top: 2rem; font-size: .8em; color: #3d4548; border-top: 1px solid #b1b4b6; padding-top: .4rem; }
@media (max-width: 40rem) {
  body { font-size: 14px; padding: 0 .6rem; }
  /* A phone stacks each row: its header, then each cell under its column's name. */
  table.stack, table.stack tbody, table.stack tr, table.stack th, table.stack td { display: block; width: auto; }
  table.stack colgroup, table.stack thead { display: none; }
  table.stack tr { border: 1px solid #b1b4b6; margin-bottom: .5rem; }
  table.stack th, table.stack td { border: none; text-align: left; padding: .15rem .4rem; }
  table.stack td::before { content: attr(data-label); display: block; font-size: .8em; font-weight: 600; color: #3d4548; }
}
@media print {
  body { margin: 0; max-width: none; padding: 0; font-size: 8.5pt; line-height: 1.3; }
  nav { display: none; }
  h1 { font-size: 14pt; }
  .facts, .interim { font-size: 7.8pt; }
  .interim { padding: 2pt 4pt; }
  h2 { font-size: 12pt; margin: 10pt 0 4pt; }
  h3 { font-size: 9.5pt; margin: 6pt 0 3pt; }
  #summary h2 { margin-top: 4pt; }
  #summary p { margin: 1pt 0; }
  main > section.audit-section:first-of-type { break-before: page; }
  table { font-size: 7.8pt; margin: 2pt 0 6pt; }
  th, td { padding: 1.5pt 3pt; }
  tr, .chart, .tile, figure.run { break-inside: avoid; page-break-inside: avoid; }
  thead { display: table-header-group; }
  .keep > h3, .keep > p:not(:last-child) { break-after: avoid; page-break-after: avoid; }
  .keep.whole { break-inside: avoid; page-break-inside: avoid; }
  .tiles { grid-template-columns: repeat(6, 1fr); gap: 3pt; margin: 2pt 0 4pt; }
  .tile { padding: 1.5pt 3pt; gap: 0; border-left-width: 4pt; }
  .tile.not-met, .tile.not-applicable { border-left-width: 4pt; }
  .tile-label { font-size: 6.5pt; line-height: 1.2; }
  .tile-value { font-size: 9pt; }
  .tile-target, .tile .status, .tile-value .pct { font-size: 6.5pt; }
  table.compact { font-size: 7.3pt; }
  table.signoff td, table.signoff th { height: 16pt; }
  #summary h3 { margin: 4pt 0 2pt; }
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
  margin: 14mm 12mm 13mm 12mm;
  @top-left { content: ${cssString(running.home)}; ${box} }
  @top-center { content: ${cssString(running.month)}; ${box} }
  @top-right { content: ${cssString(running.interim ?? '')}; ${box} font-weight: bold; }
  @bottom-right { content: "Page " counter(page) " of " counter(pages); ${box} }
  @bottom-left { content: "careplan audit"; ${box} }
}
`;
}
