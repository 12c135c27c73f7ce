type Listener = () => void

/**
 * - `expired`: the server no longer accepts the session (the app sends the visitor to /login).
 * - `changed`: someone logged in or out, or the account itself changed, so data
 *   cached until now must go.
 */
type SessionEvent = 'expired' | 'changed'

const listeners: Record<SessionEvent, Set<Listener>> = {
  expired: new Set(),
  changed: new Set(),
}

export function onSessionEvent(event: SessionEvent, listener: Listener): () => void {
  listeners[event].add(listener)
  return () => listeners[event].delete(listener)
}

export function emitSessionEvent(event: SessionEvent): void {
  for (const listener of listeners[event]) listener()
}
