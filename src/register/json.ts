// `import 'coin-ticker/feeds/json.js'` makes `feed="json"` work on elements imported one by one.
import { provideFeed } from '../core/config.js';
import { json } from '../feeds/json.js';

provideFeed('json', json);
