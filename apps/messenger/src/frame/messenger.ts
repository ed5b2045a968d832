import type { MessengerLocale } from '@frontdesk/api-types';
import type { FrameMessage, FrameMode, HostMessage, MessengerOverrides, PageInfo, Placement } from '../protocol.ts';
import type { BootAnswer, MessengerPublicConfig, VisitorContact } from './contract.ts';
import { Conversations } from './conversations.ts';
import { ApiError, VisitorApi } from './http.ts';
import { pickLocale, type Translate, translator } from './i18n.ts';
import { Realtime } from './realtime.ts';

export type View = { kind: 'space'; space: 'home' | 'messages' | 'help' } | { kind: 'conversation'; id: string } | { kind: 'new' };

const defaultAction = '#1f6feb';

/**
 * Everything the frame knows and does, outside of rendering: boot and update through the visitor API,
 * the host page's commands, what to show, and the conversations (see Conversations). Components read
 * its fields and re-render on `changed`.
 */
export class Messenger {
  readonly api = new VisitorApi();
  readonly conversations: Conversations;
  status: 'starting' | 'ready' | 'failed' = 'starting';
  failure = '';
  config: MessengerPublicConfig | null = null;
  contact: VisitorContact | null = null;
  open = false;
  compact = false;
  notificationsHidden = false;
  view: View = { kind: 'space', space: 'home' };
  /** A prefill for the composer: a new `token` asks it to take the text and focus. */
  compose = { text: '', token: 0 };
  t: Translate = translator('en');
  locale: MessengerLocale = 'en';
  private appId = '';
  private visitorId: string | null = null;
  private overrides: MessengerOverrides = {};
  private user: Record<string, unknown> = {};
  private page: PageInfo = { url: '', title: '' };
  private started: Promise<void> = Promise.resolve();
  private realtime: Realtime | null = null;
  private listeners = new Set<() => void>();
  private reported = { layout: '', unread: -1, visitor: '' };
  private lastReboot = 0;

