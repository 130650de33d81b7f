import { RESOURCE_KINDS, RESOURCE_SORTS, type ResourceListInput } from '@shared/domain/directory'
import { DOMAINS } from '@shared/domain/domains'

export type DirectoryFilters = Omit<ResourceListInput, 'after' | 'limit'>

const has = <K extends string>(labels: Record<K, unknown>, value: string | null): value is K =>
  value !== null && Object.prototype.hasOwnProperty.call(labels, value)

/**
 * The list's filters as the address holds them (so Back, a reload and the printed sheet of the list show the same
 * resources): anything not understood is left out rather than sent.
 */
export function filtersFromParams(params: URLSearchParams): DirectoryFilters {
  const filters: DirectoryFilters = {}
  const search = params.get('q')?.trim()
  if (search) filters.search = search
  const kind = params.get('kind')
  if (has(RESOURCE_KINDS, kind)) filters.kind = kind
  const pathway = params.get('pathway')
  if (pathway && /^\d{1,9}$/.test(pathway) && Number(pathway) > 0) filters.pathwayId = Number(pathway)
  const domain = params.get('domain')
  if (has(DOMAINS, domain)) filters.domain = domain
  const language = params.get('language')?.trim()
  if (language) filters.language = language.slice(0, 50)
  if (params.get('open') === '1') filters.openNow = true
  if (params.get('stale') === '1') filters.staleOnly = true
  const sort = params.get('sort')
  if (has(RESOURCE_SORTS, sort) && sort !== 'name') filters.sort = sort
  return filters
}

export function paramsFromFilters(filters: DirectoryFilters): URLSearchParams {
  const params = new URLSearchParams()
  if (filters.search) params.set('q', filters.search)
  if (filters.kind) params.set('kind', filters.kind)
  if (filters.pathwayId) params.set('pathway', String(filters.pathwayId))
  if (filters.domain) params.set('domain', filters.domain)
  if (filters.language) params.set('language', filters.language)
  if (filters.openNow) params.set('open', '1')
  if (filters.staleOnly) params.set('stale', '1')
  if (filters.sort && filters.sort !== 'name') params.set('sort', filters.sort)
  return params
}

/** In words, for the printed sheet's heading and the empty list: "Harm reduction, open now, speaking Spanish". */
export function describeFilters(filters: DirectoryFilters, pathwayLabel: (id: number) => string | undefined): string {
  const parts: string[] = []
  if (filters.search) parts.push(`matching “${filters.search}”`)
  if (filters.kind) parts.push(RESOURCE_KINDS[filters.kind])
  if (filters.pathwayId) parts.push(`${pathwayLabel(filters.pathwayId) ?? 'a pathway'} pathway`)
  if (filters.domain) parts.push(`building ${DOMAINS[filters.domain].toLowerCase()}`)
  if (filters.language) parts.push(`in ${filters.language}`)
  if (filters.openNow) parts.push('open now')
  if (filters.staleOnly) parts.push('not checked for six months')
  return parts.join(', ')
}
