// @ts-check
/** What the browser benchmarks share: how they serve their pages on 127.0.0.1. */

/**
 * Listens on 127.0.0.1, on a port the OS picks.
 * @param {import('node:http').Server} server
 * @returns {Promise<{ url: string, close: () => Promise<unknown> }>}
 */
export async function listen(server) {
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve(undefined));
  });
  const { port } = /** @type {import('node:net').AddressInfo} */ (server.address());
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve(undefined));
        server.closeAllConnections();
      }),
  };
}
