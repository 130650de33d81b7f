import { useEffect, useRef, useState, type ReactNode } from 'react'

/** How far outside the window a part starts to draw, so scrolling meets it drawn. */
const AHEAD = '300px 0px'

/**
 * Draws `children` once their place comes near the window (or the page is printed); until then a box of the same
 * height holds their place, so the page does not jump. For parts that are costly to draw and many to a page, such as
 * a chart per domain over ten years of ratings: the first screenful shows without waiting for the rest. Whatever
 * stands beside the part for a screen reader (a chart's table) is drawn at once, outside this.
 */
export function WhenNear({ height, children }: { height: number; children: ReactNode }) {
  const place = useRef<HTMLDivElement>(null)
  const [near, setNear] = useState(() => typeof IntersectionObserver === 'undefined')
  useEffect(() => {
    if (near) return
    const element = place.current
    if (!element) return
    const observer = new IntersectionObserver(
      (entries) => {
        if (entries.some((entry) => entry.isIntersecting)) setNear(true)
      },
      { rootMargin: AHEAD },
    )
    observer.observe(element)
    const beforePrint = () => setNear(true)
    window.addEventListener('beforeprint', beforePrint)
    return () => {
      observer.disconnect()
      window.removeEventListener('beforeprint', beforePrint)
    }
  }, [near])
  if (near) return <>{children}</>
  return <div ref={place} style={{ minHeight: height }} />
}
