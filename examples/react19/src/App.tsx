import { useState } from 'react';

// React 19 sets the elements' properties and listens for their events itself: the tags are used as they are, and
// coin-ticker/types/jsx (in tsconfig.app.json's "types") tells TypeScript their attributes and events.
// An event prop is "on" plus the event's name as it is: oncoin-update, not onCoinUpdate.
export function App() {
  const [updated, setUpdated] = useState('');
  return (
    <main>
      <h1>coin-ticker in React 19</h1>
      <coin-list
        coins="bitcoin,ethereum,monero"
        oncoin-update={(event) => setUpdated(event.quotes.map((quote) => quote.symbol).join(', '))}
      />
      <p>
        Bitcoin trades at <coin-price coin="bitcoin" /> today.
      </p>
      <coin-card coin="ethereum" />
      <coin-ticker coins="bitcoin,ethereum,dogecoin" speed={30} />
      <p id="updated">{updated && `Updated: ${updated}`}</p>
    </main>
  );
}

/** Never rendered: the types reject a theme that does not exist. */
export function WrongTheme() {
  // @ts-expect-error theme is "light", "dark" or "auto"
  return <coin-list coins="bitcoin" theme="blue" />;
}