  constructor(private readonly toHost: (message: FrameMessage) => void) {
    this.conversations = new Conversations(this);
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Something changed: re-render, and tell the host page what it needs to know. */
  changed(): void {
    for (const listener of this.listeners) listener();
    const layout = { mode: this.mode(), placement: this.placement() };
    const key = JSON.stringify(layout);
    if (key !== this.reported.layout) {
      this.reported.layout = key;
      this.toHost({ type: 'layout', ...layout });
    }
    const unread = this.conversations.unreadTotal();
    if (unread !== this.reported.unread && this.status === 'ready') {
      this.reported.unread = unread;
      this.toHost({ type: 'unread', count: unread });
    }
  }

  handle(message: HostMessage): void {
    switch (message.type) {
      case 'boot':
        this.appId = message.app_id;
        this.visitorId = message.visitor_id;
        this.overrides = message.settings;
        this.user = message.user;
        this.page = message.page;
        this.compact = message.compact;
        this.notificationsHidden = Boolean(message.settings.hide_notifications);
        this.started = this.boot();
        break;
      case 'update':
        this.overrides = { ...this.overrides, ...message.settings };
        this.user = { ...this.user, ...message.user };
        this.page = message.page;
        if (message.settings.hide_notifications !== undefined) this.notificationsHidden = message.settings.hide_notifications;
        this.changed();
        void this.started.then(() => this.update(message.user));
        break;
      case 'show':
        this.show(message.space, message.compose);
        break;
      case 'hide':
        this.setOpen(false);
        break;
      case 'start':
        this.show(undefined, '');
        void this.whenReady().then((ready) => ready && this.conversations.send(message.text, []));
        break;
      case 'track':
        void this.whenReady().then((ready) => {
          if (!ready) return;
          const event = { event_name: message.event_name, ...(message.metadata ? { metadata: message.metadata } : {}) };
          this.api.request('POST', '/events', event).catch((error) => console.warn('[Frontdesk] trackEvent failed:', (error as Error).message));
        });
        break;
      case 'viewport':
        this.compact = message.compact;
        this.changed();
        break;
      case 'notifications':
        this.notificationsHidden = message.hidden;
        this.changed();
        break;
    }
  }

  show(space?: 'home' | 'messages' | 'help', compose?: string): void {
    if (compose !== undefined) {
      this.view = { kind: 'new' };
      this.compose = { text: compose, token: this.compose.token + 1 };
    } else if (space) this.view = { kind: 'space', space };
    this.setOpen(true);
  }

  setOpen(open: boolean): void {
    this.open = open;
    if (open) this.conversations.notice = null;
    this.changed();
    if (open && this.view.kind === 'conversation') this.conversations.markSeen(this.view.id);
  }

  go(view: View): void {
    this.view = view;
    if (view.kind === 'new') this.compose = { text: '', token: this.compose.token + 1 };
    this.changed();
    if (view.kind === 'conversation') void this.conversations.load(view.id);
  }

  mode(): FrameMode {
    if (this.status === 'starting') return 'none';
    if (this.open) return 'open';
    if (this.conversations.notice && !this.notificationsHidden) return 'notify';
    return this.placement().hide_default_launcher ? 'none' : 'launcher';
  }

  placement(): Placement {
    const config = this.config;
    const settings = this.overrides;
    return {
      alignment: settings.alignment ?? config?.alignment ?? 'right',
      horizontal_padding: settings.horizontal_padding ?? config?.horizontal_padding ?? 20,
      vertical_padding: settings.vertical_padding ?? config?.vertical_padding ?? 20,
      hide_default_launcher: settings.hide_default_launcher ?? config?.hide_default_launcher ?? false,
      custom_launcher_selector: settings.custom_launcher_selector ?? config?.custom_launcher_selector ?? null,
    };
  }

  /** CSS custom properties: the workspace's colours and variables, then the page's overrides. */
  theme(): Record<string, string> {
    const config = this.config;
    const settings = this.overrides;
    const variables: Record<string, string> = {};
    for (const [name, value] of Object.entries(config?.css_variables ?? {})) {
      if (/^--[\w-]+$/.test(name) && typeof value === 'string') variables[name] = value;
    }
    variables['--fd-action-color'] = settings.action_color ?? config?.action_color ?? defaultAction;
    variables['--fd-background-color'] = settings.background_color ?? config?.background_color ?? variables['--fd-action-color'];
    const link = settings.link_color;
    if (link) variables['--fd-link-color'] = link;
    return variables;
  }

  /** Office hours open: a few minutes; otherwise the workspace's stated reply time. */
  replyTime(): string {
    const config = this.config;
    if (!config || config.office_open === true) return this.t('replyOpen');
    return this.t(`reply_${config.reply_time ?? 'hours'}` as 'reply_hours');
  }

  errorText(error: unknown): string {
    if (error instanceof ApiError) return error.status === 0 ? this.t('offline') : error.message;
    return this.t('offline');
  }

  async whenReady(): Promise<boolean> {
    await this.started;
    return this.status === 'ready';
  }

  /**
   * The email collector: a lead (or a visitor yet to be one) gives an email to hear of replies. It is
   * stored on its lead only (never an identity); then the page's onUserEmailSupplied callbacks run.
   * Throws the API's error (a 400 names what is wrong) for the card to show.
   */
  async supplyEmail(email: string): Promise<void> {
    const answer = await this.api.request<{ contact: VisitorContact }>('PUT', '/visitor/email', { email });
    this.contact = answer.contact;
    this.changed();
    this.toHost({ type: 'email', email: answer.contact.email ?? email });
  }

  /** The visitor token may have been refused (expired, or the keys rotated): boot again, at most once a minute. */
  reboot(): void {
    if (this.status !== 'ready' || Date.now() - this.lastReboot < 60_000) return;
    this.lastReboot = Date.now();
    this.requestBoot().then(
      (answer) => {
        this.accept(answer);
        this.changed();
      },
      () => undefined,
    );
  }

  private requestBoot(): Promise<BootAnswer> {
    return this.api.request<BootAnswer>('POST', '/boot', {
      app_id: this.appId,
      ...(this.visitorId ? { visitor_id: this.visitorId } : {}),
      user: this.user,
      page: this.page,
    });
  }

  private async boot(): Promise<void> {
    let answer: BootAnswer;
    try {
      answer = await this.requestBoot();
    } catch (error) {
      this.status = 'failed';
      this.failure = this.errorText(error);
      const status = error instanceof ApiError ? error.status : 0;
      const code = error instanceof ApiError ? error.code : 'network';
      this.toHost({ type: 'boot_failed', status, code, message: this.failure });
      this.setLocale(undefined);
      this.changed();
      return;
    }
    this.accept(answer);
    this.status = 'ready';
    this.changed();
    this.connect();
    await this.conversations.loadList().catch((error) => {
      this.conversations.error = this.errorText(error);
      this.changed();
    });
  }

  private async update(user: Record<string, unknown>): Promise<boolean> {
    if (this.status !== 'ready') return false;
    try {
      const answer = await this.api.request<BootAnswer>('PUT', '/visitor', { user, page: this.page });
      this.accept(answer);
      this.changed();
      return true;
    } catch (error) {
      this.conversations.error = this.errorText(error);
      this.changed();
      return false;
    }
  }

  private accept(answer: BootAnswer): void {
    // A new token for the same visitor can wait for the next reconnect; another visitor needs a new socket.
    const visitorChanged = this.visitorId !== null && this.visitorId !== answer.visitor_id;
    const someoneElse = this.status === 'ready' && (answer.contact?.id ?? null) !== (this.contact?.id ?? null) && this.contact !== null;
    this.api.token = answer.token;
    this.visitorId = answer.visitor_id;
    this.contact = answer.contact;
    this.config = answer.messenger;
    this.setLocale(answer.messenger.locale);
    this.conversations.bootUnread = answer.unread_count;
    if (answer.visitor_id !== this.reported.visitor) {
      this.reported.visitor = answer.visitor_id;
      this.toHost({ type: 'booted', visitor_id: answer.visitor_id });
    }
    if (someoneElse) void this.reloadConversations();
    if (visitorChanged && this.realtime) {
      this.realtime.close();
      this.realtime.connect();
    }
  }

  /** A lead merged into a user keeps its conversations; another person gets their own list. */
  private async reloadConversations(): Promise<void> {
    const store = this.conversations;
    store.reset();
    await store.loadList().catch(() => undefined);
    const view = this.view;
    if (view.kind !== 'conversation') return;
    if (store.byId.has(view.id)) await store.load(view.id, true);
    else this.go({ kind: 'space', space: 'home' });
  }

  private setLocale(workspace: MessengerLocale | undefined): void {
    const locale = pickLocale(this.user.language_override, workspace);
    this.t = translator(locale);
    this.locale = locale;
    document.documentElement.lang = locale;
  }

  private connect(): void {
    if (this.realtime) return;
    const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
    this.realtime = new Realtime({
      url: () => `${scheme}//${location.host}/realtime?visitor_token=${encodeURIComponent(this.api.token ?? '')}`,
      onFrame: (frame) => this.conversations.receive(frame),
      onRefused: () => this.reboot(),
    });
    this.conversations.realtime = this.realtime;
    this.realtime.connect();
  }
}
