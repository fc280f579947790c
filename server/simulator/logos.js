// @ts-check
/**
 * Generated coin logos. The real CoinGecko image URLs do not load offline, so the simulator draws its own: a circle in
 * the coin's colour with its mark (the symbol's first letter unless the table gives one).
 */

/** @typedef {import('./coins.js').CoinSpec} CoinSpec */

/** @param {string} s */
function escapeXml(s) {
  return s.replace(/[<>&"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}

/**
 * Dark text on light backgrounds (BNB's yellow), white otherwise: WCAG relative luminance of the fill.
 * @param {string} hex `#rrggbb`
 */
function textColor(hex) {
  const [r, g, b] = [1, 3, 5].map((i) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b > 0.5 ? '#1a1a1a' : '#ffffff';
}

/**
 * @param {CoinSpec} spec
 * @returns {string} an SVG document
 */
export function logoSvg(spec) {
  const mark = spec.mark ?? spec.symbol.slice(0, 1);
  const size = mark.length > 1 ? 26 : 34;
  return (
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64" width="64" height="64">' +
    `<circle cx="32" cy="32" r="32" fill="${spec.color}"/>` +
    `<text x="32" y="32" dy="0.35em" text-anchor="middle" fill="${textColor(spec.color)}" font-size="${size}" ` +
    'font-weight="700" font-family="system-ui, -apple-system, \'Segoe UI\', Roboto, Arial, sans-serif">' +
    `${escapeXml(mark)}</text></svg>\n`
  );
}
