/** A chart theme with colours easy to tell apart in assertions. */
import type { ChartTheme } from './chart-options';

export const testTheme: ChartTheme = {
  text: '#111',
  muted: '#666',
  grid: '#ddd',
  tooltipBg: '#fff',
  tooltipText: '#111',
  tooltipBorder: '#ccc',
  brush: 'rgba(0,0,0,.1)',
  other: '#999',
  note: '#456',
  alert: '#c00',
  palette: ['#a00', '#0a0', '#00a'],
};

export const labelOf = (key: string | null) => key ?? 'Other';
