'use client';

import { createContext } from 'react';

/**
 * Whether this dashboard shows annotations (signed-in users; an embed token has none) and whether
 * this user may add them (editors and admins). Set by the dashboard view.
 */
export const Annotating = createContext<{ on: boolean; canAdd: boolean }>({ on: false, canAdd: false });
