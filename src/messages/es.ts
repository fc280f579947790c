import { registerMessages } from '../core/config.js';
import type { Messages } from './en.js';

/** Spanish words for the elements: `import 'coin-ticker/messages/es.js'` (npm) or `dist/messages/es.js` (script tag). */
export const es: Messages = {
  prices: 'Precios de criptomonedas',
  tape: 'Cinta de precios',
  currencySwitch: 'Moneda',
  pause: 'Pausar',
  pauseWhat: 'la cinta de precios',
  noCoins: 'No hay monedas que mostrar: indica el atributo coins.',
  noCoin: 'No hay ninguna moneda que mostrar: indica el atributo coin.',
  loading: (coin: string) => `Cargando ${coin}`,
  up: 'sube',
  down: 'baja',
  flat: 'sin cambios',
  notCurrent: 'no actualizado',
  live: 'en tiempo real',
  data: 'Datos:',
  liveFrom: (source: string) => `en tiempo real de ${source}`,
  updated: (age: string) => `Actualizado ${age}`,
  low: 'Mínimo 24 h',
  high: 'Máximo 24 h',
  trend: (change: string) => `Tendencia de 7 días: ${change}`,
  noTrend: 'no disponible',
  unknownCoin: 'Moneda desconocida',
  notOn: (source: string) => `No disponible en ${source}`,
  'rate-limit': (source: string) => `${source} está limitando las solicitudes`,
  network: (source: string) => `Sin conexión con ${source}`,
  timeout: (source: string) => `${source} no respondió a tiempo`,
  server: (source: string) => `Error del servidor de ${source}`,
  format: (source: string) => `${source} envió datos ilegibles`,
  currency: (source: string, currency: string) => `${source} no cotiza en «${currency}»`,
  request: (source: string) => `${source} rechazó la solicitud`,
  unlisted: (source: string) => `${source} no lista estas monedas`,
  feed: (name: string, feeds: string) => `«${name}» no es un feed${feeds && `; use ${feeds}`}`,
  endpoint: (endpoint: string) => `el endpoint «${endpoint}» no es una dirección http(s) ni ws(s)`,
  'api-key': 'api-key contiene un carácter que ninguna solicitud puede enviar',
  retrying: 'reintentando',
  retryIn: (seconds: number) => `reintento en ${seconds} s`,
};

registerMessages('es', es);
