"use client";

function safeFileName(name: string): string {
  const cleaned = name.replace(/[^a-z0-9._-]+/gi, "-").replace(/^-+|-+$/g, "");
  return `${cleaned || "value"}.json`;
}

// The full value is serialized only when asked for, into a Blob the browser saves;
// nothing of it is put into the DOM.
export function downloadJson(value: unknown, name: string) {
  const text = typeof value === "string" ? value : (JSON.stringify(value, null, 2) ?? "null");
  const url = URL.createObjectURL(new Blob([text], { type: "application/json" }));
  const link = document.createElement("a");
  link.href = url;
  link.download = safeFileName(name);
  document.body.append(link);
  link.click();
  link.remove();
  // Revoked on the next tick: the download has started by then.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

export function DownloadJsonButton({ value, fileName, name }: { value: unknown; fileName: string; name: string }) {
  return (
    <button
      type="button"
      aria-label={name}
      onClick={() => downloadJson(value, fileName)}
      className="rounded-md border border-gray-300 bg-white px-2 py-1 text-xs font-medium text-gray-700 hover:bg-gray-50 focus-visible:outline-2 focus-visible:outline-blue-600"
    >
      Download
    </button>
  );
}
