/**
 * The server's Content-Security-Policy admits <style> elements only with the
 * per-response nonce, which it writes into <meta name="csp-nonce"> of
 * index.html. Mantine reads it here for the styles it injects.
 */
let cached: string | undefined;

export function styleNonce(): string {
  cached ??= document.querySelector('meta[name="csp-nonce"]')?.getAttribute('content') ?? '';
  return cached;
}

declare global {
  // Read by get-nonce, through which react-remove-scroll (Mantine's Modal and Drawer scroll lock) nonces its <style>.
  var __webpack_nonce__: string | undefined;
}

/**
 * Gives the nonce to the libraries that inject <style> elements on their own
 * (react-style-singleton, under Mantine's scroll lock). They look for it in
 * the global that webpack defines; Vite defines none, so we do.
 */
export function shareStyleNonce(): void {
  const nonce = styleNonce();
  if (nonce) globalThis.__webpack_nonce__ = nonce;
}
