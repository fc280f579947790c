// `import 'coin-ticker/feeds/auto.js'` makes `feed="auto"` work on elements imported one by one.
import { provideFeed } from '../core/config.js';
import { auto } from '../feeds/auto.js';

provideFeed('auto', auto);
