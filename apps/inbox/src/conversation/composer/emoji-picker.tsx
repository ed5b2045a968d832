import { useState } from 'react';
import { Popover } from '../popover.tsx';

const emoji: [string, string][] = [
  ['😀', 'grinning face'],
  ['😊', 'smiling face'],
  ['😂', 'face with tears of joy'],
  ['😉', 'winking face'],
  ['😍', 'heart eyes'],
  ['🤔', 'thinking face'],
  ['😅', 'grinning face with sweat'],
  ['😢', 'crying face'],
  ['😮', 'surprised face'],
  ['🙏', 'folded hands'],
  ['👍', 'thumbs up'],
  ['👎', 'thumbs down'],
  ['👋', 'waving hand'],
  ['👏', 'clapping hands'],
  ['🙌', 'raising hands'],
  ['💪', 'flexed biceps'],
  ['❤️', 'red heart'],
  ['🎉', 'party popper'],
  ['✅', 'check mark'],
  ['❌', 'cross mark'],
  ['⚠️', 'warning'],
  ['🔥', 'fire'],
  ['⭐', 'star'],
  ['🚀', 'rocket'],
  ['💡', 'light bulb'],
  ['📎', 'paperclip'],
  ['📧', 'email'],
  ['📅', 'calendar'],
  ['⏰', 'alarm clock'],
  ['☕', 'coffee'],
];

/** A small grid of common emoji; the chosen one is inserted at the caret. */
export function EmojiPicker({ onPick }: { onPick: (emoji: string) => void }) {
  const [open, setOpen] = useState(false);
  return (
    <Popover
      label="Insert emoji"
      trigger={<span aria-hidden="true">🙂</span>}
      triggerClassName="composer-tool"
      title="Emoji"
      open={open}
      onOpenChange={setOpen}
    >
      <div className="emoji-grid">
        {emoji.map(([char, name]) => (
          <button
            key={name}
            type="button"
            className="emoji-button"
            aria-label={name}
            title={name}
            onClick={() => {
              onPick(char);
              setOpen(false);
            }}
          >
            {char}
          </button>
        ))}
      </div>
    </Popover>
  );
}
