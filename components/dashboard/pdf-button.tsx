'use client';

import { exportFileName } from '@/lib/contract/export';
import type { View } from '@/lib/view/schema';
import { useExport } from '../use-export';
import styles from '../panels/panel.module.css';

/** The dashboard as a PDF, drawn by the server as this viewer sees it (POST /api/export). */
export function PdfButton({ dashboard, title, view }: { dashboard: string; title: string; view: View }) {
  const [state, run] = useExport();
  return (
    <>
      <button
        type="button"
        className="btn btn-small"
        disabled={state.busy !== null}
        aria-label={state.busy ? `Preparing PDF of ${title}` : `Download ${title} as PDF`}
        onClick={() => void run({ format: 'pdf', dashboard, view }, exportFileName(dashboard, undefined, Date.now(), 'pdf'))}
      >
        {state.busy ? 'Preparing PDF…' : 'PDF'}
      </button>
      <span role="status" className={state.error ? styles.exportError : 'sr-only'}>
        {state.error ? `PDF failed: ${state.error}` : state.busy ? 'Preparing PDF…' : ''}
      </span>
    </>
  );
}
