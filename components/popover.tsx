'use client';

import { useId, useLayoutEffect, useRef, useState, type ReactNode, type ToggleEvent } from 'react';

export type PopoverContext = { open: boolean; close: () => void };

/**
 * A button with a native popover (top layer, light dismiss, Esc and focus return for free),
 * placed under its button before it shows, since CSS anchor positioning is not everywhere yet.
 */
export function Popover({
  label,
  buttonLabel,
  buttonClassName = 'btn',
  panelClassName = '',
  align = 'start',
  disabled = false,
  children,
}: {
  label: ReactNode;
  /** Accessible name when the visible label is not enough. */
  buttonLabel?: string;
  buttonClassName?: string;
  panelClassName?: string;
  align?: 'start' | 'end';
  disabled?: boolean;
  children: (ctx: PopoverContext) => ReactNode;
}) {
  const id = useId();
  const button = useRef<HTMLButtonElement>(null);
  const panel = useRef<HTMLDivElement>(null);
  const [open, setOpen] = useState(false);

  function place(e: ToggleEvent<HTMLDivElement>) {
    const anchor = button.current?.getBoundingClientRect();
    const style = panel.current?.style;
    if (e.newState !== 'open' || !anchor || !style) return;
    style.top = `${anchor.bottom + 6}px`;
    style.left = align === 'start' ? `${Math.max(8, anchor.left)}px` : 'auto';
    style.right = align === 'end' ? `${Math.max(8, window.innerWidth - anchor.right)}px` : 'auto';
  }

  // Opened near the bottom of the screen (a button at the end of the phone's view settings), a panel
  // taller than the room below goes above its button instead, or as high as the screen allows.
  useLayoutEffect(() => {
    const anchor = button.current?.getBoundingClientRect();
    const el = panel.current;
    if (!open || !anchor || !el) return;
    const height = el.getBoundingClientRect().height;
    if (anchor.bottom + 6 + height > window.innerHeight - 8) el.style.top = `${Math.max(8, anchor.top - 6 - height)}px`;
  }, [open]);

  return (
    <>
      <button ref={button} type="button" className={buttonClassName} popoverTarget={id} aria-label={buttonLabel} disabled={disabled}>
        {label}
      </button>
      <div
        ref={panel}
        id={id}
        popover="auto"
        className={`popover ${panelClassName}`}
        onBeforeToggle={place}
        onToggle={(e) => setOpen(e.newState === 'open')}
      >
        {/* eslint-disable-next-line react-hooks/refs -- close() is called from the children's event handlers, never while rendering; the compiler cannot see that through the render prop */}
        {children({ open, close: () => panel.current?.hidePopover() })}
      </div>
    </>
  );
}
