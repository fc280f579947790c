import { registerMessages } from '../core/config.js';
import type { Messages } from './en.js';

/** German words for the elements: `import 'coin-ticker/messages/de.js'` (npm) or `dist/messages/de.js` (script tag). */
export const de: Messages = {
  prices: 'Kryptowährungskurse',
  tape: 'Kurslaufband',
  currencySwitch: 'Währung',
  pause: 'Pause',
  pauseWhat: 'des Kurslaufbands',
  noCoins: 'Keine Coins zum Anzeigen: Attribut coins setzen.',
  noCoin: 'Kein Coin zum Anzeigen: Attribut coin setzen.',
  loading: (coin: string) => `${coin} wird geladen`,
  up: 'gestiegen',
  down: 'gefallen',
  flat: 'unverändert',
  notCurrent: 'nicht aktuell',
  live: 'live',
  data: 'Daten:',
  liveFrom: (source: string) => `live von ${source}`,
  updated: (age: string) => `Aktualisiert ${age}`,
  low: '24-h-Tief',
  high: '24-h-Hoch',
  trend: (change: string) => `7-Tage-Trend: ${change}`,
  noTrend: 'nicht verfügbar',
  unknownCoin: 'Unbekannter Coin',
  notOn: (source: string) => `Nicht bei ${source} gelistet`,
  'rate-limit': (source: string) => `${source} drosselt die Anfragen`,
  network: (source: string) => `Keine Verbindung zu ${source}`,
  timeout: (source: string) => `${source} hat nicht rechtzeitig geantwortet`,
  server: (source: string) => `${source} meldet einen Serverfehler`,
  format: (source: string) => `${source} hat unlesbare Daten gesendet`,
  currency: (source: string, currency: string) => `${source} notiert nicht in „${currency}“`,
  request: (source: string) => `${source} hat die Anfrage abgelehnt`,
  unlisted: (source: string) => `${source} führt diese Coins nicht`,
  feed: (name: string, feeds: string) => `„${name}“ ist kein Feed${feeds && `; verwenden Sie ${feeds}`}`,
  endpoint: (endpoint: string) => `Endpunkt „${endpoint}“ ist keine http(s)- oder ws(s)-Adresse`,
  'api-key': 'api-key enthält ein Zeichen, das keine Anfrage übertragen kann',
  retrying: 'neuer Versuch läuft',
  retryIn: (seconds: number) => `neuer Versuch in ${seconds} s`,
};

registerMessages('de', de);
