/** Initials in a circle; a contact's own avatar URL is not loaded (it is customer data pointing anywhere). */
export function PersonAvatar({ name, email, size = 'small' }: { name: string | null; email: string | null; size?: 'small' | 'large' }) {
  const label = (name ?? email ?? '?').trim();
  const initials =
    label
      .split(/\s+/)
      .slice(0, 2)
      .map((word) => word.slice(0, 1).toUpperCase())
      .join('') || '?';
  return (
    <span className={size === 'large' ? 'avatar people-avatar-large' : 'avatar'} aria-hidden="true">
      {initials}
    </span>
  );
}

export const displayName = (person: { name: string | null; email: string | null; role?: string }) =>
  person.name ?? person.email ?? (person.role === 'lead' ? 'Unnamed lead' : 'Unnamed user');
