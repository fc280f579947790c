// The blocks' editor, in plain JavaScript on the block editor's own packages (no build step). Each block's preview
// is the real element, loaded into whichever document the editor draws in (the iframe, when it is one), configured
// the way the site's pages are.
(function (wp, settings) {
  const { createElement: el, Fragment, useCallback, useEffect, useState } = wp.element;
  const { registerBlockType } = wp.blocks;
  const { InspectorControls, useBlockProps } = wp.blockEditor;
  const { PanelBody, TextControl, SelectControl, ToggleControl, Placeholder } = wp.components;
  const { __ } = wp.i18n;

  /** Loads the bundle once per document and applies the site's settings in the same module. */
  function load(doc) {
    if (!doc || doc.getElementById('coin-ticker-editor-module')) return;
    const script = doc.createElement('script');
    script.type = 'module';
    script.id = 'coin-ticker-editor-module';
    // The author's session goes with the preview's requests to the site's own route (none to other hosts), so a coin
    // typed into a block is served at once, before any page has shown it.
    script.textContent = `import { configure } from ${JSON.stringify(settings.bundle)};
const site = ${JSON.stringify(settings.config.endpoints?.coingecko ?? null)};
const nonce = ${JSON.stringify(settings.nonce)};
configure({
  ...${JSON.stringify(settings.config)},
  fetch: (input, init = {}) => {
    if (!site || !String(input instanceof Request ? input.url : input).startsWith(site)) return fetch(input, init);
    const headers = new Headers(init.headers);
    headers.set('X-WP-Nonce', nonce);
    return fetch(input, { ...init, headers });
  },
});`;
    doc.head.appendChild(script);
  }

  const BLOCKS = {
    list: {
      tag: 'coin-list',
      many: true,
      top: true,
      currencies: true,
      flags: [
        ['noLogo', __('Hide logos', 'coin-ticker')],
        ['noStatus', __('Hide the status line', 'coin-ticker')],
      ],
    },
    ticker: {
      tag: 'coin-ticker',
      many: true,
      top: true,
      speed: true,
      flags: [['paused', __('Start paused', 'coin-ticker')]],
    },
    price: { tag: 'coin-price', many: false, flags: [['noChange', __('Hide the 24 h change', 'coin-ticker')]] },
    card: {
      tag: 'coin-card',
      many: false,
      currencies: true,
      flags: [['noStatus', __('Hide the status line', 'coin-ticker')]],
    },
    table: {
      tag: 'coin-table',
      many: true,
      top: true,
      currencies: true,
      table: true,
      flags: [['noStatus', __('Hide the status line', 'coin-ticker')]],
    },
  };

  /** A table's orders: any column but the chart, `-` first for descending. */
  const SORTS = ['rank', 'coin', 'price', 'change-24h', 'change-7d', 'market-cap', 'volume'].flatMap((column) => [
    column,
    '-' + column,
  ]);

  /** camelCase block attributes to the element's kebab-case; unset ones and false flags stay out, as in PHP. */
  function elementAttributes(attributes) {
    const out = {};
    for (const [name, value] of Object.entries(attributes)) {
      if (value === undefined || value === '' || value === false || value === null) continue;
      out[name.replace(/[A-Z]/g, (c) => '-' + c.toLowerCase())] = value === true ? '' : String(value);
    }
    return out;
  }

  /** A select whose first choice, "site default", leaves the attribute unset. */
  function choice(label, value, options, onChange) {
    return el(SelectControl, {
      label,
      value: value ?? '',
      options: [
        { label: __('Site default', 'coin-ticker'), value: '' },
        ...options.map((o) => ({ label: o, value: o })),
      ],
      onChange: (next) => onChange(next || undefined),
      __nextHasNoMarginBottom: true,
    });
  }

  function text(label, value, onChange, help, type) {
    return el(TextControl, {
      label,
      help,
      type: type ?? 'text',
      value: value ?? '',
      onChange: (next) => onChange(next === '' ? undefined : type === 'number' ? Number(next) : next),
      __nextHasNoMarginBottom: true,
    });
  }

  /**
   * The value once the author has stopped typing: the preview asks for "bitcoin", not "b", "bi", "bit"…, each of
   * which would cost the site an upstream request.
   */
  function useSettled(value) {
    const [settled, setSettled] = useState(value);
    useEffect(() => {
      const timer = setTimeout(() => setSettled(value), 700);
      return () => clearTimeout(timer);
    }, [value]);
    return settled;
  }

  function edit(block) {
    return function Edit({ attributes, setAttributes }) {
      const props = useBlockProps();
      const ref = useCallback((node) => node && load(node.ownerDocument), []);
      const set = (name) => (value) => setAttributes({ [name]: value });
      const coinsName = block.many ? 'coins' : 'coin';
      const controls = el(
        InspectorControls,
        null,
        el(
          PanelBody,
          { title: __('Coins', 'coin-ticker') },
          text(
            block.many ? __('Coins', 'coin-ticker') : __('Coin', 'coin-ticker'),
            attributes[coinsName],
            set(coinsName),
            block.many
              ? __('CoinGecko ids, comma separated: bitcoin, ethereum', 'coin-ticker')
              : __('A CoinGecko id: bitcoin', 'coin-ticker'),
          ),
          block.top &&
            text(
              __('Top coins by market cap', 'coin-ticker'),
              attributes.top,
              set('top'),
              __('How many of the largest coins to add after the named ones (1 to 250)', 'coin-ticker'),
              'number',
            ),
          text(
            __('Currency', 'coin-ticker'),
            attributes.currency,
            set('currency'),
            __('usd, eur, gbp… Empty: the site’s', 'coin-ticker'),
          ),
          block.currencies &&
            text(
              __('Currencies readers may switch to', 'coin-ticker'),
              attributes.currencies,
              set('currencies'),
              __('usd, eur, gbp, btc: a switch above the prices. Empty: none', 'coin-ticker'),
            ),
          choice(
            __('Feed', 'coin-ticker'),
            attributes.feed,
            ['auto', 'coingecko', 'kraken', 'coinbase', 'binance'],
            set('feed'),
          ),
        ),
        block.table &&
          el(
            PanelBody,
            { title: __('Table', 'coin-ticker') },
            text(
              __('Columns', 'coin-ticker'),
              attributes.columns,
              set('columns'),
              __(
                'Empty: all, in this order: price, change-24h, change-7d, market-cap, volume, sparkline',
                'coin-ticker',
              ),
            ),
            choice(__('Order', 'coin-ticker'), attributes.sort, SORTS, set('sort')),
          ),
        el(
          PanelBody,
          { title: __('Look', 'coin-ticker') },
          choice(__('Theme', 'coin-ticker'), attributes.theme, ['light', 'dark', 'auto'], set('theme')),
          choice(__('Density', 'coin-ticker'), attributes.density, ['comfortable', 'compact'], set('density')),
          text(
            __('Decimals', 'coin-ticker'),
            attributes.decimals,
            set('decimals'),
            __('Empty: automatic', 'coin-ticker'),
            'number',
          ),
          block.speed && text(__('Speed (px/s)', 'coin-ticker'), attributes.speed, set('speed'), undefined, 'number'),
          ...block.flags.map(([name, label]) =>
            el(ToggleControl, {
              label,
              checked: !!attributes[name],
              onChange: (on) => setAttributes({ [name]: on || undefined }),
              __nextHasNoMarginBottom: true,
            }),
          ),
        ),
      );
      const coins = useSettled(attributes[coinsName]);
      const preview =
        coins || attributes.top
          ? el(block.tag, { ...elementAttributes({ ...attributes, [coinsName]: coins }), ref })
          : el(Placeholder, {
              label: __('Coin Ticker', 'coin-ticker'),
              instructions: __('Name the coins in the block’s settings.', 'coin-ticker'),
            });
      return el(Fragment, null, controls, el(block.tag === 'coin-price' ? 'span' : 'div', props, preview));
    };
  }

  const { registerFormatType, applyFormat, removeFormat, insert, create } = wp.richText;
  const { RichTextToolbarButton } = wp.blockEditor;
  const { Modal, Button } = wp.components;
  const FORMAT = 'coin-ticker/price';

  /** "Coin price" in any rich text's toolbar: a price that sits in the sentence, rendered by PHP like the blocks. */
  registerFormatType(FORMAT, {
    title: __('Coin price', 'coin-ticker'),
    tagName: 'span',
    className: 'coin-ticker-price',
    attributes: { coin: 'data-coin' },
    edit({ isActive, value, onChange }) {
      const [open, setOpen] = useState(false);
      const [coin, setCoin] = useState('');
      const id = coin.trim().toLowerCase();
      const valid = /^[a-z0-9][a-z0-9._-]{0,99}$/.test(id);
      const apply = () => {
        const format = { type: FORMAT, attributes: { coin: id } };
        // With nothing selected, the coin's id goes in as the text the price stands for.
        const next = value.start === value.end ? insert(value, create({ text: id })) : value;
        const start = value.start === value.end ? next.start - id.length : value.start;
        onChange(applyFormat(next, format, start, next.end));
        setOpen(false);
      };
      return el(
        Fragment,
        null,
        el(RichTextToolbarButton, {
          icon: 'money-alt',
          title: __('Coin price', 'coin-ticker'),
          isActive,
          onClick: () => (isActive ? onChange(removeFormat(value, FORMAT)) : setOpen(true)),
        }),
        open &&
          el(
            Modal,
            { title: __('Coin price', 'coin-ticker'), onRequestClose: () => setOpen(false) },
            text(
              __('Coin', 'coin-ticker'),
              coin,
              (next) => setCoin(next ?? ''),
              __('A CoinGecko id: bitcoin', 'coin-ticker'),
            ),
            el(Button, { variant: 'primary', disabled: !valid, onClick: apply }, __('Insert price', 'coin-ticker')),
          ),
      );
    },
  });

  for (const [name, block] of Object.entries(BLOCKS)) {
    registerBlockType('coin-ticker/' + name, { edit: edit(block), save: () => null });
  }
})(window.wp, window.coinTickerEditor);
