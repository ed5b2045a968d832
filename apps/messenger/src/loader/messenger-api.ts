import type { FrameMessage, FrameMode, HostMessage, Space } from '../protocol.ts';
import { FrameHost, isCompact } from './frame-host.ts';
import { frontdeskOrigin, type SplitSettings, splitSettings } from './settings.ts';

/** Intercom's `Intercom(method, ...args)` dispatcher, backed by the Frontdesk frame. */
export type IntercomFunction = ((method: string, ...args: unknown[]) => unknown) & { booted?: boolean };

interface Session {
  appId: string;
  settings: SplitSettings;
  visitorId: string | null;
  frame: FrameHost;
  selector: string | null;
}

type Callback = (value?: unknown) => void;
const callbacks = { show: [] as Callback[], hide: [] as Callback[], unread: [] as Callback[], email: [] as Callback[] };
const defaultZIndex = 2147483000;
let session: Session | undefined;
let unread = 0;
/** onShow/onHide follow what the frame actually shows, whoever opened or closed it. */
let lastMode: FrameMode = 'none';
let scriptSrc: string | undefined;
const warned = new Set<string>();

const visitorKey = (appId: string) => `frontdesk-visitor-${appId}`;
const storage = {
  get(key: string): string | null {
    try {
      return localStorage.getItem(key);
    } catch {
      return null;
    }
  },
  set(key: string, value: string | null): void {
    try {
      if (value === null) localStorage.removeItem(key);
      else localStorage.setItem(key, value);
    } catch {
      // Storage refused (privacy mode): the visitor is anonymous again on the next page.
    }
  },
};

const fire = (list: Callback[], value?: unknown) => {
  for (const callback of list) {
    try {
      callback(value);
    } catch (error) {
      console.error('[Frontdesk] A Messenger callback threw', error);
    }
  }
};

/** The page view sent with boot and update (within the API's limits: an over-long title must not stop the Messenger). */
const page = (settings: SplitSettings) => ({ url: location.href.slice(0, 4096), title: (settings.page_title ?? document.title).slice(0, 1000) });

function boot(raw: unknown): void {
  const settings = splitSettings(raw ?? (window as { intercomSettings?: unknown }).intercomSettings);
  if (!settings.app_id) {
    console.error('[Frontdesk] Intercom("boot") needs an app_id');
    return;
  }
  if (session?.appId === settings.app_id) {
    update(raw);
    return;
  }
  if (session) teardown();
  const appId = settings.app_id;
  const origin = frontdeskOrigin(settings.api_base, scriptSrc, location.href);
  const current: Session = {
    appId,
    settings,
    visitorId: storage.get(visitorKey(appId)),
    selector: settings.overrides.custom_launcher_selector ?? null,
    frame: undefined as unknown as FrameHost,
  };
  const bootMessage = (): HostMessage => ({
    type: 'boot',
    app_id: appId,
    visitor_id: current.visitorId,
    settings: current.settings.overrides,
    user: current.settings.user,
    page: page(current.settings),
    compact: isCompact(),
  });
  current.frame = new FrameHost(origin, appId, settings.z_index ?? defaultZIndex, bootMessage, (message) => receive(current, message));
  session = current;
  document.addEventListener('click', onDocumentClick, true);
  api.booted = true;
}

function update(raw: unknown): void {
  if (!session) {
    if (splitSettings(raw).app_id) boot(raw);
    return;
  }
  const next = splitSettings(raw);
  const settings = session.settings;
  settings.overrides = { ...settings.overrides, ...next.overrides };
  settings.user = { ...settings.user, ...next.user };
  if (next.page_title) settings.page_title = next.page_title;
  if (next.overrides.custom_launcher_selector) session.selector = next.overrides.custom_launcher_selector;
  session.frame.post({ type: 'update', settings: next.overrides, user: next.user, page: page(settings) });
}

