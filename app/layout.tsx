import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import { headers } from 'next/headers';
import './globals.css';
import '@/components/ui/ui.css';
import '@/components/ui/responsive.css';
import { Providers } from './providers';

export const metadata: Metadata = {
  title: 'Frontier Watch',
  description: 'Militant violence on the Pakistan–Afghanistan–Tajikistan frontier',
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  // Reading the request makes every page render per request, so Next can put the CSP nonce
  // from proxy.ts on its scripts (a prerendered page would carry none and be blocked).
  await headers();
  return (
    <html lang="en">
      <body>
        <Providers>{children}</Providers>
      </body>
    </html>
  );
}
