import { useSyncExternalStore } from 'react';

/**
 * An editor's API token, for this tab only: sessionStorage survives a reload but not the tab,
 * and never reaches local storage (another tab, or the next person at this computer).
 */
const KEY = 'evidence-explorer.token';

export interface Session {
  token: string;
  name: string;
  role: 'READER' | 'EDITOR' | 'ADMIN';
}

function read(): Session | null {
  try {
    const raw = sessionStorage.getItem(KEY);
    return raw ? (JSON.parse(raw) as Session) : null;
  } catch {
    return null;
  }
}

let session: Session | null = read();
const listeners = new Set<() => void>();

export function currentToken(): string | null {
  return session?.token ?? null;
}

export function setSession(next: Session | null): void {
  session = next;
  try {
    if (next) sessionStorage.setItem(KEY, JSON.stringify(next));
    else sessionStorage.removeItem(KEY);
  } catch {
    // Storage refused (private mode): the token stays in memory for this page.
  }
  listeners.forEach((l) => l());
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function useSession(): Session | null {
  return useSyncExternalStore(subscribe, () => session);
}

/** Editors and admins may see pending items and review. */
export function canEdit(s: Session | null): boolean {
  return s?.role === 'EDITOR' || s?.role === 'ADMIN';
}
