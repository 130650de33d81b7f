import {
  CURRENCY_MINOR_DIGITS,
  formatMinor,
  type BillingBasis,
  type Contract,
  type ContractFieldsInput,
  type Currency,
} from '@shared/domain/contracts'
import { describeWindow, type CoverageWindow } from '@shared/domain/coverage'
import { numberFromText, textFrom } from '../../../components/ui/form/convert'

/**
 * What the contract form holds. The coverage windows are one field, a list of windows each written as
 * "4 18:00 0 08:00" (start day, start time, end day, end time; Monday is 0), so the whole list is one value the form
 * compares, keeps in a draft and shows in a conflict like any other.
 */
export interface ContractFormValues {
  [field: string]: string | readonly string[]
  partnerId: string
  reference: string
  title: string
  startDate: string
  endDate: string
  valueMinor: string
  currency: string
  billingBasis: string
  coverage: readonly string[]
  targetMinutes: string
  expectedPerMonth: string
  team: readonly string[]
  renewalNoticeDays: string
}

/** One coverage window as the form holds it; times as typed. */
export interface WindowText {
  startDay: string
  startTime: string
  endDay: string
  endTime: string
}

export function encodeWindow(window: WindowText): string {
  return [window.startDay, window.startTime || '-', window.endDay, window.endTime || '-'].join(' ')
}

export function decodeWindow(text: string): WindowText {
  const [startDay = '', startTime = '', endDay = '', endTime = ''] = text.split(' ')
  return {
    startDay,
    startTime: startTime === '-' ? '' : startTime,
    endDay,
    endTime: endTime === '-' ? '' : endTime,
  }
}

export const NEW_WINDOW: WindowText = { startDay: '4', startTime: '18:00', endDay: '0', endTime: '08:00' }

/** A window as the schema takes it: days as numbers, times as typed ("9:00" is refused with the schema's message). */
function windowInput(text: string) {
  const window = decodeWindow(text)
  return {
    startDay: numberFromText(window.startDay),
    startTime: window.startTime.trim(),
    endDay: numberFromText(window.endDay),
    endTime: window.endTime.trim(),
  }
}

/** "Fri 18:00 – Mon 08:00" for the conflict view and the contract page; the raw text if it is half typed. */
export function describeWindowText(text: string): string {
  const input = windowInput(text)
  const day = (value: number) => Number.isInteger(value) && value >= 0 && value <= 6
  return day(input.startDay) && day(input.endDay) ? describeWindow(input as unknown as CoverageWindow) : text
}

/**
 * Minor units from a typed amount in `currency` ("12,500.50" is 1,250,050 cents). What is not a plain amount is
 * still turned into a number the schema refuses with its own message: "-5" a negative, "1.005" a fraction of a cent,
 * anything else NaN.
 */
export function minorFromText(text: string, currency: string): number {
  const digits = CURRENCY_MINOR_DIGITS[currency as Currency] ?? 2
  const cleaned = text.trim().replace(/[\s,]/g, '')
  if (!/^-?\d+(\.\d+)?$/.test(cleaned)) return Number.NaN
  return Math.round(Number(cleaned) * 10 ** digits * 1e6) / 1e6
}

export function emptyContractForm(partnerId: number | null, today: string): ContractFormValues {
  const year = Number(today.slice(0, 4))
  return {
    partnerId: partnerId === null ? '' : String(partnerId),
    reference: '',
    title: '',
    startDate: today,
    endDate: `${year + 1}${today.slice(4)}`,
    valueMinor: '',
    currency: 'USD',
    billingBasis: 'per_dispatch',
    coverage: [],
    targetMinutes: '45',
    expectedPerMonth: '20',
    team: [],
    renewalNoticeDays: '60',
  }
}

export function formFromContract(contract: Contract): ContractFormValues {
  return {
    partnerId: String(contract.partnerId),
    reference: contract.reference,
    title: contract.title,
    startDate: contract.startDate,
    endDate: contract.endDate,
    valueMinor: contract.valueMinor === null ? '' : formatMinor(contract.valueMinor, contract.currency),
    currency: contract.currency,
    billingBasis: contract.billingBasis ?? 'fixed',
    coverage: contract.coverage.map((window) =>
      encodeWindow({
        startDay: String(window.startDay),
        startTime: window.startTime,
        endDay: String(window.endDay),
        endTime: window.endTime,
      }),
    ),
    targetMinutes: textFrom(contract.targetMinutes),
    expectedPerMonth: textFrom(contract.expectedPerMonth),
    team: contract.team.map((member) => String(member.coachId)),
    renewalNoticeDays: textFrom(contract.renewalNoticeDays),
  }
}

/** The form's values as the shared ContractFields schema takes them. */
export function contractFieldsInput(values: ContractFormValues): ContractFieldsInput {
  return {
    reference: values.reference,
    title: values.title,
    startDate: values.startDate,
    endDate: values.endDate,
    valueMinor: minorFromText(values.valueMinor, values.currency),
    currency: values.currency as Currency,
    billingBasis: values.billingBasis as BillingBasis,
    coverage: values.coverage.map(windowInput) as unknown as ContractFieldsInput['coverage'],
    targetMinutes: numberFromText(values.targetMinutes),
    expectedPerMonth: numberFromText(values.expectedPerMonth),
    team: values.team.map(Number),
    renewalNoticeDays: numberFromText(values.renewalNoticeDays),
  }
}
