import { useEffect, useRef } from 'react'

/** What counts as someone using the app. */
export const ACTIVITY_EVENTS = ['keydown', 'pointerdown', 'mousemove', 'wheel', 'touchstart'] as const

/** How often the idle time is checked. Timers may sleep with the computer; Date.now() does not, so the check is by time. */
const CHECK_EVERY_MS = 5_000

/**
 * Calls `onIdle` once `minutes` pass without keyboard, pointer or touch input. Plain setInterval and Date.now(), so a
 * test's fake clock can fast-forward it.
 *
 * While there is input, `onActive` is called now and then (at most every minute): the main process locks a session
 * by the time since its last call, so someone typing a long form without saving must not be locked out there.
 */
export function useIdleLock(minutes: number, onIdle: () => void, onActive: () => void) {
  const lastInput = useRef(Date.now())
  const onIdleRef = useRef(onIdle)
  const onActiveRef = useRef(onActive)
  useEffect(() => {
    onIdleRef.current = onIdle
    onActiveRef.current = onActive
  })

  useEffect(() => {
    if (!Number.isFinite(minutes) || minutes <= 0) return
    const limit = minutes * 60_000
    lastInput.current = Date.now()
    const mark = () => {
      lastInput.current = Date.now()
    }
    const options = { capture: true, passive: true }
    for (const name of ACTIVITY_EVENTS) window.addEventListener(name, mark, options)
    const reportEvery = Math.min(60_000, limit / 2)
    let lastReport = Date.now()
    let fired = false
    const timer = setInterval(
      () => {
        if (fired) return
        const now = Date.now()
        if (now - lastInput.current >= limit) {
          fired = true
          onIdleRef.current()
        } else if (lastInput.current > lastReport && now - lastReport >= reportEvery) {
          lastReport = now
          onActiveRef.current()
        }
      },
      Math.min(CHECK_EVERY_MS, limit),
    )
    return () => {
      clearInterval(timer)
      for (const name of ACTIVITY_EVENTS) window.removeEventListener(name, mark, options)
    }
  }, [minutes])
}
