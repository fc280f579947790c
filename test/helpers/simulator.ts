import { executeServerCommand } from '@web/test-runner-commands';

/** The exchanges the simulator serves, by the name `/sim/fault` and `/sim/state` use. */
export type Exchange = 'kraken' | 'coinbase' | 'binance';

export interface FeedState {
  connections: number;
  opened: number;
  refused: number;
  messagesSent: number;
}

export interface SimState {
  ticks: number;
  ws: Record<Exchange, FeedState>;
}

/** A fault to inject: the `ws-` kinds on exchange sockets, the others on CoinGecko's answers. */
export interface WsFault {
  kind: 'ws-drop' | 'ws-silent' | 'ws-garbage' | 'ws-shutdown' | 'ws-refuse' | 'ws-none' | '500' | 'none';
  feed?: Exchange | 'all';
  seconds?: number;
  count?: number;
}

/** A market item from the simulator's CoinGecko, the fields the tests compare against. */
export interface SimMarket {
  id: string;
  name: string;
  image: string;
  current_price: number;
  price_change_percentage_24h: number;
}

/**
 * The demo's market simulator as the test runner started it (web-test-runner.config.mjs): an OS-picked port on
 * 127.0.0.1, nothing ticking or beating unless a test says so.
 */
export class Simulator {
  private constructor(readonly base: string) {}

  static async start(): Promise<Simulator> {
    return new Simulator(await executeServerCommand<string, undefined>('simulator-url'));
  }

  /** `ws://127.0.0.1:PORT` + path. */
  ws(path: string): string {
    return this.base.replace(/^http/, 'ws') + path;
  }

  async state(): Promise<SimState> {
    return (await this.call('GET', '/sim/state')) as SimState;
  }

  /** One market step: every coin moves, every subscribed pair gets an update. */
  async tick(): Promise<void> {
    await this.call('POST', '/sim/tick');
  }

  /** One exchange second: heartbeats, pings, fault countdowns. */
  async beat(): Promise<void> {
    await this.call('POST', '/sim/beat');
  }

  async fault(fault: WsFault): Promise<void> {
    await this.call('POST', '/sim/fault', fault);
  }

  /** The simulator's own current prices, unrounded, from its CoinGecko. */
  async markets(ids: readonly string[], currency = 'usd'): Promise<Map<string, SimMarket>> {
    const path = `/api/v3/coins/markets?vs_currency=${currency}&ids=${ids.join(',')}&precision=full`;
    const items = (await this.call('GET', path)) as SimMarket[];
    return new Map(items.map((item) => [item.id, item]));
  }

  /**
   * Waits until the server has seen every socket of these exchanges close. A close travels over the network, so
   * there is no page event for the server having handled it: this polls `/sim/state`, yielding a frame between
   * polls, a bounded number of times.
   */
  async untilClosed(feeds: readonly Exchange[] = ['kraken', 'coinbase', 'binance'], max = 200): Promise<SimState> {
    let state = await this.state();
    for (let i = 0; i < max && feeds.some((f) => state.ws[f].connections > 0); i++) {
      await new Promise(requestAnimationFrame);
      state = await this.state();
    }
    return state;
  }

  private async call(method: string, path: string, body?: unknown): Promise<unknown> {
    const response = await fetch(this.base + path, {
      method,
      body: body === undefined ? undefined : JSON.stringify(body),
      headers: body === undefined ? undefined : { 'content-type': 'application/json' },
    });
    const json: unknown = await response.json();
    if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${JSON.stringify(json)}`);
    return json;
  }
}

/** A recorded frame from test/fixtures/feeds, as the text the exchange sent. */
export async function recorded(path: string): Promise<string> {
  const response = await fetch(`/test/fixtures/feeds/${path}`);
  if (!response.ok) throw new Error(`fixture ${path}: ${response.status}`);
  return (await response.text()).trim();
}
