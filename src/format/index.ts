export { fixedDigits, formatPrice, priceParts, subscript } from './price.js';
export type { PriceOptions, PriceParts } from './price.js';
export { formatChange, changeDirection } from './change.js';
export type { ChangeOptions, ChangeDirection } from './change.js';
export { formatCompact } from './compact.js';
export type { CompactOptions } from './compact.js';
