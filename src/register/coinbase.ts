// `import 'coin-ticker/feeds/coinbase.js'` makes `feed="coinbase"` work on elements imported one by one.
import { provideFeed } from '../core/config.js';
import { coinbase } from '../feeds/coinbase.js';

provideFeed('coinbase', coinbase);
