import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { QueryClient, QueryClientProvider } from '@tanstack/react-query'
import { RouterProvider } from 'react-router'
import { ApiCallError } from './lib/api'
import { router } from './app/routes'
import { restoredState } from './features/backups/api/backups'
import { AuthGate } from './features/auth/components/AuthGate'
import './styles.css'

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      // Local data: a refetch is cheap, and an error from the contract will not cure itself on retry.
      retry: (count, error) => !(error instanceof ApiCallError) && count < 2,
      refetchOnWindowFocus: false,
    },
  },
})

/** After signing out, the next person starts from their own start page, not the last person's. */
const startAgain = () => void router.navigate('/', { replace: true })
/** Signed in from a restored backup: the Backups page says what happened (only a supervisor can restore with a password). */
const showRestored = (notice: string) =>
  void router.navigate('/backups', { replace: true, state: restoredState(notice) })

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <AuthGate onSignedOut={startAgain} onRestored={showRestored}>
        <RouterProvider router={router} />
      </AuthGate>
    </QueryClientProvider>
  </StrictMode>,
)
