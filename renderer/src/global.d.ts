import type { WelfareApi } from '../../shared/contract';

declare global {
  interface Window {
    /** Set by the Electron preload; absent in the browser preview, which uses the loopback bridge. */
    api?: WelfareApi;
  }
}
