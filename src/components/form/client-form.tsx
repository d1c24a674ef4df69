"use client";

import { useSyncExternalStore, type ComponentProps } from "react";

const subscribe = () => () => {};

/** False in the server's HTML and until React has hydrated the page, then true. */
export function useHydrated(): boolean {
  return useSyncExternalStore(
    subscribe,
    () => true,
    () => false,
  );
}

/**
 * A form that only JavaScript can send (a tRPC mutation behind `onSubmit`). Until the page has
 * hydrated its controls are disabled: a click or an Enter in the server's HTML would otherwise
 * send the browser's own GET to the page, with every field — a password on the sign-in form
 * included — in the address bar and the server's access log, and the action would silently not
 * happen. It posts (never GETs) should the browser send it anyway.
 */
export function ClientForm({ children, ...props }: ComponentProps<"form">) {
  const hydrated = useHydrated();
  return (
    <form method="post" {...props}>
      <fieldset disabled={!hydrated} className="contents" role="none">
        {children}
      </fieldset>
    </form>
  );
}
