/**
 * @intlify/core-base's compile-time flags: no devtools hook, and the message compiler kept (the
 * catalogs are JSON, compiled to an AST on first use). Shared by the extension's build and the
 * bundles the tests evaluate in its service worker.
 */
export const INTLIFY_FLAGS = {
  __INTLIFY_PROD_DEVTOOLS__: 'false',
  __INTLIFY_DROP_MESSAGE_COMPILER__: 'false',
};
