import type { BarrierKind } from '@shared/domain/supervision'
import type { Db } from '../db/schema'
import { insertSessionsInBulk, type BulkSession } from '../supervision/supervision.repository'
import type { SeedPart } from './decade'
import { addDays, daysBetween, seededRandom, type Random } from './random'

/**
 * Supervision for the seeds, written straight through the supervision repository in large transactions (a seed is
 * not a person using the app): the demo office's two supervisors and two years of their sessions, and a fast
 * deterministic generator for the decade. Private notes go to the supervisors' file, so a supervisor must be signed
 * in (the file attached) while this runs.
 */

// ---------------------------------------------------------------------------------------------------------------
// Notes that read like a supervisor's: sentences per function, strung to a believable length.

const NORMATIVE = [
  'We went over the documentation for last week’s encounters; two notes were missing the referral outcome.',
  'Talked through where the line sits when a participant asks for a ride home after discharge.',
  'Reviewed the consent form again and how to explain it without rushing at the bedside.',
  'We discussed self-disclosure: sharing the recovery story with purpose, and keeping it short.',
  'Revisited the host site’s rules on which units coaches may enter without the charge nurse.',
  'Checked caseload numbers against the contract; the follow-up calls are within the 72 hours.',
  'We talked about gifts from participants and families, and what to say when one is offered.',
  'Went over the mandatory reporting steps and who to call first out of hours.',
  'Clarified the difference between coaching and clinical advice when medication comes up.',
  'Looked at the time sheets: the late shifts are piling up and need spreading across the team.',
]
const FORMATIVE = [
  'Practised motivational interviewing: reflective listening before any suggestion.',
  'Role-played a first conversation in the emergency department with someone who did not want to talk.',
  'We worked on recovery capital mapping and how to build a plan from the person’s own strengths.',
  'Discussed the multiple pathways of recovery and meeting people where they are, medication included.',
  'Planned the next training module on naloxone and how to teach it to families.',
  'Went through a hard call from the week and what might be tried differently next time.',
  'Talked about connecting people to mutual aid meetings that fit them, not only the nearest one.',
  'Worked on warm hand-offs to treatment: who to call, what to say, and how to follow up.',
  'Reviewed the RCP portfolio: the hours are nearly there, the ethics training still to book.',
  'Shared what the team knows about the new housing program and its waiting list.',
]
const RESTORATIVE = [
  'Checked in about how the week has landed; a participant’s overdose has been weighing heavily.',
  'We talked about rest and the signs of burnout, and the coach named two things to protect.',
  'Spent time on the coach’s own recovery supports and whether they are getting enough of them.',
  'The coach felt proud of a reconnection with a family; we stayed with that for a while.',
  'Talked about the grief that comes with this work and the team’s debrief after the loss.',
  'We agreed a lighter schedule next week after three long shifts in a row.',
  'The coach described feeling isolated at the host site; we talked about the team’s support line.',
  'Acknowledged a difficult month and what helped: meetings, a sponsor, time outdoors.',
]
const PRIVATE = [
  'Some strain with the charge nurse at the host site; keep an eye on it before raising it formally.',
  'Coach mentioned a family member’s relapse; offered the employee assistance program.',
  'Seemed tired and flat today. Check in informally before the next session.',
  'Possible boundary drift with one participant (text messages late at night). Revisit next time.',
  'Strong candidate for the lead coach role next year; has not been told yet.',
  'Talked about their own sobriety date coming up; they asked for it to stay between us.',
  'Financial stress at home; pointed to the hardship fund.',
  'Concern raised by a colleague about punctuality; not shared with the coach yet, gathering facts first.',
]
const BARRIER_DETAILS: Record<BarrierKind, string[]> = {
  payer_funding: [
    'Medicaid billing code refused',
    'Grant hours capped for the quarter',
    'Insurer needs prior approval',
  ],
  host_site_policy: ['No access to the unit after 8 pm', 'Badge not renewed by the hospital', 'Security escort rule'],
  stigma: ['Staff called the participant a frequent flyer', 'Family would not let the coach in', 'Pharmacy refusal'],
  other: ['Bus route cut', 'No phone signal in the basement', 'Interpreter not available', 'Winter storm closures'],
}
const ITEMS_FOR_COACH = [
  'Finish the missing referral outcomes in the log',
  'Book the ethics training for the RCP portfolio',
  'Call the housing program about the waiting list',
  'Take the lighter schedule and one full day off',
  'Shadow a senior coach on a police ride-along',
  'Bring one hard call to the next group session',
  'Update the resource list with the new meeting times',
  'Practise the naloxone demonstration with a colleague',
]
const ITEMS_FOR_SUPERVISOR = [
  'Raise the unit access problem with the host site’s manager',
  'Check the grant hours with the finance office',
  'Find an interpreter agency that can come at short notice',
  'Ask the hospital to renew the coach’s badge',
]

