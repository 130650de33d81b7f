import { useEffect, type ReactNode } from 'react'

/** The frame of every screen before the app opens: the app's name and one card, with nothing of the office's data. */
export function AuthLayout({ children, wide = false }: { children: ReactNode; wide?: boolean }) {
  return (
    <div className="auth">
      <header className="auth__header">
        <p className="auth__brand">RCO Casebook</p>
      </header>
      <main id="main" tabIndex={-1} className={wide ? 'auth__card auth__card--wide' : 'auth__card'}>
        {children}
      </main>
    </div>
  )
}

/** Moves focus to a field when a screen opens (sign-in, lock), where typing straight away is what people expect. */
export function useFocusOnMount(id: string) {
  useEffect(() => {
    document.getElementById(id)?.focus()
  }, [id])
}
