/**
 * The Messenger: workspace settings (Inbox: GET/PUT /app-api/messenger/settings), the visitor API the
 * widget calls (/messenger-api/*), and the realtime frames (WebSocket /realtime).
 */

export type MessengerLocale = 'en' | 'fr' | 'de' | 'es';

export interface OfficeHours {
  /** IANA time zone, e.g. "Europe/Paris". */
  timezone: string;
  /** Opening intervals; day 0 = Sunday … 6 = Saturday; "HH:MM" 24 h. */
  intervals: { day: number; start: string; end: string }[];
}

export interface ContentSafetySettings {
  attachments_enabled: boolean;
  /** MIME types or wildcards ("image/*", "application/pdf"); empty = any type but the never-allowed ones. */
  allowed_attachment_types: string[];
  max_attachment_bytes: number;
  redact_card_numbers: boolean;
  /** Extra patterns (JavaScript regular expressions without flags) redacted before storage. */
  redaction_patterns: { name: string; pattern: string }[];
  /** Messages one visitor may send per minute before being told to slow down. */
  visitor_messages_per_minute: number;
}

export interface MessengerCustomization {
  action_color: string;
  background_color: string;
  alignment: 'left' | 'right';
  horizontal_padding: number;
  vertical_padding: number;
  hide_default_launcher: boolean;
  custom_launcher_selector: string | null;
  greeting: string;
  team_intro: string;
  team_name: string;
  /** Teammates whose avatars the Home space shows (empty = the first few teammates). */
  team_avatar_teammate_ids: string[];
  locale: MessengerLocale;
  /** Extra CSS custom properties for deeper theming, e.g. {"--fd-radius": "4px"}. */
  css_variables: Record<string, string>;
  office_hours: OfficeHours | null;
  /** Shown when office hours are not set or outside them. */
  reply_time: 'minutes' | 'hours' | 'day';
}

/** GET /app-api/messenger/settings; PUT takes a partial MessengerSettingsUpdate. */
export interface MessengerSettings {
  app_id: string;
  customization: MessengerCustomization;
  content_safety: ContentSafetySettings;
  identity_verification: {
    enforced: boolean;
    /** Whether a secret exists; POST /app-api/messenger/identity-secret makes a new one and answers it once. */
    has_secret: boolean;
  };
  /** The snippet to paste, with this server's widget URL. */
  snippet: string;
}
export interface MessengerSettingsUpdate {
  customization?: Partial<MessengerCustomization>;
  content_safety?: Partial<ContentSafetySettings>;
  identity_verification?: { enforced: boolean };
}

/** What the Messenger shows of the workspace (in the boot answer): customization plus the live details. */
export interface MessengerPublicConfig extends MessengerCustomization {
  app_id: string;
  team: { name: string; intro: string; avatars: { name: string; avatar: string | null }[] };
  /** Whether the team is in office hours now; null when no office hours are set. */
  office_open: boolean | null;
  attachments: { enabled: boolean; allowed_types: string[]; max_bytes: number };
  identity_verification: boolean;
}

/** The person a visitor is, once it is a lead or an identified user. */
export interface MessengerContact {
  id: string;
  role: 'user' | 'lead';
  name: string | null;
  email: string | null;
  user_id: string | null;
}

/** POST /messenger-api/boot and PUT /messenger-api/visitor. Keep `visitor_id` and `token`: they may change. */
export interface MessengerBootResponse {
  visitor_id: string;
  token: string;
  contact: MessengerContact | null;
  messenger: MessengerPublicConfig;
  unread_count: number;
}

/** A conversation in the Messenger's list and answers. */
export interface MessengerConversation {
  id: string;
  state: 'open' | 'closed' | 'snoozed';
  created_at: number;
  updated_at: number;
  /** The team's messages the visitor has not seen (see POST …/seen). */
  unread_count: number;
  last_part: LivePart | null;
  /**
   * The conversation's event sequence, read before the parts of the same answer: subscribe with
   * `after: seq`. A reply's answer carries the sequence read before the reply was written.
   */
  seq: number;
}

/** POST /messenger-api/attachments: reference `id` in a message's `attachment_ids`. */
export interface MessengerAttachment {
  id: string;
  url: string;
  name: string;
  content_type: string;
  size: number;
}

/** A conversation part as the Messenger and realtime frames show it (never notes or internal actions to visitors). */
export interface LivePart {
  id: string;
  part_type: string;
  /** Sanitized HTML. */
  body: string | null;
  author: { type: 'admin' | 'user' | 'lead' | 'bot' | 'team'; id: string | null; name: string | null; avatar: string | null };
  attachments: { name: string | null; url: string; content_type: string | null; filesize: number | null }[];
  created_at: number;
  redacted: boolean;
}

/** What a teammate's stream says of a conversation with each event (for lists and permissions). */
export interface LiveConversation {
  id: string;
  state: 'open' | 'closed' | 'snoozed';
  read: boolean;
  priority: 'priority' | 'not_priority';
  admin_assignee_id: string | null;
  team_assignee_id: string | null;
  contact_ids: string[];
  waiting_since: number | null;
  snoozed_until: number | null;
  updated_at: number;
}

/** Server → client frames on /realtime. */
export type ServerFrame =
  | { type: 'ready'; stream: 'visitor' | 'teammate' }
  | {
      type: 'event';
      conversation_id: string;
      /** The conversation's sequence number: resume a conversation with {type:'subscribe', after: seq}. */
      seq: number;
      /** The teammate stream's number (teammate sockets subscribed to the inbox only). */
      stream_seq?: number;
      name: string;
      created_at: number;
      part?: LivePart;
      /** Teammate sockets: the conversation as it is now. Visitor sockets: only id and state. */
      conversation?: Partial<LiveConversation> & { id: string };
      /** Other details of the event (read by, changes...). */
      data?: Record<string, unknown>;
    }
  | { type: 'typing'; conversation_id: string; author: { type: 'admin' | 'user' | 'lead'; id: string; name: string | null } }
  | { type: 'viewing'; conversation_id: string; author: { type: 'admin'; id: string; name: string | null } }
  /**
   * Teammate sockets: a conversation just moved out of this teammate's sight (assigned to a team they
   * are not in, without "see all conversations"): drop it from lists; a followed one is no longer
   * followed. `stream_seq` as the event's, when numbered.
   */
  | { type: 'conversation_hidden'; conversation_id: string; stream_seq?: number }
  /** Events older than the log keeps were asked for: reload the conversation (or the inbox) over HTTP. */
  | { type: 'reset'; conversation_id?: string; stream?: 'inbox' }
  | { type: 'subscribed'; conversation_id?: string; stream?: 'inbox'; seq: number }
  | { type: 'error'; code: string; message: string; conversation_id?: string }
  | { type: 'pong' };

/** Client → server frames on /realtime. */
export type ClientFrame =
  /** Receive a conversation's events after `after` (0 = from the start the log keeps), then live. */
  | { type: 'subscribe'; conversation_id: string; after: number }
  | { type: 'unsubscribe'; conversation_id: string }
  /** Teammates: the workspace's conversation events (filtered by permission) after `after`, then live. */
  | { type: 'subscribe_inbox'; after: number }
  | { type: 'typing'; conversation_id: string }
  | { type: 'viewing'; conversation_id: string }
  | { type: 'ping' };
