import type { ReactNode } from 'react'
import { safeWebAddress } from '@shared/domain/directory'

/**
 * A resource's web address, opened outside the app (in the desktop app, through its checked opener: http and https
 * only). Anything that is not such an address is shown as text and never becomes a link.
 */
export function ExternalLink({ href, children }: { href: string; children?: ReactNode }) {
  const safe = safeWebAddress(href)
  if (!safe) return <span>{children ?? href}</span>
  return (
    <a href={safe} target="_blank" rel="noopener noreferrer">
      {children ?? href}
      <span className="visually-hidden"> (opens in your web browser)</span>
    </a>
  )
}
