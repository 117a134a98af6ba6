import { alertChangeRoute } from '../../alert-change';

export const dynamic = 'force-dynamic';

/** Acknowledges an open alert, with an optional note (editors and admins). */
export const { POST, GET, HEAD, PUT, DELETE, PATCH, OPTIONS } = alertChangeRoute('ack');
