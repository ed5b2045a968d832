import { useState } from 'preact/hooks';
import { safeUrl } from '../sanitize.ts';

/** A teammate's picture, or their initials when there is none (or it fails to load). */
export function Avatar({ name, src }: { name: string | null; src: string | null }) {
  const [broken, setBroken] = useState(false);
  const url = safeUrl(src, /^https?:$/);
  const initials = (name ?? '?')
    .split(/\s+/)
    .map((word) => word[0] ?? '')
    .join('')
    .slice(0, 2)
    .toUpperCase();
  if (url && !broken) return <img class="fd-avatar" src={url} alt={name ?? ''} referrerpolicy="no-referrer" onError={() => setBroken(true)} />;
  return (
    <span class="fd-avatar" role="img" aria-label={name ?? ''}>
      {initials}
    </span>
  );
}
