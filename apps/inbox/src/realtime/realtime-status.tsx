import { useEffect, useState } from 'react';
import { useRealtime } from './realtime-provider.tsx';

/** Says so when live updates are interrupted; quiet while the first connection is being made. */
export function RealtimeStatusBanner() {
  const { status } = useRealtime();
  const [wasOpen, setWasOpen] = useState(false);
  const [slowStart, setSlowStart] = useState(false);

  useEffect(() => {
    if (status === 'open') setWasOpen(true);
  }, [status]);
  useEffect(() => {
    const timer = window.setTimeout(() => setSlowStart(true), 4000);
    return () => window.clearTimeout(timer);
  }, []);

  const interrupted = status !== 'open' && (wasOpen || slowStart);
  return (
    <div className="realtime-status" role="status" aria-live="polite">
      {interrupted ? (
        <span className="realtime-status-badge">
          <span className="realtime-status-dot" aria-hidden="true" />
          {wasOpen ? 'Reconnecting…' : 'Connecting…'}
        </span>
      ) : null}
    </div>
  );
}
