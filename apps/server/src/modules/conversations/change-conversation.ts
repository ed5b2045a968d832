import { numericId } from '../../platform/crypto/tokens.ts';
import type { Tx } from '../../platform/db/database.ts';
import type { NewEvent } from '../../platform/events/outbox.ts';
import { AppError, notFound } from '../../platform/http/errors.ts';
import type { Platform } from '../../platform/platform.ts';
import { type ContactTouch, contactTouchesCte } from '../contacts/service.ts';
import * as data from './data.ts';
import { patched } from './part-effects.ts';

/** A part a change appends; the id, times and resulting state are filled in when it is written. */
export interface PartDraft {
  partType: string;
  body?: string | null;
  author: { type: 'admin' | 'user' | 'lead' | 'bot'; id: string | null };
  assignedTo?: { type: string; id: string } | null;
  attachments?: unknown[];
  metadata?: Record<string, unknown>;
  eventDetails?: Record<string, unknown> | null;
}

export interface ChangePlan {
  patch: data.ConversationPatch;
  parts: PartDraft[];
  /** Events besides the one `conversation.part.created` per part (which is always appended). */
  events?: { type: string; payload: Record<string, unknown> }[];
}

export interface Locked extends data.LockedConversation {
  /** The change's time as a Date (the text `at` keeps the microseconds that order parts). */
  now: Date;
  tx: Tx;
}

export interface ChangeResult {
  row: data.ConversationRow;
  parts: data.PartRow[];
  contactIds: string[];
  /** Participants as read with the lock (those a change adds are loaded when the answer is built). */
  contacts: data.Participant[];
  /** The conversation's tags, read with the lock. */
  tags: data.LockedConversation['tags'];
  /** The events the change appended on the conversation, with their sequence numbers. */
  events: { type: string; sequence: number; payload: Record<string, unknown> }[];
}

type CommitListener = (results: ChangeResult[]) => void;
const commitListeners = new WeakMap<Platform['database'], CommitListener[]>();

/**
 * Called with every change once it has committed (before its answer is sent), so realtime can show it
 * at once; the event log's consumers stay the guarantee (see modules/realtime).
 */
export function onConversationChanges(database: Platform['database'], listener: CommitListener): void {
  commitListeners.set(database, [...(commitListeners.get(database) ?? []), listener]);
}

function announce(database: Platform['database'], results: ChangeResult[]): void {
  const listeners = commitListeners.get(database);
  const changed = results.filter((result) => result.events.length);
  if (!listeners || !changed.length) return;
  for (const listener of listeners) listener(changed);
}

/** PostgreSQL's text form of a timestamptz ("2025-01-02 03:04:05.123456+00") as a Date. */
export function parseDatabaseTime(text: string): Date {
  const iso = text.replace(' ', 'T').replace(/([+-]\d{2})$/, '$1:00');
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) throw new Error(`unexpected timestamp text from the database: ${text}`);
  return date;
}

/** One change to apply: its target, who acts (for the events) and the plan deciding parts and patch. */
export interface ChangeIntent {
  workspaceId: number;
  target: { id: string } | { lastOfContact: string };
  actorId: number | null;
  plan: (locked: Locked) => ChangePlan | Promise<ChangePlan>;
}

/** The newest conversation (by start) among the locked ones the contact takes part in: `last`'s row. */
function lastOf(lockedRows: data.LockedConversation[], workspaceId: number, contactId: string): data.LockedConversation | undefined {
  let best: data.LockedConversation | undefined;
  for (const candidate of lockedRows) {
    if (candidate.row.workspaceId !== workspaceId || !candidate.contactIds.includes(contactId)) continue;
    const newer =
      !best ||
      candidate.row.createdAt.getTime() > best.row.createdAt.getTime() ||
      (candidate.row.createdAt.getTime() === best.row.createdAt.getTime() && candidate.row.id > best.row.id);
    if (newer) best = candidate;
  }
  return best;
}

