const said = new Set<string>();

/** One console warning per distinct message per page: a hundred widgets with the same typo warn once. */
export function warnOnce(message: string): void {
  if (said.has(message)) return;
  said.add(message);
  console.warn(`coin-ticker: ${message}`);
}
