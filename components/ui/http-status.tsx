// An HTTP status a sender got, coloured by class: 4xx amber, 5xx red, the rest quiet.
export function httpStatusTone(status: number): string {
  if (status >= 500) return "text-red-700";
  if (status >= 400) return "text-amber-700";
  return "text-gray-600";
}

export function HttpStatus({ status, prefix = "", className = "" }: { status: number | null | undefined; prefix?: string; className?: string }) {
  if (status === null || status === undefined) return null;
  return (
    <span data-http-status={status} title={`The sender got HTTP ${status}`} className={`whitespace-nowrap font-mono text-xs font-medium tabular-nums ${httpStatusTone(status)} ${className}`}>
      {prefix}
      {status}
    </span>
  );
}
