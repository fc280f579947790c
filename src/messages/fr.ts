import { registerMessages } from '../core/config.js';
import type { Messages } from './en.js';

// French typography puts a no-break space (\u00a0) before a colon and inside « »: a line never starts with either.

/** French words for the elements: `import 'coin-ticker/messages/fr.js'` (npm) or `dist/messages/fr.js` (script tag). */
export const fr: Messages = {
  prices: 'Cours des cryptomonnaies',
  tape: 'Bandeau des cours',
  currencySwitch: 'Devise',
  pause: 'Pause',
  pauseWhat: 'du bandeau des cours',
  noCoins: 'Aucune cryptomonnaie à afficher\u00a0: renseignez l’attribut coins.',
  noCoin: 'Aucune cryptomonnaie à afficher\u00a0: renseignez l’attribut coin.',
  loading: (coin: string) => `Chargement de ${coin}`,
  up: 'en hausse',
  down: 'en baisse',
  flat: 'inchangé',
  notCurrent: 'pas à jour',
  live: 'en direct',
  data: 'Données\u00a0:',
  liveFrom: (source: string) => `en direct de ${source}`,
  updated: (age: string) => `Mis à jour ${age}`,
  low: 'Plus bas 24 h',
  high: 'Plus haut 24 h',
  trend: (change: string) => `Tendance sur 7 jours\u00a0: ${change}`,
  noTrend: 'non disponible',
  rank: 'Rang',
  coin: 'Cryptomonnaie',
  price: 'Prix',
  'change-24h': '24 h %',
  'change-7d': '7 j %',
  'market-cap': 'Capitalisation',
  volume: 'Volume (24 h)',
  sparkline: '7 derniers jours',
  sorted: (column: string, order: string) => `Trié par ${column}, ordre ${order}`,
  ascending: 'croissant',
  descending: 'décroissant',
  unknownCoin: 'Cryptomonnaie inconnue',
  notOn: (source: string) => `Non listée sur ${source}`,
  'rate-limit': (source: string) => `${source} limite le nombre de requêtes`,
  network: (source: string) => `Pas de connexion à ${source}`,
  timeout: (source: string) => `${source} n’a pas répondu à temps`,
  server: (source: string) => `Erreur de serveur chez ${source}`,
  format: (source: string) => `${source} a envoyé des données illisibles`,
  currency: (source: string, currency: string) => `${source} ne cote pas en «\u00a0${currency}\u00a0»`,
  request: (source: string) => `${source} a refusé la requête`,
  unlisted: (source: string) => `${source} ne liste pas ces cryptomonnaies`,
  feed: (name: string, feeds: string) =>
    `le flux «\u00a0${name}\u00a0» n’existe pas${feeds && `\u00a0; utilisez ${feeds}`}`,
  endpoint: (endpoint: string) => `le point d’accès «\u00a0${endpoint}\u00a0» n’est pas une adresse http(s) ou ws(s)`,
  'api-key': 'api-key contient un caractère qu’aucune requête ne peut transmettre',
  retrying: 'nouvelle tentative en cours',
  retryIn: (seconds: number) => `nouvelle tentative dans ${seconds}\u00a0s`,
};

registerMessages('fr', fr);
