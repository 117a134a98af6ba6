import { useId, type ReactNode } from 'react';

/**
 * A label tied to its control by id rather than by wrapping it, so the control's accessible
 * name is the label alone, not the label plus the control's current value.
 */
export function Field({ label, inline = false, children }: { label: ReactNode; inline?: boolean; children: (id: string) => ReactNode }) {
  const id = useId();
  return (
    <div className={inline ? 'field field-inline' : 'field'}>
      <label htmlFor={id} className="field-label">
        {label}
      </label>
      {children(id)}
    </div>
  );
}
