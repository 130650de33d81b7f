import type { ChannelInput, ChannelOutput } from '@shared/api/contract'
import type { SessionFieldsInput } from '@shared/domain/supervision'
import type { TestClient } from '../helpers'

/** A valid `supervision.create` input for an individual session with `coachIds[0]` (or a group of them). */
export function sessionInput(coachIds: number[], overrides: Partial<SessionFieldsInput> = {}): SessionFieldsInput {
  return {
    format: coachIds.length > 1 ? 'group' : 'individual',
    coachIds,
    heldOn: '2026-11-02',
    minutes: 50,
    functions: ['formative', 'restorative'],
    sharedNote: 'Talked through boundaries at the emergency department and a plan for the night shifts.',
    privateNote: 'Worried about burnout; check in again before the holidays.',
    barriers: [{ kind: 'host_site_policy' }],
    actionItems: [
      { text: 'Book the refresher on naloxone', owner: 'coach', coachId: coachIds[0]!, dueOn: '2026-11-30' },
    ],
    ...overrides,
  }
}

/** A session made and signed off by `supervisor`. */
export async function signedOffSession(
  supervisor: TestClient,
  input: ChannelInput<'supervision.create'>,
): Promise<ChannelOutput<'supervision.signOff'>> {
  const draft = await supervisor.call('supervision.create', input)
  return supervisor.call('supervision.signOff', { id: draft.id, expectedVersion: draft.version })
}
