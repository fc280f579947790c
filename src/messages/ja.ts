import { registerMessages } from '../core/config.js';
import type { Messages } from './en.js';

/** Japanese words for the elements: `import 'coin-ticker/messages/ja.js'` (npm) or `dist/messages/ja.js` (script tag). */
export const ja: Messages = {
  prices: '暗号資産の価格',
  tape: '価格ティッカー',
  currencySwitch: '通貨',
  pause: '一時停止',
  pauseWhat: '（価格ティッカー）',
  noCoins: '表示する銘柄がありません。coins属性を指定してください。',
  noCoin: '表示する銘柄がありません。coin属性を指定してください。',
  loading: (coin: string) => `${coin}を読み込み中`,
  up: '上昇',
  down: '下落',
  flat: '変わらず',
  notCurrent: '最新ではありません',
  live: 'リアルタイム',
  data: 'データ提供:',
  liveFrom: (source: string) => `${source}からリアルタイム配信`,
  updated: (age: string) => `最終更新：${age}`,
  low: '24時間安値',
  high: '24時間高値',
  trend: (change: string) => `7日間の推移：${change}`,
  noTrend: 'データなし',
  unknownCoin: '不明な銘柄',
  notOn: (source: string) => `${source}では取り扱いなし`,
  'rate-limit': (source: string) => `${source}がリクエストを制限しています`,
  network: (source: string) => `${source}に接続できません`,
  timeout: (source: string) => `${source}から時間内に応答がありません`,
  server: (source: string) => `${source}でサーバーエラーが発生しています`,
  format: (source: string) => `${source}から読み取れないデータが届きました`,
  currency: (source: string, currency: string) => `${source}は「${currency}」建ての価格を提供していません`,
  request: (source: string) => `${source}がリクエストを拒否しました`,
  unlisted: (source: string) => `${source}ではこれらの銘柄を取り扱っていません`,
  feed: (name: string, feeds: string) =>
    `「${name}」はフィードではありません${feeds && `（${feeds} を使用してください）`}`,
  endpoint: (endpoint: string) => `エンドポイント「${endpoint}」は http(s) または ws(s) のアドレスではありません`,
  'api-key': 'api-key にリクエストで送信できない文字が含まれています',
  retrying: '再試行中',
  retryIn: (seconds: number) => `${seconds}秒後に再試行`,
};

registerMessages('ja', ja);
