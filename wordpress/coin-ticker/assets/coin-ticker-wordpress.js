// Applies the plugin's settings before any element asks for a price: importing the bundle registers the elements,
// and configure() in the same module evaluation runs before their first request goes out.
import { configure } from 'coin-ticker';

const data = document.getElementById('coin-ticker-settings');
const { config, theme } = data ? JSON.parse(data.textContent) : {};
if (config) configure(config);
// The theme is a setting, not a default printed into posts: an author's own `theme` wins.
if (theme) {
  for (const element of document.querySelectorAll(
    'coin-list:not([theme]), coin-ticker:not([theme]), coin-price:not([theme]), coin-card:not([theme]), coin-table:not([theme])',
  )) {
    element.setAttribute('theme', theme);
  }
}
