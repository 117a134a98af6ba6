'use client';

import { createContext } from 'react';

/** A chart panel's first paint from the server: its SVG, and when its answer was received (the query's dataUpdatedAt). */
export type PanelFirstPaint = { svg: string; at: number };

/** By panel id, for the view the server rendered; empty for any other view. */
export const FirstPaint = createContext<Readonly<Record<string, PanelFirstPaint>>>({});
