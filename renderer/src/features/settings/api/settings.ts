import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { capitalise, COACH_TITLES, type OfficeSettingsInput } from '@shared/domain/settings'
import { call } from '../../../lib/api'

export const settingsKey = ['settings'] as const

export function useOfficeSettings() {
  return useQuery({ queryKey: settingsKey, queryFn: () => call('settings.get', {}) })
}

export function useUpdateOfficeSettings() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (input: OfficeSettingsInput) => call('settings.update', input),
    onSuccess: (value) => queryClient.setQueryData(settingsKey, value),
  })
}

/** The office's own word for its coaches, in the forms the UI needs. */
export function useCoachWords() {
  const { data } = useOfficeSettings()
  const words = COACH_TITLES[data?.coachTitle ?? 'recovery_coach']
  return {
    singular: words.singular,
    plural: words.plural,
    Singular: capitalise(words.singular),
    Plural: capitalise(words.plural),
  }
}
