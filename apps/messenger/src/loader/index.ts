import { api, setScriptSrc } from './messenger-api.ts';

/**
 * The script behind `/widget/<app_id>` and `/messenger.js`. The Intercom snippet (or its npm package)
 * has left a stub `window.Intercom` whose queue `q` holds the calls made so far, as `arguments`
 * objects. Boot from `window.intercomSettings`, replace the stub, then replay the queue in order.
 */
interface Stub {
  q?: ArrayLike<unknown>[];
  frontdesk?: boolean;
}

const host = window as unknown as { Intercom?: Stub; intercomSettings?: { app_id?: unknown } };
const stub = host.Intercom;

if (!stub?.frontdesk) {
  const script = document.currentScript as HTMLScriptElement | null;
  setScriptSrc(script?.src || findLoaderSrc());
  const queue = Array.isArray(stub?.q) ? stub.q : [];
  Object.assign(api, { frontdesk: true });
  host.Intercom = api as unknown as Stub;
  if (host.intercomSettings?.app_id) api('boot', host.intercomSettings);
  for (const args of queue) {
    const [method, ...rest] = Array.from(args);
    if (typeof method === 'string') api(method, ...rest);
  }
}

/** When the loader runs without `currentScript` (some tag managers), find its tag by path. */
function findLoaderSrc(): string | undefined {
  const scripts = Array.from(document.querySelectorAll<HTMLScriptElement>('script[src]'));
  return scripts.find((element) => /\/(widget\/[^/?#]+|messenger\.js)([?#]|$)/.test(element.src))?.src;
}