/**
 * What a part says of its conversation's contacts: a contact's comment is its reply
 * (`last_replied_at`), a teammate's comment or quick reply contacts every participant
 * (`last_contacted_at`). Notes and actions touch no one.
 */
function touchesOf(workspaceId: number, part: data.PartWrite, contactIds: string[]): ContactTouch[] {
  const at = part.at;
  if (part.partType === 'comment' && (part.authorType === 'user' || part.authorType === 'lead') && part.authorId) {
    return [{ workspaceId, contactId: part.authorId, repliedAt: at }];
  }
  if (part.authorType === 'admin' && (part.partType === 'comment' || part.partType === 'quick_reply')) {
    return contactIds.map((contactId) => ({ workspaceId, contactId, contactedAt: at }));
  }
  return [];
}

/** How applyChanges' write ends its transaction. */
export interface WriteOptions {
  /** The write is the transaction's last statement: its COMMIT goes with it (db `lastStatement`). */
  last?: boolean;
  /** Called as the write is sent: from then on, a failure without an answer leaves the outcome unknown. */
  onWrite?: () => void;
}

/**
 * The one write path of every conversation change, for one change or a batch of them in the caller's
 * transaction: lock every target row in one statement, run each plan in order on its conversation as
 * the earlier ones left it (several changes to one conversation apply one after the other), then write
 * all parts, all rows and all events — `conversation.part.created` per part, on the conversation's
 * aggregate, then the plan's own — in one statement. A change whose plan throws an AppError (or whose
 * conversation is not found) gets that error and writes nothing; any other error fails the batch.
 * Plans of a batch of several must not write through `tx` themselves (only a batch of one may).
 */
