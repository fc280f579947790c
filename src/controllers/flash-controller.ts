import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { config } from '../core/config.js';
import { formatPrice, type PriceOptions } from '../format/index.js';
import type { QuoteController } from './quote-controller.js';

/** Read once: a tick's flash is decoration, and under reduced motion there is none. */
const reducedMotion = globalThis.matchMedia?.('(prefers-reduced-motion: reduce)');
/** How long a moved price shows its direction's colour at least, in ms. */
const FLASH = 400;
/**
 * A due tint ends with the host's next render: a busy feed renders every 500 ms, so ending its tints costs no style
 * and paint pass of its own (on the live benchmark, 2 to 4 % of the main thread). A timer this much later ends them
 * when no render comes.
 */
const LATE = 200;

/**
 * After each render of `host`, a brief up or down tint on each price whose shown text moved: only rows that changed
 * are touched, a tick that changes no digit on screen does not flash, and a new flash replaces a running one.
 * The tint is the change's own `up`/`down` colour, on for FLASH ms or a little longer, then off: at most two style
 * changes per flash, made in renders the host does anyway.
 * An animated fade (of the colour, or of an overlay's opacity on the compositor) redraws or re-layers every
 * flashing price in every frame, which at a few hundred flashes a second cost the page more than everything else.
 * `shown` gives the coins on show now and the options their prices are formatted with.
 */
export function flashController(
  host: ReactiveControllerHost & { renderRoot: ParentNode },
  quotes: Pick<QuoteController, 'quote'>,
  shown: () => [ids: readonly string[], options: PriceOptions],
): ReactiveController {
  /** Prices as last rendered, per coin and currency, to flash the ones that moved: a reader's switch is no move. */
  const last = new Map<string, { price: number; text: string }>();
  /** Prices tinted now, with when each tint ends; one timer ends them. */
  const flashing = new Map<Element, number>();
  let timer: unknown;

  /** Ends the tints due by `now`, and waits for the next one to be due, and LATE more. */
  function fade(now = config.clock.now()) {
    config.clock.clearTimeout(timer);
    timer = undefined;
    let next = Infinity;
    for (const [el, end] of flashing) {
      if (end > now) next = Math.min(next, end);
      else {
        el.removeAttribute('class');
        flashing.delete(el);
      }
    }
    if (next < Infinity) timer = config.clock.setTimeout(() => fade(), next - now + LATE);
  }

  const controller: ReactiveController = {
    hostUpdated() {
      fade();
      const [ids, options] = shown();
      for (const id of ids) {
        const price = quotes.quote(id)?.price;
        if (price === undefined) continue;
        const text = formatPrice(price, options);
        const key = `${id} ${options.currency}`;
        const before = last.get(key);
        if (text === before?.text) continue;
        last.set(key, { price, text });
        if (!before || reducedMotion?.matches) continue;
        // Every copy of the row: <coin-ticker> shows two.
        for (const el of host.renderRoot.querySelectorAll(`[data-coin="${id}"] [part=price]`)) {
          el.className = price > before.price ? 'up' : 'down';
          flashing.set(el, config.clock.now() + FLASH);
        }
      }
      if (flashing.size) timer ??= config.clock.setTimeout(() => fade(), FLASH + LATE);
    },
    hostDisconnected: () => fade(Infinity),
  };
  host.addController(controller);
  return controller;
}
