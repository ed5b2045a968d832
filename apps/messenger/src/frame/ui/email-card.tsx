import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { Messenger } from '../messenger.ts';

/** As the server checks it: something@domain.tld, no spaces. */
const emailPattern = /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/;

/** Whether the conversation should carry the card: the visitor is anonymous or a lead (users are known). */
export const collectsEmail = (messenger: Messenger) => messenger.status === 'ready' && (messenger.contact?.role ?? 'lead') === 'lead';

/**
 * Intercom's email collector, shown after the visitor's first message: "Get notified by email", an
 * email field and a button; once given, "You'll be notified here and by email at …".
 */
export function EmailCard({ messenger }: { messenger: Messenger }) {
  const { t } = messenger;
  const email = messenger.contact?.email;
  const [value, setValue] = useState('');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const given = useRef(false);
  const done = useRef<HTMLParagraphElement>(null);

  // The visitor just gave it: move focus to the confirmation (the form it was in is gone).
  useLayoutEffect(() => {
    if (email && given.current) done.current?.focus();
  }, [email]);

  if (email) {
    return (
      <p ref={done} class="fd-email-card" tabIndex={-1}>
        {t('emailDone', { email })}
      </p>
    );
  }

  const submit = async (event: Event) => {
    event.preventDefault();
    const typed = value.trim();
    if (!emailPattern.test(typed)) return setError(t('emailInvalid'));
    setError('');
    setBusy(true);
    try {
      given.current = true;
      await messenger.supplyEmail(typed);
    } catch (failure) {
      given.current = false;
      setError(messenger.errorText(failure));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form class="fd-email-card" aria-labelledby="fd-email-title" noValidate onSubmit={submit}>
      <strong id="fd-email-title">{t('emailAsk')}</strong>
      <span class="fd-muted">{t('emailWhy')}</span>
      <div class="fd-email-row">
        <input
          type="email"
          autocomplete="email"
          inputMode="email"
          aria-label={t('emailLabel')}
          placeholder="name@example.com"
          value={value}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? 'fd-email-error' : undefined}
          onInput={(event) => setValue(event.currentTarget.value)}
        />
        <button type="submit" class="fd-primary" disabled={busy}>
          {t('emailSubmit')}
        </button>
      </div>
      {error && (
        <p id="fd-email-error" class="fd-email-error" role="alert">
          {error}
        </p>
      )}
    </form>
  );
}
