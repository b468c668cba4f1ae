import type { ReactNode } from "react";

export function ErrorAlert({ title, children }: { title?: string; children: ReactNode }) {
  return (
    <div role="alert" className="rounded-md border border-red-200 bg-red-50 p-3 text-sm text-red-800">
      {title ? <p className="font-medium">{title}</p> : null}
      <div className="whitespace-pre-wrap break-words">{children}</div>
    </div>
  );
}
