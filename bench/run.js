// `npm run bench`: every benchmark, after `npm run build`. Figures go in the README; nothing here is a test.
import { run as milestones } from './milestones.js';
import { run as format } from './format.js';
import { run as live } from './live.js';

await milestones();
console.log();
await format();
console.log();
await live();
