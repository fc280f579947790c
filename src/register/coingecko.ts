// `import 'coin-ticker/feeds/coingecko.js'` makes `feed="coingecko"` work on elements imported one by one.
import { provideFeed } from '../core/config.js';
import { coingecko } from '../feeds/coingecko.js';

provideFeed('coingecko', coingecko);
