import type { Metadata, Viewport } from "next";
import type { ReactNode } from "react";
import { headers } from "next/headers";
import Script from "next/script";
import { NONCE_HEADER, ZOD_JITLESS_SCRIPT } from "@/lib/security/page-csp";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Hookflow", template: "%s · Hookflow" },
  description: "Webhook-driven workflows",
};

export const viewport: Viewport = { width: "device-width", initialScale: 1 };

// Every page renders per request: proxy.ts gives each one a fresh CSP nonce, which Next puts on its
// scripts while rendering (a page prerendered at build time would carry none, and not run).
export default async function RootLayout({ children }: { children: ReactNode }) {
  // Reading the request's headers renders per request, which the nonce needs.
  const nonce = (await headers()).get(NONCE_HEADER) ?? undefined;
  return (
    <html lang="en">
      <body className="min-h-screen">
        <Script id="zod-jitless" strategy="beforeInteractive" nonce={nonce}>
          {ZOD_JITLESS_SCRIPT}
        </Script>
        {children}
      </body>
    </html>
  );
}
