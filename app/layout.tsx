import type { Metadata, Viewport } from "next";
import type { ReactNode } from "react";
import { headers } from "next/headers";
import Script from "next/script";
import { appEnv } from "@/lib/env";
import { NONCE_HEADER, ZOD_JITLESS_SCRIPT } from "@/lib/security/page-csp";
import "./globals.css";

const description = "Webhook-driven workflows: every run saved and shown live.";

// public/ holds the manifest, its icons and the Open Graph image (scripts/render-public-images.ts
// draws the PNGs). A link preview needs an absolute image URL: APP_URL when it is set.
export const metadata: Metadata = {
  title: { default: "Hookflow", template: "%s · Hookflow" },
  description,
  manifest: "/manifest.webmanifest",
  ...(appEnv().APP_URL ? { metadataBase: new URL(appEnv().APP_URL!) } : {}),
  openGraph: { title: "Hookflow", description, siteName: "Hookflow", type: "website", images: [{ url: "/og.png", width: 1200, height: 630, alt: "Hookflow" }] },
  twitter: { card: "summary_large_image", images: ["/og.png"] },
  appleWebApp: { title: "Hookflow" },
};

export const viewport: Viewport = { width: "device-width", initialScale: 1, themeColor: "#111827" };

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