function teardown(): void {
  if (!session) return;
  session.frame.destroy();
  document.removeEventListener('click', onDocumentClick, true);
  session = undefined;
  lastMode = 'none';
  api.booted = false;
}

/** Intercom's shutdown: the visitor is forgotten on this browser, and the Messenger is gone until the next boot. */
function shutdown(): void {
  if (session) storage.set(visitorKey(session.appId), null);
  teardown();
  if (unread !== 0) {
    unread = 0;
    fire(callbacks.unread, 0);
  }
}

function receive(owner: Session, message: FrameMessage): void {
  if (session !== owner) return;
  switch (message.type) {
    case 'booted':
      owner.visitorId = message.visitor_id;
      storage.set(visitorKey(owner.appId), message.visitor_id);
      break;
    case 'boot_failed':
      console.error(`[Frontdesk] The Messenger could not start (${message.status} ${message.code}): ${message.message}`);
      break;
    case 'layout':
      owner.selector = message.placement.custom_launcher_selector;
      if (message.mode === 'open' && lastMode !== 'open') fire(callbacks.show);
      if (message.mode !== 'open' && lastMode === 'open') fire(callbacks.hide);
      lastMode = message.mode;
      break;
    case 'unread':
      if (message.count !== unread) {
        unread = message.count;
        fire(callbacks.unread, unread);
      }
      break;
    case 'email':
      fire(callbacks.email, message.email);
      break;
  }
}

function onDocumentClick(event: MouseEvent): void {
  const selector = session?.selector;
  if (!selector || !(event.target instanceof Element)) return;
  let launcher: Element | null = null;
  try {
    launcher = event.target.closest(selector);
  } catch {
    return; // an invalid selector matches nothing
  }
  if (!launcher) return;
  event.preventDefault();
  post(session?.frame.mode === 'open' ? { type: 'hide' } : { type: 'show' });
}

const post = (message: HostMessage) => session?.frame.post(message);
const spaces: Space[] = ['home', 'messages', 'help'];

const methods: Record<string, (...args: unknown[]) => unknown> = {
  boot,
  update,
  shutdown,
  show: () => post({ type: 'show' }),
  hide: () => post({ type: 'hide' }),
  showMessages: () => post({ type: 'show', space: 'messages' }),
  showSpace: (space) => post({ type: 'show', space: spaces.includes(space as Space) ? (space as Space) : 'home' }),
  showNewMessage: (text) => post({ type: 'show', compose: typeof text === 'string' ? text : '' }),
  startConversation: (text) => {
    if (typeof text === 'string' && text.trim()) post({ type: 'start', text });
    else post({ type: 'show', compose: '' });
  },
  trackEvent: (name, metadata) => {
    if (typeof name !== 'string' || !name) return;
    const details = metadata && typeof metadata === 'object' ? (metadata as Record<string, unknown>) : undefined;
    post({ type: 'track', event_name: name, metadata: details });
  },
  getVisitorId: () => session?.visitorId ?? undefined,
  hideNotifications: (hidden) => post({ type: 'notifications', hidden: hidden !== false }),
  onShow: (callback) => register(callbacks.show, callback),
  onHide: (callback) => register(callbacks.hide, callback),
  onUnreadCountChange: (callback) => register(callbacks.unread, callback),
  onUserEmailSupplied: (callback) => register(callbacks.email, callback),
  // The custom launcher is found by event delegation, so elements added later already work.
  reattach_activator: () => undefined,
};

function register(list: Callback[], callback: unknown): void {
  if (typeof callback === 'function') list.push(callback as Callback);
}

export const api: IntercomFunction = (method, ...args) => {
  const run = methods[method];
  if (run) return run(...args);
  if (!warned.has(method)) {
    warned.add(method);
    console.warn(`[Frontdesk] Intercom("${method}") is not supported by this Messenger`);
  }
  return undefined;
};

export function setScriptSrc(src: string | undefined): void {
  scriptSrc = src;
}
