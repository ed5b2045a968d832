import { useLayoutEffect, useState } from 'preact/hooks';
import type { Messenger } from '../messenger.ts';

/** Re-renders the calling component whenever the Messenger changes. */
export function useMessenger(messenger: Messenger): Messenger {
  const [, setVersion] = useState(0);
  useLayoutEffect(() => {
    const update = () => setVersion((version) => version + 1);
    const unsubscribe = messenger.subscribe(update);
    // Whatever changed between the first render and this subscription is shown now.
    update();
    return unsubscribe;
  }, [messenger]);
  return messenger;
}
