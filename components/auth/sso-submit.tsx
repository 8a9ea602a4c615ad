"use client";
import { useFormStatus } from "react-dom";

/** The provider button; disabled while the action prepares the redirect, so one click starts one flow. */
export function SsoSubmit({ providerId, label }: { providerId: string; label: string }) {
  const { pending } = useFormStatus();
  return (
    <button
      type="submit"
      disabled={pending}
      aria-busy={pending || undefined}
      data-testid={`sso-${providerId}`}
      className="w-full rounded-lg border border-gray-300 bg-white px-4 py-2 text-sm font-medium hover:bg-gray-50 disabled:opacity-60 dark:border-gray-700 dark:bg-gray-900 dark:hover:bg-gray-800"
    >
      {label}
    </button>
  );
}
