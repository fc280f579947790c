import { useState } from 'react';
// React 18 sets every prop on a custom element as an attribute and cannot listen for its events: coin-ticker/react
// wraps each element (with @lit/react) and registers them, so props become properties and events become
// onCoinUpdate / onCoinStatus.
import { CoinCard, CoinList, CoinPrice, CoinTicker } from 'coin-ticker/react';

export function App() {
  const [updated, setUpdated] = useState('');
  return (
    <main>
      <h1>coin-ticker in React 18</h1>
      <CoinList
        coins="bitcoin,ethereum,monero"
        onCoinUpdate={(event) => setUpdated(event.quotes.map((quote) => quote.symbol).join(', '))}
      />
      <p>
        Bitcoin trades at <CoinPrice coin="bitcoin" /> today.
      </p>
      <CoinCard coin="ethereum" />
      <CoinTicker coins="bitcoin,ethereum,dogecoin" speed={30} />
      <p id="updated">{updated && `Updated: ${updated}`}</p>
    </main>
  );
}

/** Never rendered: the types reject a theme that does not exist. */
export function WrongTheme() {
  // @ts-expect-error theme is "light", "dark" or "auto"
  return <CoinList coins="bitcoin" theme="blue" />;
}
