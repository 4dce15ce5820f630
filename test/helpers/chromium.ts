import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Readable, Writable } from 'node:stream';
import { PROJECT } from './repo.js';

/**
 * Debian's chromium; tests that need a real browser skip when it is absent (CI machines may not
 * have it). CAREPLAN_TEST_CHROMIUM names another binary (or a missing one, to see the tests skip).
 */
export const CHROMIUM = process.env.CAREPLAN_TEST_CHROMIUM ?? '/usr/bin/chromium';
export const hasChromium = existsSync(CHROMIUM);

/** The printable width of an A4 page (210 mm) with `marginMm` each side, in CSS pixels (96 an inch). */
export function printableWidthPx(marginMm: number): number {
  return Math.floor(((210 - 2 * marginMm) / 25.4) * 96);
}

/**
 * For `visit`: elements wider than the page (or outside it), and table cells whose content spills
 * out of them, as "tag.class: why" (JSON). Empty when everything fits.
 */
export const OVERFLOW = `JSON.stringify((() => {
  const width = document.documentElement.clientWidth;
  const out = [];
  if (document.documentElement.scrollWidth > width + 1) out.push('page: ' + document.documentElement.scrollWidth + ' > ' + width);
  for (const el of document.body.querySelectorAll('*')) {
    const box = el.getBoundingClientRect();
    if (box.width === 0 && box.height === 0) continue;
    const name = el.tagName.toLowerCase() + (el.getAttribute('class') ? '.' + el.getAttribute('class').replace(/ /g, '.') : '');
    if (box.right > width + 1 || box.left < -1) {
      out.push(name + ': ' + Math.round(box.left) + '..' + Math.round(box.right) + ' outside 0..' + width);
    }
    if ((el.tagName === 'TD' || el.tagName === 'TH') && el.scrollWidth > el.clientWidth + 1) {
      out.push(name + ' spills: ' + el.scrollWidth + ' > ' + el.clientWidth + ' "' + el.textContent.slice(0, 40) + '"');
    }
  }
  return out;
})())`;

