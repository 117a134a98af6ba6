'use client';

import { useState } from 'react';
import type { ExportRequest } from '@/lib/contract/export';
import { apiFile } from '@/lib/ui/api';
import { saveFile } from './save-file';

export type ExportState = { busy: ExportRequest['format'] | null; error: string | null };

/** POST /api/export and the file saved under the server's name: one export at a time, its failure said in words. */
export function useExport(): [ExportState, (req: ExportRequest, fallbackName: string) => Promise<void>] {
  const [state, setState] = useState<ExportState>({ busy: null, error: null });
  async function run(req: ExportRequest, fallbackName: string) {
    setState({ busy: req.format, error: null });
    try {
      const { blob, name } = await apiFile('/api/export', req);
      saveFile(name ?? fallbackName, blob);
      setState({ busy: null, error: null });
    } catch (err) {
      setState({ busy: null, error: err instanceof Error ? err.message : 'The export failed.' });
    }
  }
  return [state, run];
}
