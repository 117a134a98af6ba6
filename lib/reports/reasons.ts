/** Why a report run failed, in the words its owner reads (GET /api/reports). */
export const REPORT_REASONS = {
  owner_removed: 'Its owner is no longer a member of this organisation.',
  no_recipients: 'None of its recipients is a member of this organisation any more.',
  no_webhook: 'Your organisation has no webhook set up (admins set it on the Admin page).',
  not_configured: 'E-mail is not set up on this server (its operator configures SMTP).',
  view_invalid: 'The dashboard no longer exists or no longer allows this view.',
  renderer_busy: 'The server was busy preparing other files.',
  renderer_unavailable: 'The server could not start its browser to draw the report.',
  render_failed: 'The report could not be drawn in time.',
  invalid_url: 'The webhook address is not valid.',
  blocked_address: 'The destination’s address is not allowed (a private or special-use address).',
  dns_failure: 'The destination’s name could not be resolved.',
  connect_failed: 'The destination could not be reached.',
  timeout: 'The destination did not answer in time.',
  http_status: 'The webhook answered with an error status.',
  too_large: 'The webhook’s answer was too large.',
  smtp_rejected: 'The mail server refused the message.',
} as const;
export type ReportReason = keyof typeof REPORT_REASONS;

/** Reasons a retry cannot mend: the run fails at once. */
export const FINAL_REASONS: ReadonlySet<ReportReason> = new Set(['owner_removed', 'no_recipients', 'no_webhook', 'not_configured', 'view_invalid', 'invalid_url']);

export function reasonText(reason: string | null): string | null {
  if (reason === null) return null;
  return REPORT_REASONS[reason as ReportReason] ?? 'The report could not be sent.';
}
