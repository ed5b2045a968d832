/**
 * The postMessage protocol between the loader (on the customer's page) and the Messenger frame (on the
 * Frontdesk origin). Every message carries `fd: 1` so either side ignores other scripts' messages, and
 * each side checks the other's origin and window before reading one.
 */

export type Space = 'home' | 'messages' | 'help';

/** Messenger settings a page may pass to boot/update; they override the workspace's defaults. */
export interface MessengerOverrides {
  action_color?: string;
  background_color?: string;
  link_color?: string;
  alignment?: 'left' | 'right';
  horizontal_padding?: number;
  vertical_padding?: number;
  hide_default_launcher?: boolean;
  custom_launcher_selector?: string | null;
  hide_notifications?: boolean;
}

/** Where the loader places the frame; the frame computes it from the workspace settings and the overrides. */
export interface Placement {
  alignment: 'left' | 'right';
  horizontal_padding: number;
  vertical_padding: number;
  hide_default_launcher: boolean;
  custom_launcher_selector: string | null;
}

/** `launcher`: the button only; `open`: the panel; `notify`: a message preview above the launcher. */
export type FrameMode = 'none' | 'launcher' | 'open' | 'notify';

export interface PageInfo {
  url: string;
  title: string;
}

export type HostMessage =
  | {
      type: 'boot';
      app_id: string;
      visitor_id: string | null;
      settings: MessengerOverrides;
      user: Record<string, unknown>;
      page: PageInfo;
      compact: boolean;
    }
  | { type: 'update'; settings: MessengerOverrides; user: Record<string, unknown>; page: PageInfo }
  | { type: 'show'; space?: Space; compose?: string }
  | { type: 'hide' }
  | { type: 'start'; text: string }
  | { type: 'track'; event_name: string; metadata?: Record<string, unknown> }
  | { type: 'viewport'; compact: boolean }
  | { type: 'notifications'; hidden: boolean };

export type FrameMessage =
  | { type: 'ready' }
  | { type: 'booted'; visitor_id: string }
  | { type: 'boot_failed'; status: number; code: string; message: string }
  | { type: 'layout'; mode: FrameMode; placement: Placement }
  | { type: 'unread'; count: number }
  | { type: 'email'; email: string };

export type Envelope<T> = T & { fd: 1 };
