// `import 'coin-ticker/feeds/relay.js'` makes `feed="relay"` work on elements imported one by one.
import { provideFeed } from '../core/config.js';
import { relay } from '../feeds/relay.js';

provideFeed('relay', relay);
