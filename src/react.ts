// coin-ticker/react: the elements as React components, for React 18 and earlier, which set every prop as an attribute
// and cannot listen for custom events. React 19 handles custom elements itself: use the tags, typed by coin-ticker/types/jsx.
// Never imported by the package root or the bundles, so React stays out of them.
import React from 'react';
import { createComponent, type EventName } from '@lit/react';
import './define.js';
import type { CoinStatusEvent, CoinUpdateEvent } from './controllers/events.js';
import { CoinCard as CoinCardElement } from './elements/coin-card.js';
import { CoinList as CoinListElement } from './elements/coin-list.js';
import { CoinPrice as CoinPriceElement } from './elements/coin-price.js';
import { CoinTicker as CoinTickerElement } from './elements/coin-ticker.js';
import { CoinTable as CoinTableElement } from './elements/coin-table.js';

const events = {
  onCoinUpdate: 'coin-update' as EventName<CoinUpdateEvent>,
  onCoinStatus: 'coin-status' as EventName<CoinStatusEvent>,
};

/** `<coin-list>`: props are the element's properties (`coins`, `noLogo`, …), `onCoinUpdate` and `onCoinStatus`. */
export const CoinList = createComponent({
  react: React,
  tagName: 'coin-list',
  elementClass: CoinListElement,
  events,
  displayName: 'CoinList',
});

/** `<coin-ticker>`: props are the element's properties (`coins`, `speed`, `paused`, …) and the two events. */
export const CoinTicker = createComponent({
  react: React,
  tagName: 'coin-ticker',
  elementClass: CoinTickerElement,
  events,
  displayName: 'CoinTicker',
});

/** `<coin-price>`: props are the element's properties (`coin`, `noChange`, …) and the two events. */
export const CoinPrice = createComponent({
  react: React,
  tagName: 'coin-price',
  elementClass: CoinPriceElement,
  events,
  displayName: 'CoinPrice',
});

/** `<coin-card>`: props are the element's properties (`coin`, …) and the two events. */
export const CoinCard = createComponent({
  react: React,
  tagName: 'coin-card',
  elementClass: CoinCardElement,
  events,
  displayName: 'CoinCard',
});

/** `<coin-table>`: props are the element's properties (`coins`, `columns`, `sort`, …) and the two events. */
export const CoinTable = createComponent({
  react: React,
  tagName: 'coin-table',
  elementClass: CoinTableElement,
  events,
  displayName: 'CoinTable',
});

export type { CoinStatusEvent, CoinUpdateEvent };
