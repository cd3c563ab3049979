import type { App } from 'vue';

/**
 * The last stop for an error no panel's boundary took (the header, the menu, a notice, the
 * dashboard's sections): logged, so that it is seen and the rest of the page keeps running.
 */
export function logUncaughtErrors(app: App, page: string): App {
  app.config.errorHandler = (error, _instance, info) => {
    console.error(`Sidecar ${page}: uncaught error (${info})`, error);
  };
  return app;
}
