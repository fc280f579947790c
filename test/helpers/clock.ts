import type { Clock } from '../../src/core/clock.js';

/**
 * Time that moves only when a test says so. Timers fire in due order, each at its own time, on the monotonic clock
 * (as real timers do); `jump` sets the wall clock alone, as a person or NTP setting the system clock would.
 */
export class FakeClock implements Clock {
  /** Monotonic time: what `advance` moves and timers run on. */
  private time = 0;
  /** Wall time at monotonic 0. */
  private epoch = Date.parse('2026-02-17T16:00:00Z');
  private timers = new Map<number, { at: number; callback: () => void }>();
  private nextId = 1;

  now = () => this.epoch + this.time;

  monotonic = () => this.time;

  setTimeout = (callback: () => void, ms: number) => {
    const id = this.nextId++;
    this.timers.set(id, { at: this.time + Math.max(0, ms), callback });
    return id;
  };

  clearTimeout = (handle: unknown) => {
    this.timers.delete(handle as number);
  };

  /** Timers still waiting: zero means nothing will ever happen again without outside input. */
  get pending(): number {
    return this.timers.size;
  }

  /** When the earliest waiting timer is due, in ms from now (Infinity when none). */
  get nextDue(): number {
    let next = Infinity;
    for (const { at } of this.timers.values()) next = Math.min(next, at);
    return next - this.time;
  }

  /** Moves time forward by `ms`, wall and monotonic alike, running every timer that falls due on the way. */
  advance(ms: number): void {
    const end = this.time + ms;
    for (;;) {
      let due: [number, { at: number; callback: () => void }] | undefined;
      for (const timer of this.timers) if (timer[1].at <= end && (!due || timer[1].at < due[1].at)) due = timer;
      if (!due) break;
      this.timers.delete(due[0]);
      this.time = due[1].at;
      due[1].callback();
    }
    this.time = end;
  }

  /** Sets the wall clock `ms` forward (or back, when negative) without any time passing: no timer runs. */
  jump(ms: number): void {
    this.epoch += ms;
  }
}
