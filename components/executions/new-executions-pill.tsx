"use client";

// Floats over the list while newer runs are held back (the reader has scrolled down);
// clicking shows them and scrolls to the top.
export function NewExecutionsPill({ count, onClick }: { count: number; onClick: () => void }) {
  const label = `${count} new ${count === 1 ? "execution" : "executions"}`;
  return (
    <div className="pointer-events-none fixed inset-x-0 top-3 z-30 flex justify-center">
      <button
        type="button"
        onClick={onClick}
        className="pointer-events-auto inline-flex items-center gap-1.5 rounded-full bg-blue-600 px-4 py-1.5 text-sm font-medium text-white shadow-lg hover:bg-blue-700 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-600"
      >
        <span aria-hidden="true">↑</span>
        {label}
      </button>
      <span role="status" className="sr-only">
        {label} above
      </span>
    </div>
  );
}
