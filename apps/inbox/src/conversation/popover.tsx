import { type ReactNode, useEffect, useId, useRef } from 'react';

interface PopoverProps {
  /** The trigger's accessible name. */
  label: string;
  /** What the trigger shows (defaults to the label). */
  trigger?: ReactNode;
  triggerClassName?: string;
  /** Names the panel for assistive technology. */
  title: string;
  open: boolean;
  onOpenChange: (open: boolean) => void;
  align?: 'start' | 'end';
  /** Shows the trigger as pressed (a filter that is on, say). */
  pressed?: boolean;
  disabled?: boolean;
  children: ReactNode;
}

const focusable = 'input, button:not([disabled]), select, textarea, a[href], [tabindex]:not([tabindex="-1"])';

/**
 * A button that opens a small non-modal panel: focus moves into it, Escape or a click outside closes
 * it and gives focus back to the button. Controlled, so keyboard shortcuts can open it too.
 */
export function Popover({ label, trigger, triggerClassName, title, open, onOpenChange, align = 'start', pressed, disabled, children }: PopoverProps) {
  const panelId = useId();
  const root = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);

  const onOpenChangeRef = useRef(onOpenChange);
  onOpenChangeRef.current = onOpenChange;

  useEffect(() => {
    if (!open) return;
    root.current?.querySelector<HTMLElement>('[data-popover-panel]')?.querySelector<HTMLElement>(focusable)?.focus();
    const outside = (event: PointerEvent) => {
      if (root.current && !root.current.contains(event.target as Node)) onOpenChangeRef.current(false);
    };
    const onEscape = (event: KeyboardEvent) => {
      if (event.key !== 'Escape' || event.defaultPrevented) return;
      event.preventDefault();
      onOpenChangeRef.current(false);
      button.current?.focus();
    };
    const element = root.current;
    document.addEventListener('pointerdown', outside);
    element?.addEventListener('keydown', onEscape);
    return () => {
      document.removeEventListener('pointerdown', outside);
      element?.removeEventListener('keydown', onEscape);
    };
  }, [open]);

  return (
    <div className="popover" ref={root}>
      <button
        ref={button}
        type="button"
        className={triggerClassName ?? 'button button-secondary button-small'}
        aria-label={trigger ? label : undefined}
        aria-expanded={open}
        aria-controls={open ? panelId : undefined}
        aria-pressed={pressed}
        disabled={disabled}
        onClick={() => onOpenChange(!open)}
      >
        {trigger ?? label}
      </button>
      {open ? (
        <div id={panelId} className={`popover-panel popover-${align}`} role="dialog" aria-label={title} data-popover-panel>
          {children}
        </div>
      ) : null}
    </div>
  );
}
