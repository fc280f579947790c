// `import 'coin-ticker/feeds/binance.js'` makes `feed="binance"` work on elements imported one by one.
import { provideFeed } from '../core/config.js';
import { binance } from '../feeds/binance.js';

provideFeed('binance', binance);
