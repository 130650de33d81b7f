import type { RequirementInput, TrainingFieldsInput } from '@shared/domain/ladder'
import type { TestClient } from '../helpers'

/** A valid `trainings.create` input; override any field. */
export function trainingInput(overrides: Partial<TrainingFieldsInput> = {}): TrainingFieldsInput {
  return {
    name: 'Recovery Coach Academy',
    provider: 'CCAR',
    hours: 30,
    approved: true,
    category: null,
    domains: ['personal', 'hope'],
    ...overrides,
  }
}

/** The RCP as CCAR describes it: 60 hours of approved training, a resume, a recovery account, a panel interview. */
export const RCP_REQUIREMENTS: RequirementInput[] = [
  { kind: 'training_hours', label: 'Approved training', hours: 60, category: null },
  { kind: 'document_or_step', label: 'Resume submitted' },
  { kind: 'document_or_step', label: 'Recovery account written' },
  { kind: 'interview_or_signoff', label: 'Peer panel interview passed' },
]

/** Saves `requirements` as the set for `stage` over whatever is there now (as the supervisor). */
export async function saveSet(
  client: TestClient,
  stage: 'volunteering' | 'training' | 'rcp' | 'employment',
  requirements: RequirementInput[],
) {
  const sets = await client.call('requirements.list', {})
  const current = sets.find((s) => s.stage === stage)!
  return client.call('requirements.save', { stage, expectedVersion: current.version, requirements })
}

/** The set's current requirements as save inputs, to keep them in a save that adds or changes others. */
export function keep(set: Awaited<ReturnType<typeof saveSet>>): RequirementInput[] {
  return set.requirements
    .filter((r) => r.retiredAt === null)
    .map((r) => ({ id: r.id, kind: r.kind, label: r.label, hours: r.hoursNeeded, category: r.category }))
}
