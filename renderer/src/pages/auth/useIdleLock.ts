import { useEffect, useRef } from 'react';
import { call } from '../../api/client';

/**
 * Locks the session after `minutes` without keyboard or mouse activity. Main
 * enforces the same limit on every call; this only makes the lock visible on time.
 */
export function useIdleLock(minutes: number, active: boolean, onLocked: () => void): void {
  const last = useRef(Date.now());
  useEffect(() => {
    if (!active) return;
    last.current = Date.now();
    const touch = () => {
      last.current = Date.now();
    };
    const events = ['mousemove', 'mousedown', 'keydown', 'wheel', 'touchstart'] as const;
    for (const e of events) window.addEventListener(e, touch, { passive: true });
    const timer = window.setInterval(() => {
      if (Date.now() - last.current >= minutes * 60_000) {
        void call('session.lock', { reason: 'idle' }).finally(onLocked);
      }
    }, 5_000);
    return () => {
      for (const e of events) window.removeEventListener(e, touch);
      window.clearInterval(timer);
    };
  }, [minutes, active, onLocked]);
}
