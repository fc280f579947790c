// `npm run bench`: every benchmark, after `npm run build`. Figures go in the README; nothing here is a test.
import { run as appSize } from './app-size.js';
import { run as bigAnswer } from './big-answer.js';
import { run as firstPrice } from './first-price.js';
import { run as format } from './format.js';
import { run as live } from './live.js';

await appSize();
console.log();
await format();
console.log();
await firstPrice();
console.log();
await live();
console.log();
await bigAnswer();
