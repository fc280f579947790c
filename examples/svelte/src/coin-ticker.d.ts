// The generated types name the elements; Svelte reads them from its global svelteHTML namespace.
import type { CustomElements } from 'coin-ticker/types/svelte';

declare global {
  namespace svelteHTML {
    interface IntrinsicElements extends CustomElements {}
  }
}
