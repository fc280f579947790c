// Types of snippet.js for the TypeScript tests, which do not read JavaScript.

export type Kind = 'coin-list' | 'coin-ticker' | 'coin-price' | 'coin-card' | 'coin-table';

export interface WidgetOptions {
  kind: Kind;
  coins: readonly string[];
  currency?: string;
  locale?: string;
  feed?: string;
  endpoint?: string;
  theme?: string;
  speed?: number;
  decimals?: number;
  noLogo?: boolean;
  noChange?: boolean;
  columns?: readonly string[];
  sort?: string;
}

export const SCRIPT_SRC: string;
export const SCRIPT_TAG: string;
export const MODULE_PRELOAD: string;
export const PRECONNECT: string;
export const DEFAULTS: Readonly<{ currency: string; feed: string; theme: string; speed: number }>;
export const MULTI_COIN: readonly string[];
export const TABLE_COLUMNS: readonly string[];
export const RELAY_PLACEHOLDER: string;
export function escapeAttribute(value: string): string;
export function parseCoinsInput(text: string): {
  ids: string[];
  invalid: string[];
  symbols: Array<[symbol: string, id: string]>;
};
export function canonicalLocale(text: string): string | null;
export function attributes(options: WidgetOptions): Array<[string, string | true]>;
export function elementMarkup(options: WidgetOptions): string;
export function snippet(options: WidgetOptions): string;
