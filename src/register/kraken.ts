// `import 'coin-ticker/feeds/kraken.js'` makes `feed="kraken"` work on elements imported one by one.
import { provideFeed } from '../core/config.js';
import { kraken } from '../feeds/kraken.js';

provideFeed('kraken', kraken);
