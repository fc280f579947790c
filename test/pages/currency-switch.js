// A page whose readers may switch currencies: the choice is kept in this origin's localStorage across reloads.
import { configure } from '/dist/coin-ticker.min.js';

const sim = new URLSearchParams(location.search).get('sim');
configure({ endpoints: { coingecko: `${sim}/api/v3` } });
