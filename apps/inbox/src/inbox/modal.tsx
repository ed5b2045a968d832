import { type ReactNode, useEffect, useId, useRef } from 'react';

/** Mark the control to focus on opening with `data-autofocus`. */
interface ModalProps {
  title: string;
  /** Visually hidden title (the content makes it obvious), still the dialog's accessible name. */
  hideTitle?: boolean;
  onClose: () => void;
  className?: string;
  children: ReactNode;
}

/**
 * A modal built on <dialog>: the browser traps focus, Escape closes it and focus returns to where it
 * was. Rendered only while open.
 */
export function Modal({ title, hideTitle, onClose, className, children }: ModalProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const close = useRef(onClose);
  close.current = onClose;

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    const previous = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    if (!dialog.open) dialog.showModal();
    // The dialog would focus its first control (the close button); the field marked for it is more useful.
    dialog.querySelector<HTMLElement>('[data-autofocus]')?.focus();
    const cancel = (event: Event) => {
      event.preventDefault();
      close.current();
    };
    dialog.addEventListener('cancel', cancel);
    return () => {
      dialog.removeEventListener('cancel', cancel);
      dialog.close();
      previous?.focus();
    };
  }, []);

  return (
    // biome-ignore lint/a11y/useKeyWithClickEvents: Escape closes the dialog; the click is for the backdrop only.
    <dialog
      ref={ref}
      className={`modal ${className ?? ''}`}
      aria-labelledby={titleId}
      onClick={(event) => {
        if (event.target === ref.current) close.current();
      }}
    >
      <div className="modal-body">
        <div className="modal-header">
          <h2 id={titleId} className={hideTitle ? 'visually-hidden' : undefined}>
            {title}
          </h2>
          <button type="button" className="modal-close" aria-label="Close" onClick={() => close.current()}>
            ×
          </button>
        </div>
        {children}
      </div>
    </dialog>
  );
}
