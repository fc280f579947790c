import { fixture as render, html } from '@open-wc/testing';
import type { TemplateResult } from 'lit';

/**
 * CLS exactly 0 (design.md): nothing that happens after an element's first render (prices landing, a feed failing,
 * recovering, failing again) may move anything on the page. Measured as the browser measures it, by the layout
 * shifts a `PerformanceObserver` reports.
 */
export class LayoutShifts {
  readonly entries: PerformanceEntry[] = [];
  private readonly observer = new PerformanceObserver((list) => this.entries.push(...list.getEntries()));

  constructor() {
    this.observer.observe({ type: 'layout-shift', buffered: true });
  }

  /** The shifts so far, once the last change has been laid out and painted. */
  async total(): Promise<number> {
    for (let i = 0; i < 3; i++) await new Promise(requestAnimationFrame);
    this.entries.push(...this.observer.takeRecords());
    return this.entries.reduce((sum, entry) => sum + (entry as PerformanceEntry & { value: number }).value, 0);
  }

  /** Starts counting from now: what came before (the page's first layout) is not a shift of ours. */
  async reset() {
    await this.total();
    this.entries.length = 0;
  }

  stop() {
    this.observer.disconnect();
  }
}

/** Each element on a line of its own with text after it, as in a page: a change of its size moves that text. */
export const page = (elements: TemplateResult) =>
  render<HTMLElement>(html`<main style="inline-size: 700px; font: 16px/1.5 sans-serif">
    ${elements}
    <p>The article goes on under the widgets.</p>
  </main>`);

/**
 * Whether `target` (or its `pseudo` element) draws a solid `line` in a colour that is neither transparent nor the
 * system's background colour: what forced colors keep when they drop backgrounds.
 */
export function drawn(target: Element, line: 'border-top' | 'outline', pseudo?: string): boolean {
  const probe = document.body.appendChild(Object.assign(document.createElement('i'), { style: 'color: Canvas' }));
  const canvas = getComputedStyle(probe).color;
  probe.remove();
  const style = getComputedStyle(target, pseudo);
  const color = style.getPropertyValue(`${line}-color`);
  return (
    style.getPropertyValue(`${line}-style`) === 'solid' &&
    parseFloat(style.getPropertyValue(`${line}-width`)) > 0 &&
    color !== canvas &&
    !/^rgba\(.*, 0\)$/.test(color)
  );
}