export async function applyChanges(tx: Tx, intents: ChangeIntent[], options: WriteOptions = {}): Promise<(ChangeResult | AppError)[]> {
  const lockedRows = await data.lockConversations(
    tx,
    intents.map((intent) => ({ workspaceId: intent.workspaceId, ...intent.target })),
  );
  const byKey = new Map(lockedRows.map((found) => [`${found.row.workspaceId}:${found.row.id}`, found]));
  /** Each conversation as the batch's changes so far left it. */
  const states = new Map<data.LockedConversation, { row: data.ConversationRow; contactIds: string[]; now: Date; patch: data.ConversationPatch; offset: number }>();
  const parts: data.PartWrite[] = [];
  const events: NewEvent[] = [];
  /** Contacts' `last_replied_at` (they wrote) and `last_contacted_at` (a teammate wrote to them). */
  const touches: ContactTouch[] = [];
  const results: (ChangeResult | AppError)[] = [];
  /** Which of `events` each result appended (filled in with their sequences after the write). */
  const eventsOf = new Map<ChangeResult, { from: number; to: number }>();
  for (const intent of intents) {
    const { workspaceId, target, actorId } = intent;
    const found = 'id' in target ? byKey.get(`${workspaceId}:${target.id}`) : lastOf(lockedRows, workspaceId, target.lastOfContact);
    if (!found) {
      results.push(notFound('Conversation'));
      continue;
    }
    let state = states.get(found);
    if (!state) {
      state = { row: found.row, contactIds: [...found.contactIds], now: parseDatabaseTime(found.at), patch: {}, offset: 0 };
      states.set(found, state);
    }
    const { row: before, now } = state;
    let plan: ChangePlan;
    try {
      plan = await intent.plan({ row: before, contactIds: state.contactIds, contacts: found.contacts, tags: found.tags, at: found.at, now, tx });
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      results.push(error);
      continue;
    }
    const { patch, parts: drafts, events: extra = [] } = plan;
    const unchanged = { contactIds: [...state.contactIds], contacts: found.contacts, tags: found.tags };
    // A change that changes nothing (priority already set, snooze already woken) writes nothing.
    if (drafts.length === 0 && extra.length === 0 && Object.keys(patch).length === 0) {
      results.push({ row: before, parts: [], ...unchanged, events: [] });
      continue;
    }
    const counted = drafts.length ? { ...patch, countConversationParts: before.countConversationParts + drafts.length } : patch;
    const after = { ...patched(before, counted), updatedAt: now };
    state.row = after;
    Object.assign(state.patch, counted);
    const written = drafts.map((draft): data.PartWrite => ({
      workspaceId,
      conversationId: after.id,
      at: found.at,
      offset: state.offset++,
      id: numericId(),
      partType: draft.partType,
      body: draft.body ?? null,
      authorType: draft.author.type,
      authorId: draft.author.id,
      assignedTo: draft.assignedTo ?? null,
      attachments: draft.attachments ?? [],
      metadata: draft.metadata ?? {},
      state: after.state,
      eventDetails: draft.eventDetails ?? null,
    }));
    parts.push(...written);
    for (const part of written) touches.push(...touchesOf(workspaceId, part, state.contactIds));
    const aggregate = { workspaceId, aggregateType: 'conversation', aggregateId: after.id };
    const firstEvent = events.length;
    for (const part of written) {
      events.push({
        ...aggregate,
        type: 'conversation.part.created',
        payload: { actor_id: actorId, conversation_id: after.id, part_id: part.id, part_type: part.partType, author_type: part.authorType, author_id: part.authorId },
      });
    }
    for (const event of extra) events.push({ ...aggregate, type: event.type, payload: { actor_id: actorId, conversation_id: after.id, ...event.payload } });
    const partRows: data.PartRow[] = written.map(({ at: _at, offset: _offset, ...part }) => ({
      ...part,
      assignedTo: part.assignedTo ?? null,
      attachments: part.attachments ?? [],
      metadata: part.metadata ?? {},
      eventDetails: part.eventDetails ?? null,
      redacted: false,
      createdAt: now,
      updatedAt: now,
    }));
    const result: ChangeResult = { row: after, parts: partRows, ...unchanged, events: [] };
    eventsOf.set(result, { from: firstEvent, to: events.length });
    results.push(result);
  }
  const conversationWrites: data.ConversationWrite[] = [];
  for (const [found, state] of states) {
    if (state.row !== found.row) conversationWrites.push({ workspaceId: found.row.workspaceId, id: found.row.id, at: found.at, patch: state.patch });
  }
  const touched = contactTouchesCte(touches);
  if (conversationWrites.length || events.length) {
    options.onWrite?.();
    const appended = await data.writeChanges(tx, { conversations: conversationWrites, parts, events }, touched ? [touched] : [], { last: options.last });
    for (const [result, { from, to }] of eventsOf) {
      result.events = events.slice(from, to).map((event, index) => ({ type: event.type, sequence: appended[from + index]?.sequence ?? 0, payload: event.payload }));
    }
  }
  return results;
}

/** One change in its own transaction: a batch of one. */
export async function changeConversation(
  platform: Platform,
  workspaceId: number,
  target: { id: string } | { lastOfContact: string },
  actorId: number | null,
  plan: (locked: Locked) => ChangePlan | Promise<ChangePlan>,
): Promise<ChangeResult> {
  const result = await platform.database.transaction(async (tx) => {
    const [applied] = await applyChanges(tx, [{ workspaceId, target, actorId, plan }], { last: true });
    if (!applied) throw new Error('a change returned no result');
    if (applied instanceof AppError) throw applied;
    return applied;
  });
  announce(platform.database, [result]);
  return result;
}

/** The most changes one batch transaction carries. */
const maxBatch = 200;

interface Pending {
  intent: ChangeIntent;
  resolve(result: ChangeResult): void;
  reject(error: unknown): void;
}

