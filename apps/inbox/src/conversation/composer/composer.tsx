import type { ConversationDetail, RenderedReply } from '@frontdesk/api-types';
import { type ChangeEvent, type KeyboardEvent, useEffect, useId, useLayoutEffect, useRef, useState } from 'react';
import { api, messageOf } from '../../api/client.ts';
import { ErrorAlert } from '../../ui/alerts.tsx';
import type { PendingSend } from '../pending-send.ts';
import { AttachmentChips, useUploads } from './attachment-chips.tsx';
import { type Draft, readDraft, saveDraft } from './drafts.ts';
import { EmojiPicker } from './emoji-picker.tsx';
import { bulletLines, linkAt, wrapSelection, type Edit } from './edits.ts';
import { MacroPicker } from './macro-picker.tsx';
import { htmlToText, type Mention, textToHtml } from './markup.ts';
import { optionId, type Suggestion, SuggestionList, useSuggestions } from './suggestions.tsx';
import { triggerAt } from './trigger.ts';

export type ComposerMode = 'reply' | 'note';

interface ComposerProps {
  conversationId: string;
  contactName: string | null;
  mode: ComposerMode;
  onModeChange: (mode: ComposerMode) => void;
  /** Changes whenever a shortcut asks for the composer's focus. */
  focusRequest: number;
  canReply: boolean;
  macroOpen: boolean;
  onMacroOpenChange: (open: boolean) => void;
  onMacroApplied: (detail: ConversationDetail) => void;
  onSend: (message: Pick<PendingSend, 'body' | 'note' | 'attachments'>) => void;
  /** The teammate typed in the reply (not a note): the visitor sees "typing…". */
  onTyping: () => void;
}

const isMod = (event: KeyboardEvent) => event.metaKey || event.ctrlKey;

