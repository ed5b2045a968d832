import { useEffect, useRef, useState } from 'preact/hooks';
import type { UploadedAttachment } from '../contract.ts';
import type { Messenger } from '../messenger.ts';
import { EmojiPicker } from './emoji-picker.tsx';
import { ClipIcon, CloseIcon, SendIcon, SmileIcon } from './icons.tsx';

interface Upload {
  key: number;
  name: string;
  attachment?: UploadedAttachment;
}

let uploadKeys = 0;

const size = (bytes: number) => (bytes >= 1048576 ? `${(bytes / 1048576).toFixed(1)} MB` : `${Math.ceil(bytes / 1024)} kB`);

/** Enter sends, Shift+Enter starts a new line; emoji and attachments beside it. */
export function Composer({ messenger, conversationId }: { messenger: Messenger; conversationId: string | null }) {
  const { t, config } = messenger;
  const [text, setText] = useState(conversationId ? '' : messenger.compose.text);
  const [uploads, setUploads] = useState<Upload[]>([]);
  const [picker, setPicker] = useState(false);
  const [error, setError] = useState('');
  /** Sent while a file was still uploading: the message goes once every file is up. */
  const [queued, setQueued] = useState(false);
  const input = useRef<HTMLTextAreaElement>(null);
  const files = useRef<HTMLInputElement>(null);
  const token = messenger.compose.token;
  const first = useRef(true);
  const ready = messenger.status === 'ready';

  // showNewMessage(prefill): take the text and focus, with the caret at its end.
  useEffect(() => {
    if (!first.current) setText(messenger.compose.text);
    first.current = false;
    input.current?.focus();
  }, [token]);

  useEffect(() => {
    const element = input.current;
    if (!element) return;
    element.style.height = 'auto';
    element.style.height = `${Math.min(element.scrollHeight, 120)}px`;
  }, [text]);

  const submit = async () => {
    if ((!text.trim() && !uploads.length) || !ready) return setQueued(false);
    if (uploads.some((upload) => !upload.attachment)) return setQueued(true);
    setQueued(false);
    const attached = uploads;
    const sent = text;
    setText('');
    setUploads([]);
    setPicker(false);
    setError('');
    const ok = await messenger.conversations.send(
      sent,
      attached.map((upload) => upload.attachment as UploadedAttachment),
    );
    if (!ok) {
      setText(sent);
      setUploads(attached);
    }
  };

  // The last upload of a queued message is in: send it (with the text as it is now).
  useEffect(() => {
    if (queued && uploads.every((upload) => upload.attachment)) void submit();
  }, [queued, uploads]);

  const insert = (emoji: string) => {
    const element = input.current;
    const start = element?.selectionStart ?? text.length;
    const end = element?.selectionEnd ?? text.length;
    setText(text.slice(0, start) + emoji + text.slice(end));
    setPicker(false);
    requestAnimationFrame(() => {
      element?.focus();
      element?.setSelectionRange(start + emoji.length, start + emoji.length);
    });
  };

  const attach = async (list: FileList | null) => {
    setError('');
    const max = config?.attachments.max_bytes ?? 0;
    for (const file of Array.from(list ?? [])) {
      if (max && file.size > max) {
        setError(t('tooLarge', { name: file.name, size: size(max) }));
        continue;
      }
      const key = ++uploadKeys;
      setUploads((current) => [...current, { key, name: file.name }]);
      try {
        const attachment = await messenger.conversations.upload(file);
        setUploads((current) => current.map((upload) => (upload.key === key ? { ...upload, attachment } : upload)));
      } catch (failure) {
        setUploads((current) => current.filter((upload) => upload.key !== key));
        setError(messenger.errorText(failure));
        // A message waiting for this file is not sent without it: the visitor decides again.
        setQueued(false);
      }
    }
    if (files.current) files.current.value = '';
  };

  return (
    <form
      class="fd-composer"
      aria-busy={queued}
      onSubmit={(event) => {
        event.preventDefault();
        void submit();
      }}
    >
      {error && (
        <p class="fd-error" role="alert">
          {error}
        </p>
      )}
      {uploads.length > 0 && (
        <ul class="fd-uploads">
          {uploads.map((upload) => (
            <li key={upload.key} class="fd-chip">
              {upload.attachment ? upload.name : t('uploading', { name: upload.name })}
              <button
                type="button"
                class="fd-icon-button"
                aria-label={t('remove', { name: upload.name })}
                onClick={() => setUploads((current) => current.filter((item) => item.key !== upload.key))}
              >
                <CloseIcon />
              </button>
            </li>
          ))}
        </ul>
      )}
      {picker && <EmojiPicker label={t('emoji')} onPick={insert} onClose={() => setPicker(false)} />}
      <div class="fd-compose-row">
        <textarea
          ref={input}
          data-autofocus
          rows={1}
          aria-label={t('write')}
          placeholder={t('write')}
          value={text}
          disabled={!ready}
          onInput={(event) => {
            const value = event.currentTarget.value;
            setText(value);
            if (conversationId && value.trim()) messenger.conversations.typing(conversationId);
          }}
          onKeyDown={(event) => {
            if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
              event.preventDefault();
              void submit();
            }
          }}
        />
        <button type="button" class="fd-icon-button" aria-label={t('emoji')} aria-expanded={picker} onClick={() => setPicker(!picker)}>
          <SmileIcon />
        </button>
        {config?.attachments.enabled && (
          <>
            <button type="button" class="fd-icon-button" aria-label={t('attach')} onClick={() => files.current?.click()}>
              <ClipIcon />
            </button>
            <input ref={files} type="file" multiple hidden aria-hidden="true" tabIndex={-1} onChange={(event) => void attach(event.currentTarget.files)} />
          </>
        )}
        <button type="submit" class="fd-icon-button fd-send" aria-label={t('send')} disabled={!ready}>
          <SendIcon />
        </button>
      </div>
    </form>
  );
}
