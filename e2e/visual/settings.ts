/**
 * The screenshot suite's fixed world: the app seeds its sample data up to ANCHOR (and no
 * further: live appends are off), and every shot shows a range that ends there, so a run on
 * any day draws the same events. The zone has no daylight saving time, so the zone picker's
 * offset and every axis label are the same all year.
 */
export const ANCHOR = '2026-11-25T12:00:00Z';
export const VIEW_TZ = 'Asia/Tokyo';

/** Its own app server, 50 ports above the main suite's (which uses +10, +20 and +80). */
export const VISUAL_PORT = Number(process.env.E2E_VISUAL_PORT ?? Number(process.env.E2E_PORT ?? 3210) + 50);
