/** The Pulseboard mark: a pulse line on the accent colour. Decorative; the name is always next to it. */
export function Logo({ size = 20 }: { size?: number }) {
  return (
    <svg aria-hidden="true" width={size} height={size} viewBox="0 0 20 20">
      <rect width="20" height="20" rx="5" fill="var(--accent)" />
      <path d="M3 11h3l2-5 3 9 2-6 1 2h3" fill="none" stroke="var(--accent-text)" strokeWidth="1.8" strokeLinejoin="round" />
    </svg>
  );
}
