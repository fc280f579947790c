import { expect } from '@open-wc/testing';
import { reconnectingSocket, type DropReason, type SocketLike, type SocketOptions } from '../../src/core/socket.js';
import { FakeClock } from '../helpers/clock.js';

// The reconnecting socket on its own: a WebSocket the test drives by hand (it opens, speaks and closes only when
// told) and a fake clock, so every delay is exact and nothing sleeps. The feeds' suites run it on real sockets.

/** The client's side of one connection, and the server's levers: open it, speak on it, close it. */
class HandSocket implements SocketLike {
  readyState: SocketLike['readyState'] = 0;
  /** Every frame the client sent, parsed. */
  readonly sent: unknown[] = [];
  /** Whether the client closed it. */
  closed = false;
  onopen: unknown;
  onmessage: unknown;
  onclose: unknown;
  onerror: unknown;

  constructor(readonly url: string) {}

  send(data: string) {
    this.sent.push(JSON.parse(data));
  }

  close() {
    this.closed = true;
    this.readyState = 3;
  }

  open() {
    this.readyState = 1;
    (this.onopen as () => void)();
  }

  speak(data = '{}') {
    (this.onmessage as (event: { data: unknown }) => void)({ data });
  }

  /** The server ends the connection (or refuses it): the browser reports an error, then the close. */
  end() {
    this.readyState = 3;
    (this.onerror as () => void)();
    (this.onclose as () => void)();
  }
}

const SECOND = 1000;
const LIVENESS = 10 * SECOND;

/** A socket as a feed would open it, with everything it reports recorded. */
async function harness(options: Partial<SocketOptions> = {}) {
  const clock = new FakeClock();
  const sockets: HandSocket[] = [];
  const drops: DropReason[] = [];
  const received: unknown[] = [];
  let opens = 0;
  const socket = reconnectingSocket({
    url: 'wss://exchange.test/ws',
    WebSocket: class extends HandSocket {
      constructor(url: string) {
        super(url);
        sockets.push(this);
      }
    },
    clock,
    liveness: LIVENESS,
    onOpen: () => opens++,
    onMessage: (data) => received.push(data),
    onDrop: (reason) => drops.push(reason),
    ...options,
  });
  // It connects once the task that made it ends.
  await Promise.resolve();
  const last = () => sockets.at(-1)!;
  /** Ends the current connection and answers how long the socket waits before the next attempt. */
  const dropAndWait = () => {
    const count = sockets.length;
    last().end();
    const delay = clock.nextDue;
    clock.advance(delay);
    expect(sockets, 'a new attempt').to.have.length(count + 1);
    return delay;
  };
  return { clock, socket, sockets, drops, received, opens: () => opens, last, dropAndWait };
}

