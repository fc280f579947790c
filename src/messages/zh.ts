import { registerMessages } from '../core/config.js';
import type { Messages } from './en.js';

/**
 * Simplified Chinese words for the elements, for every `zh` locale: `import 'coin-ticker/messages/zh.js'` (npm) or
 * `dist/messages/zh.js` (script tag).
 */
export const zh: Messages = {
  prices: '加密货币价格',
  tape: '行情滚动条',
  currencySwitch: '货币',
  pause: '暂停',
  pauseWhat: '行情滚动条',
  noCoins: '没有可显示的币种：请设置coins属性。',
  noCoin: '没有可显示的币种：请设置coin属性。',
  loading: (coin: string) => `正在加载${coin}`,
  up: '上涨',
  down: '下跌',
  flat: '持平',
  notCurrent: '非最新',
  live: '实时',
  data: '数据来源：',
  liveFrom: (source: string) => `实时行情来自${source}`,
  updated: (age: string) => `最后更新：${age}`,
  low: '24小时最低',
  high: '24小时最高',
  trend: (change: string) => `7日走势：${change}`,
  noTrend: '暂无数据',
  rank: '排名',
  coin: '币种',
  price: '价格',
  'change-24h': '24小时 %',
  'change-7d': '7日 %',
  'market-cap': '市值',
  volume: '成交量（24小时）',
  sparkline: '近7日',
  sorted: (column: string, order: string) => `已按${column}${order}排序`,
  ascending: '升序',
  descending: '降序',
  unknownCoin: '未知币种',
  notOn: (source: string) => `${source}未上架`,
  'rate-limit': (source: string) => `${source}限制了请求频率`,
  network: (source: string) => `无法连接${source}`,
  timeout: (source: string) => `${source}响应超时`,
  server: (source: string) => `${source}服务器出错`,
  format: (source: string) => `${source}返回的数据无法读取`,
  currency: (source: string, currency: string) => `${source}不提供“${currency}”报价`,
  request: (source: string) => `${source}拒绝了请求`,
  unlisted: (source: string) => `${source}未上架这些币种`,
  feed: (name: string, feeds: string) => `“${name}”不是数据源${feeds && `；请使用 ${feeds}`}`,
  endpoint: (endpoint: string) => `端点“${endpoint}”不是 http(s) 或 ws(s) 地址`,
  'api-key': 'api-key 含有请求无法发送的字符',
  retrying: '正在重试',
  retryIn: (seconds: number) => `${seconds}秒后重试`,
};

registerMessages('zh', zh);
