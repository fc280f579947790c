// @ts-check
/**
 * Fault injection: "make the next n answers fail this way". One pending fault at a time; setting a new one replaces it.
 */

/** @typedef {'429' | '500' | 'slow' | 'garbage'} FaultKind */

/** @type {readonly string[]} */
export const FAULT_KINDS = Object.freeze(['429', '500', 'slow', 'garbage', 'none']);

/** Upper bound on `count`, so a typo cannot break the demo for hours. */
const MAX_COUNT = 1000;

export class Faults {
  /** @type {FaultKind | null} */
  #kind = null;
  #remaining = 0;
  /** Faulty answers served so far. */
  served = 0;

  /**
   * Validates and applies a `POST /sim/fault` body.
   * @param {unknown} body
   * @returns {string | null} an error message, or null when applied
   */
  set(body) {
    if (typeof body !== 'object' || body === null) return 'expected a JSON object';
    const { kind, count = 1 } = /** @type {{ kind?: unknown, count?: unknown }} */ (body);
    if (typeof kind !== 'string' || !FAULT_KINDS.includes(kind)) return `kind must be one of ${FAULT_KINDS.join(', ')}`;
    if (typeof count !== 'number' || !Number.isInteger(count) || count < 0 || count > MAX_COUNT) {
      return `count must be an integer from 0 to ${MAX_COUNT}`;
    }
    if (kind === 'none' || count === 0) {
      this.#kind = null;
      this.#remaining = 0;
    } else {
      this.#kind = /** @type {FaultKind} */ (kind);
      this.#remaining = count;
    }
    return null;
  }

  /**
   * The fault the next answer must show, consuming one, or null for a normal answer.
   * @returns {FaultKind | null}
   */
  take() {
    if (!this.#kind) return null;
    const kind = this.#kind;
    if (--this.#remaining <= 0) this.#kind = null;
    this.served++;
    return kind;
  }

  /** What is pending, for `/sim/state`. */
  get pending() {
    return this.#kind ? { kind: this.#kind, remaining: this.#remaining } : null;
  }
}