/** axe-core's own script, to pass to `visit` in `scripts`. */
export function axeSource(): string {
  return readFileSync(path.join(PROJECT, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');
}

/** For `visit` (with `axeSource()` among its scripts): axe-core's violations of rules with these tags, as JSON. */
export function axeViolations(tags: readonly string[]): string {
  return `axe.run(document, { runOnly: { type: 'tag', values: ${JSON.stringify(tags)} }, resultTypes: ['violations'] })
  .then((r) => JSON.stringify(r.violations.map((v) => ({
    id: v.id, impact: v.impact, nodes: v.nodes.slice(0, 3).map((n) => n.target.join(' ') + ': ' + n.failureSummary),
  }))))`;
}

/** How to show the page before `evaluate` runs. */
export interface VisitOptions {
  /** CSS pixels wide (the height follows); default Chromium's own. */
  width?: number;
  /** Emulate print (the page as printed, at `width`) or screen media. */
  media?: 'print' | 'screen';
  /** Scripts run in the page before `evaluate` (axe-core): the page's own CSP is bypassed for them. */
  scripts?: string[];
  /** Where to write the A4 PDF printed from the page. */
  pdfFile?: string;
  timeoutMs?: number;
}

export interface PageVisit {
  /** Console errors and warnings, uncaught exceptions, and browser log errors (CSP violations, failed loads). */
  problems: string[];
  /** Every URL the page asked for, the page itself excepted. */
  requests: string[];
  /** What `evaluate` returned once the page had loaded. */
  result: unknown;
  /** Pages of an A4 PDF printed with the page's own CSS page size. */
  pdfPages: number;
}

type Message = {
  id?: number;
  method?: string;
  params?: Record<string, unknown>;
  result?: Record<string, unknown>;
  error?: { message: string };
  sessionId?: string;
};

/**
 * Opens `file` in headless Chromium driven over the DevTools protocol on a pipe
 * (--remote-debugging-pipe: JSON messages separated by NUL on fds 3 and 4), records console
 * errors and every request, evaluates `expression` in the page, and prints it to PDF on A4.
 */
export async function visit(file: string, expression: string, options: VisitOptions = {}): Promise<PageVisit> {
  const { timeoutMs = 90_000 } = options;
  const profile = mkdtempSync(path.join(tmpdir(), 'careplan-chromium-'));
  const child: ChildProcess = spawn(
    CHROMIUM,
    [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--no-default-browser-check',
      '--disable-extensions',
      `--user-data-dir=${profile}`,
      '--remote-debugging-pipe',
      'about:blank',
    ],
    { stdio: ['ignore', 'ignore', 'ignore', 'pipe', 'pipe'] },
  );
  const toBrowser = child.stdio[3] as Writable;
  const fromBrowser = child.stdio[4] as Readable;
  let nextId = 1;
  const pending = new Map<number, { resolve: (r: Record<string, unknown>) => void; reject: (e: Error) => void }>();
  const listeners: ((m: Message) => void)[] = [];
  let buffer = '';
  fromBrowser.on('data', (chunk: Buffer) => {
    buffer += chunk.toString('utf8');
    let end: number;
    while ((end = buffer.indexOf('\0')) >= 0) {
      const message = JSON.parse(buffer.slice(0, end)) as Message;
      buffer = buffer.slice(end + 1);
      if (message.id !== undefined && pending.has(message.id)) {
        const p = pending.get(message.id)!;
        pending.delete(message.id);
        if (message.error) p.reject(new Error(message.error.message));
        else p.resolve(message.result ?? {});
      } else {
        listeners.forEach((l) => l(message));
      }
    }
  });
  const send = (method: string, params: Record<string, unknown> = {}, sessionId?: string) =>
    new Promise<Record<string, unknown>>((resolve, reject) => {
      const id = nextId++;
      pending.set(id, { resolve, reject });
      toBrowser.write(`${JSON.stringify({ id, method, params, ...(sessionId ? { sessionId } : {}) })}\0`);
    });
  const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
  try {
    const { targetId } = await send('Target.createTarget', { url: 'about:blank' });
    const { sessionId } = (await send('Target.attachToTarget', { targetId, flatten: true })) as { sessionId: string };
    const problems: string[] = [];
    const requests: string[] = [];
    const url = `file://${path.resolve(file)}`;
    let loaded!: () => void;
    const load = new Promise<void>((resolve) => (loaded = resolve));
    listeners.push((m) => {
      if (m.sessionId !== sessionId) return;
      const p = m.params ?? {};
      if (m.method === 'Runtime.consoleAPICalled' && ['error', 'warning', 'assert'].includes(String(p.type)))
        problems.push(`console.${p.type}: ${JSON.stringify(p.args)}`);
      if (m.method === 'Runtime.exceptionThrown') problems.push(`exception: ${JSON.stringify(p.exceptionDetails)}`);
      if (m.method === 'Log.entryAdded') {
        const entry = p.entry as { level: string; text: string; url?: string };
        if (entry.level === 'error' || entry.level === 'warning')
          problems.push(`log ${entry.level}: ${entry.text} ${entry.url ?? ''}`.trim());
      }
      if (m.method === 'Network.requestWillBeSent') {
        const requested = (p.request as { url: string }).url;
        if (requested !== url) requests.push(requested);
      }
      if (m.method === 'Network.loadingFailed') problems.push(`failed to load: ${JSON.stringify(p)}`);
      if (m.method === 'Page.loadEventFired') loaded();
    });
    for (const domain of ['Runtime', 'Log', 'Network', 'Page']) await send(`${domain}.enable`, {}, sessionId);
    if (options.width) {
      const metrics = { width: options.width, height: 900, deviceScaleFactor: 1, mobile: false };
      await send('Emulation.setDeviceMetricsOverride', metrics, sessionId);
    }
    if (options.media) await send('Emulation.setEmulatedMedia', { media: options.media }, sessionId);
    if (options.scripts) await send('Page.setBypassCSP', { enabled: true }, sessionId);
    await send('Page.navigate', { url }, sessionId);
    await load;
    // Give late requests (fonts, images) a moment to show themselves.
    await new Promise((r) => setTimeout(r, 300));
    for (const script of options.scripts ?? []) await send('Runtime.evaluate', { expression: script }, sessionId);
    const evaluated = (await send('Runtime.evaluate', { expression, returnByValue: true, awaitPromise: true }, sessionId)) as {
      result: { value: unknown };
      exceptionDetails?: unknown;
    };
    if (evaluated.exceptionDetails) throw new Error(`evaluate failed: ${JSON.stringify(evaluated.exceptionDetails)}`);
    const pdf = (await send('Page.printToPDF', { paperWidth: 8.27, paperHeight: 11.69, preferCSSPageSize: true }, sessionId)) as {
      data: string;
    };
    const pdfBytes = Buffer.from(pdf.data, 'base64');
    if (options.pdfFile) writeFileSync(options.pdfFile, pdfBytes);
    const pdfText = pdfBytes.toString('latin1');
    const pdfPages = (pdfText.match(/\/Type\s*\/Page[^s]/g) ?? []).length;
    await send('Browser.close').catch(() => undefined);
    return { problems, requests, result: evaluated.result.value, pdfPages };
  } finally {
    clearTimeout(timer);
    if (child.exitCode === null && child.signalCode === null) {
      // After Browser.close it shuts its helper processes down itself; kill it only if it lingers.
      const exited = new Promise((resolve) => child.once('exit', resolve));
      const kill = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(kill);
    }
    // A helper process may still be writing into the profile for a moment: removing it is
    // housekeeping, and a leftover temporary folder is no reason to fail a test.
    try {
      rmSync(profile, { recursive: true, force: true, maxRetries: 10, retryDelay: 200 });
    } catch {
      // left in the temporary folder
    }
  }
}
