import { useEffect, useRef } from 'preact/hooks';

const emojis = ['😀', '😂', '😊', '😍', '🤔', '😅', '😢', '😮', '👍', '👎', '👏', '🙏', '🎉', '❤️', '🔥', '✅'];

export function EmojiPicker({ label, onPick, onClose }: { label: string; onPick: (emoji: string) => void; onClose: () => void }) {
  const grid = useRef<HTMLFieldSetElement>(null);
  useEffect(() => grid.current?.querySelector('button')?.focus(), []);
  return (
    <fieldset
      ref={grid}
      class="fd-emoji"
      aria-label={label}
      onKeyDown={(event) => {
        if (event.key === 'Escape') {
          event.preventDefault();
          onClose();
        }
      }}
    >
      {emojis.map((emoji) => (
        <button key={emoji} type="button" onClick={() => onPick(emoji)}>
          {emoji}
        </button>
      ))}
    </fieldset>
  );
}
