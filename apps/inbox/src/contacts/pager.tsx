/** Previous/next buttons with the position in words; the list above owns the page state. */
export function Pager({
  label,
  summary,
  hasPrevious,
  hasNext,
  onPrevious,
  onNext,
  busy,
}: {
  label: string;
  summary: string;
  hasPrevious: boolean;
  hasNext: boolean;
  onPrevious: () => void;
  onNext: () => void;
  busy?: boolean;
}) {
  if (!hasPrevious && !hasNext) return <p className="muted small people-pager-summary">{summary}</p>;
  return (
    <nav className="people-pager" aria-label={label}>
      <p className="muted small people-pager-summary" aria-live="polite">
        {summary}
      </p>
      <div className="button-row">
        <button type="button" className="button button-secondary button-small" onClick={onPrevious} disabled={!hasPrevious || busy}>
          Previous page
        </button>
        <button type="button" className="button button-secondary button-small" onClick={onNext} disabled={!hasNext || busy}>
          Next page
        </button>
      </div>
    </nav>
  );
}
