import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import type { ChannelInput } from '@shared/api/contract'
import type { Account } from '@shared/domain/accounts'
import type { CoachListPage, CoachSummary } from '@shared/domain/roster'
import { call } from '../../../lib/api'

export const accountsKey = ['accounts'] as const

export function useAccounts() {
  return useQuery({ queryKey: accountsKey, queryFn: () => call('accounts.list', {}) })
}

type AccountChannel =
  'accounts.create' | 'accounts.deactivate' | 'accounts.reactivate' | 'accounts.resetPassword' | 'accounts.setRole'

/** Any change to an account refetches the list, so versions and states stay current. */
export function useAccountMutation<C extends AccountChannel>(channel: C) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (input: ChannelInput<C>) => call(channel, input) as Promise<Account>,
    onSettled: () => queryClient.invalidateQueries({ queryKey: accountsKey }),
  })
}

/** Every current roster entry, for linking a coach account: the roster pages through 100 at a time. */
export function useCoachesForLinking(enabled: boolean) {
  return useQuery({
    queryKey: ['coaches', 'for-accounts'],
    enabled,
    queryFn: async () => {
      const coaches: CoachSummary[] = []
      let after: string | null = null
      do {
        const page: CoachListPage = await call('coaches.list', { filter: 'current', sort: 'name', limit: 100, after })
        coaches.push(...page.items)
        after = page.nextCursor
      } while (after)
      return coaches
    },
  })
}
