import { useState } from 'react';
import { Modal } from '../inbox/modal.tsx';
import { describeKeys } from './key-combo.ts';
import { type RegisteredShortcut, useRegisteredShortcuts, useShortcut } from './shortcuts.tsx';
import './shortcuts.css';

/** The "?" overlay: every shortcut registered on the current screen. */
export function ShortcutHelp() {
  const [open, setOpen] = useState(false);
  const shortcuts = useRegisteredShortcuts();
  useShortcut('?', 'Show keyboard shortcuts', () => setOpen(true));
  if (!open) return null;
  return (
    <Modal title="Keyboard shortcuts" onClose={() => setOpen(false)} className="shortcut-help">
      <table className="shortcut-table">
        <thead>
          <tr>
            <th scope="col">Action</th>
            <th scope="col">Keys</th>
          </tr>
        </thead>
        <tbody>
          {grouped(shortcuts).map(({ description, keys }) => (
            <tr key={description}>
              <td>{description}</td>
              <td>
                {keys.map((combo, index) => (
                  <span key={combo}>
                    {index > 0 ? <span className="keys-then"> or </span> : null}
                    <Keys keys={combo} />
                  </span>
                ))}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="muted small">Shortcuts don't work while you type in a field, except those with Ctrl or ⌘.</p>
    </Modal>
  );
}

/** One row per action, with every key that does it ("O or Enter"). */
function grouped(shortcuts: RegisteredShortcut[]): { description: string; keys: string[] }[] {
  const byDescription = new Map<string, string[]>();
  for (const shortcut of shortcuts) {
    const keys = byDescription.get(shortcut.description) ?? [];
    if (!keys.includes(shortcut.keys)) keys.push(shortcut.keys);
    byDescription.set(shortcut.description, keys);
  }
  return [...byDescription].map(([description, keys]) => ({ description, keys }));
}

export function Keys({ keys }: { keys: string }) {
  const strokes = describeKeys(keys);
  return (
    <span className="keys">
      {strokes.map((labels, index) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: strokes of one shortcut never reorder.
        <span key={index} className="keys-stroke">
          {index > 0 ? <span className="keys-then">then</span> : null}
          {labels.map((label) => (
            <kbd key={label}>{label}</kbd>
          ))}
        </span>
      ))}
    </span>
  );
}
