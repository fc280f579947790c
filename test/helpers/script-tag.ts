import { oneEvent } from '@open-wc/testing';

// No import of coin-ticker's code: the pages that use this decide which script makes the page's state first.

/** Runs `src` as a site's `<script type="module">` does, then hands back its exports (the same module instance). */
export async function scriptTag(src: string) {
  const script = Object.assign(document.createElement('script'), { type: 'module', src });
  const loaded = oneEvent(script, 'load');
  document.head.append(script);
  await loaded;
  return import(/* @vite-ignore */ `${location.origin}${src}`);
}
