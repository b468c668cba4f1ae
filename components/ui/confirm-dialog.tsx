"use client";
import { useEffect, useId, useRef, type ReactNode } from "react";
import { buttonClass } from "./button";

const DANGER =
  "inline-flex items-center justify-center rounded-md bg-red-700 px-3 py-2 text-sm font-medium text-white hover:bg-red-600 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-600 disabled:cursor-not-allowed disabled:bg-red-300";

type Props = {
  open: boolean;
  title: string;
  children: ReactNode;
  confirmLabel: string;
  pending?: boolean;
  onConfirm: () => void;
  onCancel: () => void;
};

// A native modal <dialog>: focus trap, Escape and the backdrop come from the browser.
// The cancel button gets focus first, so Enter never confirms a destructive action by accident.
export function ConfirmDialog({ open, title, children, confirmLabel, pending = false, onConfirm, onCancel }: Props) {
  const ref = useRef<HTMLDialogElement>(null);
  const cancelRef = useRef<HTMLButtonElement>(null);
  const titleId = useId();
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      dialog.showModal();
      cancelRef.current?.focus();
    } else if (!open && dialog.open) dialog.close();
  }, [open]);

  return (
    <dialog
      ref={ref}
      aria-labelledby={titleId}
      onCancel={(e) => {
        e.preventDefault();
        onCancel();
      }}
      className="m-auto w-[calc(100%-2rem)] max-w-md rounded-lg border border-gray-200 p-0 shadow-xl backdrop:bg-gray-900/40"
    >
      <div className="p-5">
        <h2 id={titleId} className="text-base font-semibold text-gray-900">
          {title}
        </h2>
        <div className="mt-2 text-sm text-gray-700">{children}</div>
        <div className="mt-5 flex justify-end gap-2">
          <button ref={cancelRef} type="button" className={buttonClass("secondary")} onClick={onCancel} disabled={pending}>
            Cancel
          </button>
          <button type="button" className={DANGER} onClick={onConfirm} disabled={pending}>
            {pending ? "Working…" : confirmLabel}
          </button>
        </div>
      </div>
    </dialog>
  );
}
