import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { QueryClient, QueryClientProvider } from '@tanstack/react-query'
import { RouterProvider } from 'react-router'
import { ApiCallError } from './lib/api'
import { router } from './app/routes'
import { StartAgainButton } from './app/App'
import { ErrorBoundary, SomethingWentWrong } from './components/ui'
import { restoredState } from './features/backups/api/backups'
import { AuthGate } from './features/auth/components/AuthGate'
import { AuthLayout } from './features/auth/components/AuthLayout'
import './styles.css'

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      // Local data: an answer of the contract will not cure itself on retry, and anything else is a fault.
      retry: false,
      refetchOnWindowFocus: false,
      // What the contract answers (not found, refused) a page shows in its own words; anything else (an answer the
      // app cannot read, a fault) goes to the error boundary and its calm page.
      throwOnError: (error) => !(error instanceof ApiCallError),
    },
  },
})

/** After signing out, the next person starts from their own start page, not the last person's. */
const startAgain = () => void router.navigate('/', { replace: true })
/** Signed in from a restored backup: the Backups page says what happened (only a supervisor can restore with a password). */
const showRestored = (notice: string) =>
  void router.navigate('/backups', { replace: true, state: restoredState(notice) })

createRoot(document.getElementById('root')!, {
  // Every failure an error boundary caught is reported here, once, for whoever looks after the app; the person sees
  // the calm page.
  onCaughtError: (error) => console.error('A page failed and the error page is shown instead:', error),
}).render(
  <StrictMode>
    <ErrorBoundary
      fallback={() => (
        <AuthLayout>
          <SomethingWentWrong backTo={<StartAgainButton />} />
        </AuthLayout>
      )}
    >
      <QueryClientProvider client={queryClient}>
        <AuthGate onSignedOut={startAgain} onRestored={showRestored}>
          {/* Reported once by onCaughtError above, not again by the router. */}
          <RouterProvider router={router} onError={() => undefined} />
        </AuthGate>
      </QueryClientProvider>
    </ErrorBoundary>
  </StrictMode>,
)