function note(random: Random, pools: readonly (readonly string[])[], minChars: number, maxChars: number): string {
  const target = random.int(minChars, maxChars)
  const paragraphs: string[] = []
  let sentences: string[] = []
  let length = 0
  while (length < target) {
    const sentence = random.pick(random.pick(pools))
    sentences.push(sentence)
    length += sentence.length + 1
    if (sentences.length >= random.int(2, 4)) {
      paragraphs.push(sentences.join(' '))
      sentences = []
    }
  }
  if (sentences.length) paragraphs.push(sentences.join(' '))
  return paragraphs.join('\n\n').slice(0, 20_000)
}

type Functions = BulkSession['functions']

function functionsFor(random: Random, group: boolean): Functions {
  const f = {
    normative: random.chance(group ? 0.4 : 0.6),
    formative: random.chance(group ? 0.8 : 0.55),
    restorative: random.chance(group ? 0.35 : 0.45),
  }
  if (!f.normative && !f.formative && !f.restorative) f.formative = true
  return f
}

interface SessionPlan {
  heldOn: string
  supervisorAccountId: number
  coachIds: number[]
  group: boolean
  today: string
  draft?: boolean
  /** Notes this long, about: the decade keeps them near a real office's. */
  noteChars: [number, number]
}

function sessionOf(random: Random, plan: SessionPlan): BulkSession {
  const functions = functionsFor(random, plan.group)
  const pools = [
    ...(functions.normative ? [NORMATIVE] : []),
    ...(functions.formative ? [FORMATIVE] : []),
    ...(functions.restorative ? [RESTORATIVE] : []),
  ]
  const barriers: BulkSession['barriers'] = []
  if (random.chance(0.3)) {
    const kinds = Object.keys(BARRIER_DETAILS) as BarrierKind[]
    for (const kind of random.some(kinds, 0.25)) {
      barriers.push({
        kind,
        detail: kind === 'other' || random.chance(0.5) ? random.pick(BARRIER_DETAILS[kind]) : null,
      })
    }
  }
  const items: BulkSession['items'] = []
  const count = random.int(0, plan.group ? 3 : 2)
  for (let i = 0; i < count; i++) {
    const bySupervisor = barriers.length > 0 && random.chance(0.3)
    const dueOn = addDays(plan.heldOn, random.int(7, 35))
    // Old items are done; recent ones open, some of them overdue.
    const age = daysBetween(dueOn, plan.today)
    const done = !plan.draft && (age > 30 ? random.chance(0.95) : age > 0 ? random.chance(0.5) : random.chance(0.15))
    items.push({
      text: random.pick(bySupervisor ? ITEMS_FOR_SUPERVISOR : ITEMS_FOR_COACH),
      owner: bySupervisor ? 'supervisor' : 'coach',
      ownerCoachId: bySupervisor ? null : random.pick(plan.coachIds),
      dueOn,
      done: done
        ? {
            at: `${addDays(plan.heldOn, random.int(1, Math.max(1, Math.min(40, daysBetween(plan.heldOn, plan.today)))))}T14:00:00.000Z`,
            by: plan.supervisorAccountId,
          }
        : null,
    })
  }
  return {
    format: plan.group ? 'group' : random.chance(0.05) ? 'ad_hoc' : 'individual',
    heldOn: plan.heldOn,
    minutes: plan.group ? random.pick([60, 75, 90]) : random.pick([30, 45, 45, 60]),
    supervisorAccountId: plan.supervisorAccountId,
    functions,
    sharedNote: note(random, pools, plan.noteChars[0], plan.noteChars[1]),
    privateNote: random.chance(0.4) ? note(random, [PRIVATE], 80, 400) : '',
    coachIds: plan.coachIds,
    barriers,
    items,
    ...(plan.draft ? { draft: true } : {}),
  }
}

// ---------------------------------------------------------------------------------------------------------------
// The demo office.

export interface DemoSupervisionCoach {
  id: number
  startDate: string
  leftOn: string | null
  cadenceDays: number
  supervisorAccountId: number | null
  /** Days since the last signed-off session, to make this coach overdue (or nearly due) on the start page. */
  lastSessionDaysAgo?: number
}