describe('reconnectingSocket', () => {
  const random = Math.random;
  afterEach(() => {
    Math.random = random;
  });

  it('connects once the current task ends; sends and hears once open', async () => {
    const h = await harness();
    expect(h.sockets).to.have.length(1);
    expect(h.last().url).to.equal('wss://exchange.test/ws');
    h.last().open();
    expect(h.opens()).to.equal(1);
    h.socket.send({ method: 'subscribe' });
    expect(h.last().sent).to.deep.equal([{ method: 'subscribe' }]);
    h.last().speak('{"price":1}');
    expect(h.received).to.deep.equal(['{"price":1}']);
    h.socket.close();
  });

  it('sends nothing before the socket is open: the open that follows sends everything anyway', async () => {
    const h = await harness();
    h.socket.send({ method: 'subscribe' });
    expect(h.last().sent).to.deep.equal([]);
    h.socket.close();
  });

  describe('the reconnect schedule', () => {
    it('at once the first time, then from 1 s doubling to a cap of 30 s, at least half of each step', async () => {
      Math.random = () => 0;
      const h = await harness();
      const delays = Array.from({ length: 8 }, h.dropAndWait);
      expect(delays).to.deep.equal([0, 500, 1000, 2000, 4000, 8000, 15000, 15000]);
      expect(h.drops).to.deep.equal(Array(8).fill('network'));
      h.socket.close();
    });

    it('at most the whole step', async () => {
      Math.random = () => 1 - Number.EPSILON;
      const h = await harness();
      const delays = Array.from({ length: 8 }, h.dropAndWait);
      const steps = [0, 1000, 2000, 4000, 8000, 16000, 30000, 30000];
      delays.forEach((delay, i) => expect(delay, `delay ${i}`).to.be.closeTo(steps[i], 1e-6));
      h.socket.close();
    });

    it('jittered: delays spread over 50–100 % of each step, so tabs that failed together do not retry in lockstep', async () => {
      const h = await harness();
      h.dropAndWait();
      const seconds: number[] = [];
      for (let i = 0; i < 40; i++) {
        const delay = h.dropAndWait();
        const step = Math.min(30_000, 1000 * 2 ** i);
        expect(delay, `delay ${i + 1}`).to.be.within(step / 2, step);
        if (step === 30_000) seconds.push(delay);
      }
      expect(new Set(seconds).size, 'capped delays all different').to.be.greaterThan(seconds.length / 2);
      h.socket.close();
    });

    it('starts over after a connection that stayed up 10 s, and only then', async () => {
      Math.random = () => 0;
      const h = await harness({ liveness: 60 * SECOND });
      for (let i = 0; i < 4; i++) h.dropAndWait();
      // Up just short of 10 s: the schedule goes on growing.
      h.last().open();
      h.clock.advance(10 * SECOND - 1);
      expect(h.dropAndWait()).to.equal(4000);
      // Up 10 s: the next drop reconnects at once, and the one after waits the first step again.
      h.last().open();
      h.clock.advance(10 * SECOND);
      expect(h.dropAndWait()).to.equal(0);
      expect(h.dropAndWait()).to.equal(500);
      h.socket.close();
    });
  });

  describe('liveness', () => {
    it('keeps a connection that speaks, and drops one silent for its liveness, whatever the socket says', async () => {
      const h = await harness();
      h.last().open();
      for (let i = 0; i < 5; i++) {
        h.clock.advance(LIVENESS - 1);
        h.last().speak();
      }
      expect(h.drops).to.deep.equal([]);
      const first = h.last();
      h.clock.advance(LIVENESS - 1);
      expect(first.closed).to.equal(false);
      h.clock.advance(1);
      expect(first.closed, 'closed by the client').to.equal(true);
      expect(h.drops).to.deep.equal(['timeout']);
      // A stable connection's first drop: a new attempt at once.
      expect(h.sockets).to.have.length(2);
      h.socket.close();
    });

    it('keeps one timer however fast the messages come', async () => {
      const h = await harness();
      h.last().open();
      for (let i = 0; i < 1000; i++) {
        h.last().speak();
        h.clock.advance(1);
      }
      expect(h.clock.pending).to.equal(1);
      h.socket.close();
    });

    // The system clock set under a live connection (by a person, or NTP after a laptop wakes): silence is measured on
    // the monotonic clock, so the connection lives exactly as long as it would have. Measured on the wall clock, the
    // first jump would drop a connection that spoke a moment ago, and the second hold a dead one for five hours.
    it('a wall clock set hours forward does not drop a connection that spoke within its liveness', async () => {
      const h = await harness();
      h.last().open();
      h.clock.advance(LIVENESS / 2);
      h.last().speak();
      h.clock.jump(5 * 3600 * SECOND);
      h.clock.advance(LIVENESS - 1);
      expect(h.last().closed).to.equal(false);
      expect(h.drops).to.deep.equal([]);
      h.clock.advance(1);
      expect(h.drops).to.deep.equal(['timeout']);
      h.socket.close();
    });

    it('a wall clock set hours back does not hold a silent connection past its liveness', async () => {
      const h = await harness();
      const first = h.last();
      first.open();
      h.clock.advance(LIVENESS / 2);
      first.speak();
      h.clock.jump(-5 * 3600 * SECOND);
      h.clock.advance(LIVENESS - 1);
      expect(first.closed).to.equal(false);
      h.clock.advance(1);
      expect(first.closed).to.equal(true);
      expect(h.drops).to.deep.equal(['timeout']);
      h.socket.close();
    });

    it('silence on the monotonic clock drops a connection even while the wall clock stands still', async () => {
      const h = await harness();
      h.last().open();
      const wall = h.clock.now();
      h.clock.jump(-LIVENESS);
      h.clock.advance(LIVENESS);
      expect(h.clock.now()).to.equal(wall);
      expect(h.drops).to.deep.equal(['timeout']);
      h.socket.close();
    });

    it('a wall clock set an hour forward does not make a moment-old connection stable', async () => {
      Math.random = () => 0;
      const h = await harness();
      h.dropAndWait();
      h.last().open();
      h.clock.jump(3600 * SECOND);
      expect(h.dropAndWait(), 'the backoff goes on').to.equal(500);
      h.socket.close();
    });
  });

  it('gives up on a socket not open within 10 s, and tries again', async () => {
    const h = await harness();
    const first = h.last();
    h.clock.advance(10 * SECOND - 1);
    expect(first.closed).to.equal(false);
    h.clock.advance(1);
    expect(first.closed).to.equal(true);
    expect(h.drops).to.deep.equal(['network']);
    expect(h.sockets, 'the first drop retries at once').to.have.length(2);
    h.socket.close();
  });

  describe('lifetime', () => {
    it('replaces a connection at its lifetime, at once and as planned, not as a lost one; the next gets its own', async () => {
      const h = await harness({ lifetime: 60 * SECOND });
      /** The server speaks every few seconds for `ms`. */
      const talk = (ms: number) => {
        for (let left = ms; left > 0; left -= 5 * SECOND) {
          h.clock.advance(Math.min(5 * SECOND, left));
          h.last().speak();
        }
      };
      h.last().open();
      const first = h.last();
      talk(60 * SECOND - 1);
      expect(first.closed).to.equal(false);
      h.clock.advance(1);
      expect(first.closed).to.equal(true);
      expect(h.drops).to.deep.equal(['planned']);
      expect(h.sockets).to.have.length(2);
      h.last().open();
      talk(60 * SECOND - 1);
      expect(h.sockets).to.have.length(2);
      h.clock.advance(1);
      expect(h.sockets).to.have.length(3);
      expect(h.drops).to.deep.equal(['planned', 'planned']);
      h.socket.close();
    });

    it('a replacement that has to wait out a backoff is reported as a lost connection', async () => {
      Math.random = () => 0;
      const h = await harness({ lifetime: 5 * SECOND });
      h.dropAndWait();
      h.last().open();
      h.clock.advance(5 * SECOND);
      expect(h.drops).to.deep.equal(['network', 'network']);
      expect(h.clock.nextDue).to.equal(500);
      h.socket.close();
    });
  });

  describe('reconnect()', () => {
    it('after a stable connection: at once, as planned', async () => {
      const h = await harness({ liveness: 60 * SECOND });
      h.last().open();
      h.clock.advance(10 * SECOND);
      h.socket.reconnect();
      expect(h.drops).to.deep.equal(['planned']);
      expect(h.clock.nextDue).to.equal(0);
      h.socket.close();
    });

    it('on a connection not yet stable: after the backoff, reported as lost meanwhile', async () => {
      Math.random = () => 0;
      const h = await harness();
      h.dropAndWait();
      h.last().open();
      h.socket.reconnect();
      expect(h.drops).to.deep.equal(['network', 'network']);
      expect(h.clock.nextDue).to.equal(500);
      h.socket.close();
    });
  });

  describe('close()', () => {
    it('is idempotent: one close, one report, no timer left, no attempt after', async () => {
      const h = await harness();
      h.last().open();
      h.socket.close();
      h.socket.close();
      expect(h.last().closed).to.equal(true);
      expect(h.drops).to.deep.equal(['planned']);
      expect(h.clock.pending).to.equal(0);
      h.clock.advance(3600 * SECOND);
      expect(h.sockets).to.have.length(1);
    });

    it('while waiting to retry: the retry is off', async () => {
      Math.random = () => 0;
      const h = await harness();
      h.dropAndWait();
      h.last().end();
      expect(h.clock.pending).to.equal(1);
      h.socket.close();
      expect(h.clock.pending).to.equal(0);
      expect(h.drops).to.deep.equal(['network', 'network']);
      h.clock.advance(3600 * SECOND);
      expect(h.sockets).to.have.length(2);
    });

    it('in the task that made it: no socket is ever opened', async () => {
      const clock = new FakeClock();
      let made = 0;
      const socket = reconnectingSocket({
        url: 'wss://exchange.test/ws',
        WebSocket: class extends HandSocket {
          constructor(url: string) {
            super(url);
            made++;
          }
        },
        clock,
        liveness: LIVENESS,
        onOpen() {},
        onMessage() {},
        onDrop() {},
      });
      socket.close();
      await Promise.resolve();
      expect(made).to.equal(0);
      expect(clock.pending).to.equal(0);
    });
  });

  it('gives up for good on a URL no socket can open', async () => {
    const drops: DropReason[] = [];
    const clock = new FakeClock();
    reconnectingSocket({
      url: 'https://not-a-socket.test',
      WebSocket: class {
        constructor() {
          throw new SyntaxError('not a WebSocket URL');
        }
      } as unknown as SocketOptions['WebSocket'],
      clock,
      liveness: LIVENESS,
      onOpen() {},
      onMessage() {},
      onDrop: (reason) => drops.push(reason),
    });
    await Promise.resolve();
    expect(drops).to.deep.equal(['invalid']);
    expect(clock.pending).to.equal(0);
  });

  describe('a hidden tab', () => {
    const GRACE = 60 * SECOND;

    it('keeps its connection through a glance away', async () => {
      const h = await harness({ liveness: 2 * GRACE });
      h.last().open();
      h.socket.setActive(false);
      h.clock.advance(GRACE - 1);
      h.socket.setActive(true);
      h.clock.advance(GRACE);
      expect(h.last().closed).to.equal(false);
      expect(h.sockets).to.have.length(1);
      expect(h.drops).to.deep.equal([]);
      h.socket.close();
    });

    it('lets it go after a minute hidden, tries nothing while hidden, and connects at once on return', async () => {
      const h = await harness({ liveness: 2 * GRACE });
      h.last().open();
      h.socket.setActive(false);
      h.clock.advance(GRACE);
      expect(h.last().closed).to.equal(true);
      expect(h.drops, 'as planned, not as lost').to.deep.equal(['planned']);
      expect(h.clock.pending).to.equal(0);
      h.clock.advance(3600 * SECOND);
      expect(h.sockets).to.have.length(1);
      h.socket.setActive(true);
      expect(h.sockets).to.have.length(2);
      h.socket.close();
    });

    it('a connection lost while hidden is not retried until the page is back', async () => {
      const h = await harness();
      h.last().open();
      h.socket.setActive(false);
      h.last().end();
      expect(h.drops).to.deep.equal(['network']);
      expect(h.clock.pending).to.equal(0);
      h.socket.setActive(true);
      expect(h.sockets).to.have.length(2);
      h.socket.close();
    });

    it('a retry waiting when the page hides waits for its return, then goes at once', async () => {
      Math.random = () => 0;
      const h = await harness();
      h.dropAndWait();
      h.last().end();
      h.socket.setActive(false);
      expect(h.clock.pending).to.equal(0);
      h.socket.setActive(true);
      expect(h.sockets).to.have.length(3);
      h.socket.close();
    });

    it('hidden from the start: connects only once the page is shown', async () => {
      const clock = new FakeClock();
      let made = 0;
      const socket = reconnectingSocket({
        url: 'wss://exchange.test/ws',
        WebSocket: class extends HandSocket {
          constructor(url: string) {
            super(url);
            made++;
          }
        },
        clock,
        liveness: LIVENESS,
        onOpen() {},
        onMessage() {},
        onDrop() {},
      });
      socket.setActive(false);
      await Promise.resolve();
      expect(made).to.equal(0);
      // Only a change counts: a second "hidden", or "shown" when shown, does nothing.
      socket.setActive(false);
      socket.setActive(true);
      expect(made).to.equal(1);
      socket.setActive(true);
      expect(made).to.equal(1);
      socket.close();
    });
  });
});
