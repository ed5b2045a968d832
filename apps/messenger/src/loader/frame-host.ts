import type { Envelope, FrameMessage, FrameMode, HostMessage, Placement } from '../protocol.ts';

/** Below this page width the open Messenger takes the whole screen. */
export const compactWidth = 450;
/** The frame reaches this far past the launcher and panel so their shadows are not cut off. */
const margin = 8;
const launcherBox = 56 + 2 * margin;
const panelWidth = 376 + 2 * margin;
const panelMaxHeight = 704;

export const defaultPlacement: Placement = {
  alignment: 'right',
  horizontal_padding: 20,
  vertical_padding: 20,
  hide_default_launcher: false,
  custom_launcher_selector: null,
};

/**
 * The Messenger's iframe on the customer's page: created from the Frontdesk origin, placed and sized
 * for what the frame shows, and the only channel to it (postMessage, both ends checked).
 */
export class FrameHost {
  readonly iframe: HTMLIFrameElement;
  mode: FrameMode = 'none';
  placement: Placement = defaultPlacement;
  private ready = false;
  private queue: HostMessage[] = [];
  private focusBeforeOpen: Element | null = null;
  private readonly onWindowMessage = (event: MessageEvent) => this.receive(event);
  private readonly onResize = () => {
    this.layout();
    this.post({ type: 'viewport', compact: isCompact() });
  };

  constructor(
    readonly origin: string,
    appId: string,
    zIndex: number,
    /** The boot message, sent first each time the frame (re)loads. */
    private readonly bootMessage: () => HostMessage,
    private readonly onMessage: (message: FrameMessage) => void,
  ) {
    const iframe = document.createElement('iframe');
    iframe.src = `${origin}/messenger/frame?app_id=${encodeURIComponent(appId)}`;
    iframe.title = 'Messenger';
    iframe.setAttribute('data-frontdesk-messenger', '');
    Object.assign(iframe.style, {
      position: 'fixed',
      border: '0',
      padding: '0',
      margin: '0',
      background: 'transparent',
      colorScheme: 'normal',
      display: 'none',
      zIndex: String(zIndex),
    });
    this.iframe = iframe;
    addEventListener('message', this.onWindowMessage);
    addEventListener('resize', this.onResize);
    const attach = () => document.body.appendChild(iframe);
    if (document.body) attach();
    else document.addEventListener('DOMContentLoaded', attach, { once: true });
  }

  post(message: HostMessage): void {
    if (!this.ready) {
      this.queue.push(message);
      return;
    }
    const envelope: Envelope<HostMessage> = { ...message, fd: 1 };
    this.iframe.contentWindow?.postMessage(envelope, this.origin);
  }

  destroy(): void {
    removeEventListener('message', this.onWindowMessage);
    removeEventListener('resize', this.onResize);
    this.iframe.remove();
  }

  private receive(event: MessageEvent): void {
    if (event.source !== this.iframe.contentWindow || event.origin !== this.origin) return;
    const message = event.data as Envelope<FrameMessage> | null;
    if (message?.fd !== 1 || typeof message.type !== 'string') return;
    if (message.type === 'ready') {
      this.ready = true;
      const queued = this.queue.filter((item) => item.type !== 'boot');
      this.queue = [];
      this.post(this.bootMessage());
      for (const item of queued) this.post(item);
    } else if (message.type === 'layout') {
      this.placement = message.placement;
      this.setMode(message.mode);
    }
    this.onMessage(message);
  }

  private setMode(mode: FrameMode): void {
    const wasOpen = this.mode === 'open';
    this.mode = mode;
    if (mode === 'open' && !wasOpen) {
      this.focusBeforeOpen = document.activeElement === this.iframe ? null : document.activeElement;
      this.iframe.focus();
    }
    if (mode !== 'open' && wasOpen && document.activeElement === this.iframe && this.focusBeforeOpen instanceof HTMLElement) {
      this.focusBeforeOpen.focus();
    }
    this.layout();
  }

  private layout(): void {
    const style = this.iframe.style;
    const { alignment, horizontal_padding, vertical_padding } = this.placement;
    style.display = this.mode === 'none' ? 'none' : 'block';
    if (this.mode === 'open' && isCompact()) {
      Object.assign(style, { top: '0', left: '0', right: 'auto', bottom: 'auto', width: '100%', height: '100%' });
      return;
    }
    const side = `${Math.max(0, horizontal_padding - margin)}px`;
    const bottom = Math.max(0, vertical_padding - margin);
    const tallest = Math.max(launcherBox, innerHeight - bottom - 12);
    const [width, height] =
      this.mode === 'open'
        ? [panelWidth, Math.min(panelMaxHeight + launcherBox, tallest)]
        : this.mode === 'notify'
          ? [panelWidth - 24, Math.min(launcherBox + 168, tallest)]
          : [launcherBox, launcherBox];
    Object.assign(style, {
      top: 'auto',
      bottom: `${bottom}px`,
      left: alignment === 'left' ? side : 'auto',
      right: alignment === 'left' ? 'auto' : side,
      width: `${Math.min(width, innerWidth)}px`,
      height: `${height}px`,
    });
  }
}

export const isCompact = () => innerWidth < compactWidth;
