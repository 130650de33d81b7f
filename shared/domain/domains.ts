import { enumOf } from './common'

/**
 * The eight domains of the growth model (Best, Casteel, Smith, Patton 2022): three of recovery capital and the five of
 * CHIME, in DOMAIN.md's order. Shared by every feature that names a domain (the directory, growth, trainings).
 */
export const DOMAINS = {
  personal: 'Personal recovery capital',
  social: 'Social recovery capital',
  community: 'Community recovery capital',
  connectedness: 'Connectedness',
  hope: 'Hope',
  identity: 'Identity',
  meaning: 'Meaning',
  empowerment: 'Empowerment',
} as const
export type DomainKey = keyof typeof DOMAINS
export const DomainKey = enumOf(DOMAINS, 'Choose one of the eight domains')

/** What each domain asks, as DOMAIN.md puts it: help text beside the label. */
export const DOMAIN_QUESTIONS: Record<DomainKey, string> = {
  personal: 'empathy, relationship building, peer skills; own internal resources',
  social: 'own supportive network; engaging prosocial groups for the person',
  community: 'knowledge of local community assets; linking people into them',
  connectedness: 'being a key connection; bridges to groups and networks',
  hope: '"you can have what I have got"; collective then personal efficacy',
  identity: 'moving from a "user" identity to many positive group memberships',
  meaning: 'meaningful activity: work, learning, volunteering, faith, sport',
  empowerment: 'self-esteem and self-efficacy: from "we can" to "I can"',
}

export const DOMAIN_KEYS = Object.keys(DOMAINS) as DomainKey[]