/**
 * Group commit for concurrent changes (the reply path): changes that arrive while a batch is being
 * written wait and go together in the next one, in one transaction of two round trips whatever its
 * size (BEGIN with the lock, the write with its COMMIT). The first change after a quiet spell goes at
 * once (after the current turn of the event loop, to gather the requests read with it), so there is
 * no added latency at low load. If a batch fails for another reason than a change's own AppError (a
 * deadlock, a bug in one plan), each change is retried alone, so one bad change cannot fail the
 * others — unless its write went out and failed without an answer: whether it committed is unknown.
 */
class ChangeBatcher {
  private readonly queue: Pending[] = [];
  private running = false;

  constructor(private readonly platform: Platform) {}

  submit(intent: ChangeIntent): Promise<ChangeResult> {
    return new Promise((resolve, reject) => {
      this.queue.push({ intent, resolve, reject });
      if (this.running) return;
      this.running = true;
      setImmediate(() => void this.drain());
    });
  }

  /** A batch's settlement (its announcement and answers), waiting for the next batch to have gone out. */
  private deferred: (() => void) | undefined;

  /**
   * One batch at a time (measured: two or more in flight only add lock waits and CPU contention). When
   * more changes wait, a batch is settled only after the next one's first statement has gone out
   * (setImmediate runs after the microtasks that send it), so PostgreSQL locks the next batch while
   * this process answers the last one's requests (measured: 8–10% more replies/s at 48 in flight).
   * Batches are always settled in order: each settles any earlier one first.
   */
  private async drain(): Promise<void> {
    try {
      while (this.queue.length) {
        const settle = await this.run(this.queue.splice(0, maxBatch));
        this.settleDeferred();
        if (!this.queue.length) {
          settle();
          continue;
        }
        this.deferred = settle;
        setImmediate(this.settleDeferred);
      }
    } finally {
      this.running = false;
    }
  }

  private readonly settleDeferred = () => {
    const settle = this.deferred;
    this.deferred = undefined;
    settle?.();
  };

  /** Runs a batch's transaction and returns what settles it (a failed batch settles itself). */
  private async run(batch: Pending[]): Promise<() => void> {
    let written = false;
    let results: (ChangeResult | AppError)[];
    try {
      results = await this.platform.database.transaction((tx) =>
        applyChanges(
          tx,
          batch.map((pending) => pending.intent),
          { last: true, onWrite: () => (written = true) },
        ),
      );
    } catch (error) {
      this.settleDeferred();
      // The write (and the COMMIT behind it) went out, and failed without an answer from the server:
      // whether it committed is unknown.
      if (written && (error as { code?: unknown }).code === undefined) {
        for (const pending of batch) pending.reject(error);
        return () => {};
      }
      if (batch.length === 1) {
        batch[0]?.reject(error);
        return () => {};
      }
      await Promise.all(
        batch.map(({ intent, resolve, reject }) =>
          changeConversation(this.platform, intent.workspaceId, intent.target, intent.actorId, intent.plan).then(resolve, reject),
        ),
      );
      return () => {};
    }
    return () => {
      announce(
        this.platform.database,
        results.filter((result): result is ChangeResult => !(result instanceof AppError)),
      );
      results.forEach((result, index) => {
        const pending = batch[index] as Pending;
        if (result instanceof AppError) pending.reject(result);
        else pending.resolve(result);
      });
    };
  }
}

const batchers = new WeakMap<Platform['database'], ChangeBatcher>();

/**
 * A change that may share its transaction with concurrent ones (see ChangeBatcher). Its plan must be
 * a pure function of the locked row: it may run after other changes to the same conversation, and
 * must not write through `tx`.
 */
export function changeConversationBatched(platform: Platform, intent: ChangeIntent): Promise<ChangeResult> {
  let batcher = batchers.get(platform.database);
  if (!batcher) {
    batcher = new ChangeBatcher(platform);
    batchers.set(platform.database, batcher);
  }
  return batcher.submit(intent);
}