/** Reply and note composer: marks for formatting, emoji, attachments, @mentions, saved replies by "#", macros. */
export function Composer(props: ComposerProps) {
  const { conversationId, mode, canReply } = props;
  const ids = useId();
  const textarea = useRef<HTMLTextAreaElement>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const [drafts, setDrafts] = useState<Record<ComposerMode, Draft>>(() => ({ reply: readDraft(conversationId, 'reply'), note: readDraft(conversationId, 'note') }));
  const [caret, setCaret] = useState(0);
  const [dismissed, setDismissed] = useState<number | null>(null);
  const [active, setActive] = useState(0);
  const [inserting, setInserting] = useState(false);
  const [problem, setProblem] = useState<string>();
  const uploads = useUploads();
  const nextCaret = useRef<number | null>(null);

  const { text, mentions } = drafts[mode];
  const rawTrigger = triggerAt(text, caret, mode === 'note');
  const trigger = rawTrigger && rawTrigger.start !== dismissed ? rawTrigger : null;
  const suggestions = useSuggestions(trigger);
  const listId = `${ids}-suggestions`;
  const showSuggestions = trigger !== null && !inserting;

  useEffect(() => {
    if (props.focusRequest > 0) textarea.current?.focus();
  }, [props.focusRequest]);

  useLayoutEffect(() => {
    if (nextCaret.current === null || !textarea.current) return;
    textarea.current.setSelectionRange(nextCaret.current, nextCaret.current);
    setCaret(nextCaret.current);
    nextCaret.current = null;
  });

  function update(draft: Draft, caretAfter?: number) {
    setDrafts((current) => ({ ...current, [mode]: draft }));
    saveDraft(conversationId, mode, draft);
    if (caretAfter !== undefined) nextCaret.current = caretAfter;
  }

  function apply(edit: Edit) {
    update({ text: edit.text, mentions });
    requestAnimationFrame(() => {
      textarea.current?.focus();
      textarea.current?.setSelectionRange(edit.selectionStart, edit.selectionEnd);
      setCaret(edit.selectionEnd);
    });
  }

  function selection() {
    const element = textarea.current;
    return { start: element?.selectionStart ?? text.length, end: element?.selectionEnd ?? text.length };
  }

  function replaceRange(start: number, end: number, insert: string, added: Mention[] = []) {
    const known = new Set(mentions.map((m) => m.id));
    update({ text: text.slice(0, start) + insert + text.slice(end), mentions: [...mentions, ...added.filter((m) => !known.has(m.id))] }, start + insert.length);
    textarea.current?.focus();
  }

  function onChange(event: ChangeEvent<HTMLTextAreaElement>) {
    update({ text: event.target.value, mentions });
    setCaret(event.target.selectionStart);
    setActive(0);
    setProblem(undefined);
    if (mode === 'reply' && event.target.value.trim()) props.onTyping();
  }

  async function pick(item: Suggestion) {
    if (!trigger) return;
    const end = trigger.start + 1 + trigger.query.length;
    if (item.kind === 'mention') {
      replaceRange(trigger.start, end, `@${item.teammate.name} `, [{ id: item.teammate.id, name: item.teammate.name }]);
      return;
    }
    setInserting(true);
    setProblem(undefined);
    try {
      const rendered = await api.post<RenderedReply>(`/saved-replies/${encodeURIComponent(item.reply.id)}/render`, { conversation_id: conversationId });
      const inserted = htmlToText(rendered.body);
      replaceRange(trigger.start, end, inserted.text, inserted.mentions);
    } catch (failure) {
      setProblem(messageOf(failure));
    } finally {
      setInserting(false);
    }
  }

  function send() {
    if (uploads.busy) {
      setProblem('Wait for the attachments to finish uploading.');
      return;
    }
    const attachments = uploads.done();
    if (!text.trim() && attachments.length === 0) return;
    const used = mentions.filter((m) => text.includes(`@${m.name}`));
    props.onSend({ body: text.trim() ? textToHtml(text, mode === 'note' ? used : []) : '', note: mode === 'note', attachments });
    update({ text: '', mentions: [] }, 0);
    uploads.clear();
    setProblem(undefined);
  }

  function onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    if (showSuggestions && suggestions.items.length > 0) {
      if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
        event.preventDefault();
        const step = event.key === 'ArrowDown' ? 1 : -1;
        setActive((index) => (index + step + suggestions.items.length) % suggestions.items.length);
        return;
      }
      if (event.key === 'Enter' || event.key === 'Tab') {
        event.preventDefault();
        const item = suggestions.items[Math.min(active, suggestions.items.length - 1)];
        if (item) void pick(item);
        return;
      }
    }
    if (showSuggestions && event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      setDismissed(trigger?.start ?? null);
      return;
    }
    const { start, end } = selection();
    if (isMod(event) && event.key.toLowerCase() === 'b') {
      event.preventDefault();
      apply(wrapSelection(text, start, end, '**'));
    } else if (isMod(event) && event.key.toLowerCase() === 'i') {
      event.preventDefault();
      apply(wrapSelection(text, start, end, '_'));
    } else if (event.key === 'Enter' && !event.shiftKey && !event.altKey && !event.nativeEvent.isComposing) {
      event.preventDefault();
      send();
    }
  }

  function insertText(insert: string) {
    const { start, end } = selection();
    replaceRange(start, end, insert);
  }

  function addFiles(event: ChangeEvent<HTMLInputElement>) {
    for (const file of Array.from(event.target.files ?? [])) uploads.add(file);
    event.target.value = '';
  }

  if (!canReply) {
    return (
      <div className="composer composer-readonly">
        <p className="muted">You can read this conversation, but your role does not allow replies. Ask an admin for the “reply” permission.</p>
      </div>
    );
  }

  const label = mode === 'reply' ? 'Reply' : 'Note';
  const placeholder =
    mode === 'reply'
      ? `Reply to ${props.contactName ?? 'the customer'}… Enter sends, Shift+Enter adds a line, # inserts a saved reply`
      : 'Write a note for your team… @ mentions a teammate; the customer never sees notes';
  const activeItem = showSuggestions && suggestions.items.length ? optionId(listId, Math.min(active, suggestions.items.length - 1)) : undefined;

  return (
    <section className={`composer composer-${mode}`} aria-label="Composer">
      <div className="composer-tabs" role="tablist" aria-label="Write a">
        {(['reply', 'note'] as const).map((tab) => (
          <button
            key={tab}
            type="button"
            role="tab"
            id={`${ids}-tab-${tab}`}
            aria-selected={mode === tab}
            aria-controls={`${ids}-panel`}
            className="composer-tab"
            onClick={() => {
              props.onModeChange(tab);
              textarea.current?.focus();
            }}
          >
            {tab === 'reply' ? 'Reply' : 'Note'}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`${ids}-panel`} aria-labelledby={`${ids}-tab-${mode}`} className="composer-panel">
        {showSuggestions ? (
          <SuggestionList
            id={listId}
            trigger={trigger}
            items={suggestions.items}
            loading={suggestions.loading}
            error={suggestions.error}
            active={Math.min(active, Math.max(suggestions.items.length - 1, 0))}
            onPick={(item) => void pick(item)}
          />
        ) : null}
        <textarea
          ref={textarea}
          className="composer-input"
          aria-label={label}
          placeholder={placeholder}
          value={text}
          rows={3}
          onChange={onChange}
          onKeyDown={onKeyDown}
          onSelect={(event) => setCaret(event.currentTarget.selectionStart)}
          aria-autocomplete="list"
          aria-controls={showSuggestions ? listId : undefined}
          aria-activedescendant={activeItem}
          aria-describedby={`${ids}-help`}
        />
        <p id={`${ids}-help`} className="visually-hidden">
          Enter sends, Shift+Enter adds a new line. **bold**, _italic_, [text](https://link) and lines starting with “- ” are formatted.
        </p>
        <AttachmentChips uploads={uploads.list} onRemove={uploads.remove} />
        <ErrorAlert message={problem} />
        {inserting ? (
          <p className="muted small" role="status">
            Inserting the saved reply…
          </p>
        ) : null}
        <div className="composer-toolbar">
          <div className="composer-tools" role="toolbar" aria-label="Formatting">
            <button type="button" className="composer-tool" aria-label="Bold" title="Bold (Ctrl+B)" onClick={() => apply(wrapSelection(text, selection().start, selection().end, '**'))}>
              <b aria-hidden="true">B</b>
            </button>
            <button type="button" className="composer-tool" aria-label="Italic" title="Italic (Ctrl+I)" onClick={() => apply(wrapSelection(text, selection().start, selection().end, '_'))}>
              <i aria-hidden="true">I</i>
            </button>
            <button type="button" className="composer-tool" aria-label="Link" title="Link" onClick={() => apply(linkAt(text, selection().start, selection().end))}>
              <span aria-hidden="true">🔗</span>
            </button>
            <button type="button" className="composer-tool" aria-label="Bulleted list" title="Bulleted list" onClick={() => apply(bulletLines(text, selection().start, selection().end))}>
              <span aria-hidden="true">•≡</span>
            </button>
            <EmojiPicker onPick={insertText} />
            <button type="button" className="composer-tool" aria-label="Attach files" title="Attach files" onClick={() => fileInput.current?.click()}>
              <span aria-hidden="true">📎</span>
            </button>
            <input ref={fileInput} type="file" multiple hidden onChange={addFiles} aria-label="Files to attach" />
            <button
              type="button"
              className="composer-tool composer-tool-text"
              aria-label="Saved replies"
              title="Saved replies (type #)"
              onClick={() => insertText(text && !/\s$/.test(text.slice(0, selection().start)) ? ' #' : '#')}
            >
              <span aria-hidden="true">#</span>
              <span className="tool-label" aria-hidden="true">
                {' '}
                Saved replies
              </span>
            </button>
            <MacroPicker conversationId={conversationId} open={props.macroOpen} onOpenChange={props.onMacroOpenChange} onApplied={props.onMacroApplied} />
          </div>
          <button type="button" className="button button-primary button-small composer-send" onClick={send} disabled={inserting || uploads.busy}>
            {mode === 'reply' ? 'Send' : 'Add note'}
          </button>
        </div>
      </div>
    </section>
  );
}
