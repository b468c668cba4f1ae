"use client";
import { useEffect, useRef } from "react";
import { CopyButton } from "@/components/ui/copy-button";
import type { CreatedApiKey } from "./use-api-keys";

// The plain key exists only in this component's props: the server stores a hash, and the
// list never holds it. Closing the notice drops it for good.
export function NewKeyNotice({ apiKey, onDone }: { apiKey: CreatedApiKey; onDone: () => void }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  return (
    <section aria-labelledby="new-key-heading" className="rounded-md border border-green-200 bg-green-50 p-4">
      <h3 id="new-key-heading" ref={heading} tabIndex={-1} className="text-sm font-semibold text-green-900 focus:outline-none">
        API key “{apiKey.name}” created
      </h3>
      <p className="mt-1 text-sm text-green-900">Copy it now: it is shown only once. Send it as <code className="font-mono text-xs">Authorization: Bearer &lt;key&gt;</code>.</p>
      <div className="mt-3 flex items-center gap-2">
        <code aria-label="New API key" data-testid="new-api-key" className="min-w-0 flex-1 break-all rounded bg-white px-2 py-1.5 font-mono text-xs text-gray-900 ring-1 ring-green-200">
          {apiKey.key}
        </code>
        <CopyButton text={apiKey.key} label="Copy API key" />
      </div>
      <button type="button" onClick={onDone} className="mt-3 text-sm font-medium text-green-900 underline underline-offset-2 hover:text-green-950 focus-visible:outline-2 focus-visible:outline-blue-600">
        I have copied it
      </button>
    </section>
  );
}