/** Two years of each assigned coach's sessions at their cadence, and a monthly group per supervisor. */
export async function seedSupervisionDemo(db: Db, coaches: readonly DemoSupervisionCoach[], today: string) {
  const random = seededRandom(11_2026)
  const from = addDays(today, -730)
  const sessions: BulkSession[] = []
  // Each coach's last session: the day they left, or a few days ago, or as long ago as the story says.
  const lastOn = new Map<number, string>()
  for (const coach of coaches) {
    if (coach.supervisorAccountId === null) continue
    const start = coach.startDate > from ? coach.startDate : from
    const end =
      coach.leftOn ?? addDays(today, -(coach.lastSessionDaysAgo ?? random.int(1, Math.min(6, coach.cadenceDays - 1))))
    // Walk back from the last session so that one lands exactly where the start page should see it.
    lastOn.set(coach.id, end)
    const dates: string[] = []
    for (let on = end; on >= start; on = addDays(on, -(coach.cadenceDays + random.int(-2, 3)))) dates.unshift(on)
    for (const heldOn of dates) {
      sessions.push(
        sessionOf(random, {
          heldOn,
          supervisorAccountId: coach.supervisorAccountId,
          coachIds: [coach.id],
          group: false,
          today,
          noteChars: [300, 1400],
        }),
      )
    }
  }
  const supervisors = [...new Set(coaches.flatMap((c) => (c.supervisorAccountId ? [c.supervisorAccountId] : [])))]
  for (const supervisorAccountId of supervisors) {
    for (let on = addDays(from, 10); on < addDays(today, -3); on = addDays(on, 28)) {
      const present = coaches.filter(
        (c) => c.supervisorAccountId === supervisorAccountId && c.startDate <= on && lastOn.get(c.id)! >= on,
      )
      if (present.length < 2) continue
      sessions.push(
        sessionOf(random, {
          heldOn: on,
          supervisorAccountId,
          coachIds: present.map((c) => c.id),
          group: true,
          today,
          noteChars: [500, 1800],
        }),
      )
    }
  }
  // One draft left open by each supervisor, as a busy week leaves them.
  for (const supervisorAccountId of supervisors) {
    const coach = coaches.find((c) => c.supervisorAccountId === supervisorAccountId && c.leftOn === null)!
    sessions.push(
      sessionOf(random, {
        heldOn: addDays(today, -1),
        supervisorAccountId,
        coachIds: [coach.id],
        group: false,
        today,
        draft: true,
        noteChars: [150, 400],
      }),
    )
  }
  sessions.sort((a, b) => (a.heldOn < b.heldOn ? -1 : a.heldOn > b.heldOn ? 1 : 0))
  await db.transaction().execute((trx) => insertSessionsInBulk(trx, sessions))
  return sessions.length
}

// ---------------------------------------------------------------------------------------------------------------
// The decade: 50,000 sessions over ten years and 300 coaches, in proportion for smaller scales.

const DECADE_SESSIONS = 50_000
const BATCH = 2_500

export const supervisionSeedPart: SeedPart = {
  name: 'supervision',
  async run(office) {
    const { db, scale, today } = office
    const random = seededRandom(20_11_0011)
    const target = Math.round((DECADE_SESSIONS * (scale.coaches * scale.years)) / (300 * 10))
    const rows = await db
      .selectFrom('coaches')
      .select(['id', 'supervisor_account_id', 'supervision_cadence_days'])
      .execute()
    const facts = new Map(rows.map((r) => [r.id, r]))
    const fallback = office.supervisors[0]!.accountId
    const coaches = office.coaches.map((c) => {
      const row = facts.get(c.id)!
      const end = c.leftOn ?? today
      return {
        ...c,
        end,
        supervisorAccountId: row.supervisor_account_id ?? fallback,
        weight: Math.max(0, daysBetween(c.startDate, end)) / row.supervision_cadence_days,
      }
    })
    const individual = Math.round(target * 0.85)
    const groups = target - individual
    const totalWeight = coaches.reduce((sum, c) => sum + c.weight, 0)
    const plans: Array<Omit<SessionPlan, 'today' | 'noteChars'>> = []
    for (const coach of coaches) {
      const count = Math.round((individual * coach.weight) / totalWeight)
      const span = daysBetween(coach.startDate, coach.end)
      for (let i = 0; i < count; i++) {
        plans.push({
          heldOn: addDays(coach.startDate, Math.min(span, Math.round(((i + random.next()) * span) / count))),
          supervisorAccountId: coach.supervisorAccountId,
          coachIds: [coach.id],
          group: false,
        })
      }
    }
    const span = daysBetween(office.firstDay, today)
    for (let i = 0; i < groups; i++) {
      const heldOn = addDays(office.firstDay, Math.floor((i * span) / groups))
      const supervisorAccountId = office.supervisors[i % office.supervisors.length]!.accountId
      const present = coaches.filter(
        (c) => c.supervisorAccountId === supervisorAccountId && c.startDate <= heldOn && c.end >= heldOn,
      )
      if (present.length < 2) continue
      const attending = present.filter(() => random.chance(Math.min(1, 5 / present.length)))
      if (attending.length < 2) continue
      plans.push({ heldOn, supervisorAccountId, coachIds: attending.map((c) => c.id), group: true })
    }
    plans.sort((a, b) => (a.heldOn < b.heldOn ? -1 : a.heldOn > b.heldOn ? 1 : 0))
    let written = 0
    for (let at = 0; at < plans.length; at += BATCH) {
      const batch = plans.slice(at, at + BATCH).map((plan) =>
        sessionOf(random, {
          ...plan,
          today,
          // The last week's sessions are still drafts, as in any office.
          draft: daysBetween(plan.heldOn, today) < 3 && random.chance(0.5),
          noteChars: plan.group ? [600, 2000] : [400, 1600],
        }),
      )
      written += await db.transaction().execute((trx) => insertSessionsInBulk(trx, batch))
    }
    return `${written} supervision sessions`
  },
}
