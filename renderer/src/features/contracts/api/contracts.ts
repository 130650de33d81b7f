import { keepPreviousData, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import type { ChannelInput } from '@shared/api/contract'
import type {
  Contract,
  ContractListInput,
  ContractListPage,
  Partner,
  PartnerListInput,
  PartnerListPage,
} from '@shared/domain/contracts'
import type { CoachListPage } from '@shared/domain/roster'
import type { DashboardInput } from '@shared/domain/dispatches'
import { call } from '../../../lib/api'

const partnersKey = ['partners'] as const
const contractsKey = ['contracts'] as const

export function usePartnerPages(filters: Omit<PartnerListInput, 'after'>) {
  return useInfiniteQuery({
    queryKey: [...partnersKey, 'list', filters],
    queryFn: ({ pageParam }) => call('partners.list', { ...filters, after: pageParam }),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.nextCursor,
    placeholderData: keepPreviousData,
  })
}

/** Every partner by name, for the contract form's choice (an office has tens; pages are followed to the end). */
export function useAllPartners() {
  return useQuery({
    queryKey: [...partnersKey, 'all'],
    queryFn: async () => {
      const all: Array<{ id: number; name: string }> = []
      let after: string | null = null
      do {
        const page: PartnerListPage = await call('partners.list', { limit: 200, after })
        all.push(...page.items)
        after = page.nextCursor
      } while (after)
      return all
    },
  })
}

export function usePartner(id: number) {
  return useQuery({
    queryKey: [...partnersKey, 'one', id],
    queryFn: () => call('partners.get', { id }),
    enabled: Number.isSafeInteger(id) && id > 0,
    retry: false,
  })
}

function usePartnerMutation<C extends 'partners.create' | 'partners.update'>(channel: C) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (input: ChannelInput<C>) => call(channel, input) as Promise<Partner>,
    onSuccess: async (partner) => {
      queryClient.setQueryData([...partnersKey, 'one', partner.id], partner)
      await queryClient.invalidateQueries({ queryKey: [...partnersKey] })
    },
  })
}
export const useCreatePartner = () => usePartnerMutation('partners.create')
export const useUpdatePartner = () => usePartnerMutation('partners.update')

export function useContractPages(filters: Omit<ContractListInput, 'after'>) {
  return useInfiniteQuery({
    queryKey: [...contractsKey, 'list', filters],
    queryFn: ({ pageParam }) => call('contracts.list', { ...filters, after: pageParam }),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.nextCursor,
    placeholderData: keepPreviousData,
  })
}

/** The contracts a request may be logged under (those in force), for the dispatch form and the log's filter. */
export function useContractChoices(filter: ContractListInput['filter'] = 'active') {
  return useQuery({
    queryKey: [...contractsKey, 'choices', filter],
    queryFn: async () => {
      const all: Array<{ id: number; reference: string; partnerName: string; title: string }> = []
      let after: string | null = null
      do {
        const page: ContractListPage = await call('contracts.list', { filter, limit: 200, after })
        all.push(...page.items)
        after = page.nextCursor
      } while (after)
      return all
    },
  })
}

export function useContract(id: number) {
  return useQuery({
    queryKey: [...contractsKey, 'one', id],
    queryFn: () => call('contracts.get', { id }),
    enabled: Number.isSafeInteger(id) && id > 0,
    retry: false,
  })
}

function useContractMutation<C extends 'contracts.create' | 'contracts.update' | 'contracts.terminate'>(channel: C) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (input: ChannelInput<C>) => call(channel, input) as Promise<Contract>,
    onSuccess: async (contract) => {
      queryClient.setQueryData([...contractsKey, 'one', contract.id], contract)
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: [...contractsKey, 'list'] }),
        queryClient.invalidateQueries({ queryKey: [...contractsKey, 'choices'] }),
        queryClient.invalidateQueries({ queryKey: [...contractsKey, 'dashboard'] }),
        queryClient.invalidateQueries({ queryKey: [...partnersKey] }),
      ])
    },
  })
}
export const useCreateContract = () => useContractMutation('contracts.create')
export const useUpdateContract = () => useContractMutation('contracts.update')
export const useTerminateContract = () => useContractMutation('contracts.terminate')

export function useDashboard(input: DashboardInput) {
  return useQuery({
    queryKey: [...contractsKey, 'dashboard', input],
    queryFn: () => call('contracts.dashboard', input),
    placeholderData: keepPreviousData,
  })
}

/** Every current coach on the roster, for the team's choice. */
export function useCurrentCoaches() {
  return useQuery({
    queryKey: ['coaches', 'list', 'every-current'],
    queryFn: async () => {
      const all: Array<{ id: number; displayName: string; status: string }> = []
      let after: string | null = null
      do {
        const page: CoachListPage = await call('coaches.list', { filter: 'current', limit: 100, after })
        all.push(...page.items)
        after = page.nextCursor
      } while (after)
      return all
    },
  })
}
