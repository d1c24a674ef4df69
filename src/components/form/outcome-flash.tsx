"use client";

import { usePathname } from "next/navigation";
import { createContext, useContext, useMemo, useState, type ReactNode } from "react";

type Flash = { message: ReactNode; pathname: string } | null;
/** `pathname`: the page the message was shown on; it is kept there only, never carried to another page. */
type OutcomeFlash = { keep(message: ReactNode, pathname: string): void; clear(): void };

const Context = createContext<OutcomeFlash | null>(null);

/**
 * Keeps the outcome of a staff action on screen after the form that showed it is gone. Deciding
 * an item often moves it out of the list the form lived in (an appeal decided, an objection
 * answered), so the page's refresh unmounts the form and its "已处理。" with it. The form hands its
 * message here as it unmounts (see `StaffOutcome`); the layout keeps this state across refreshes,
 * and shows the message above the page until the next outcome or another page.
 */
export function OutcomeFlashProvider({ children }: { children: ReactNode }) {
  const pathname = usePathname();
  const [flash, setFlash] = useState<Flash>(null);
  const value = useMemo<OutcomeFlash>(() => ({ keep: (message, pathname) => setFlash({ message, pathname }), clear: () => setFlash(null) }), []);
  const shown = flash && flash.pathname === pathname ? flash.message : null;
  return (
    <Context.Provider value={value}>
      {shown ? (
        <div role="status" data-testid="action-done-kept" className="mb-4">
          <p className="rounded border border-green-700 bg-green-50 px-3 py-2 font-medium text-green-900">{shown}</p>
        </div>
      ) : null}
      {children}
    </Context.Provider>
  );
}

/** The layout's keeper of outcomes, or null outside it (a test rendering a form alone). */
export function useOutcomeFlash(): OutcomeFlash | null {
  return useContext(Context);
}
