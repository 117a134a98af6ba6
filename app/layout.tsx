import type { ReactNode } from 'react';

export const metadata = { title: 'Pulseboard', description: 'Real-time analytics for your streaming platform' };

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>{children}</body>
    </html>
  );
}
