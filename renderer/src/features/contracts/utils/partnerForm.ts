import type { Partner, PartnerFieldsInput, PartnerType } from '@shared/domain/contracts'
import { textFrom } from '../../../components/ui/form/convert'

/** One contact as the form holds it. */
export interface ContactText {
  name: string
  role: string
  phone: string
  email: string
}

/**
 * What the partner form holds. The contacts are one field, a list of contacts each kept as JSON text, so the list
 * compares, drafts and shows in a conflict as one value.
 */
export interface PartnerFormValues {
  [field: string]: string | readonly string[]
  name: string
  type: string
  address: string
  notes: string
  contacts: readonly string[]
}

export const NEW_CONTACT: ContactText = { name: '', role: '', phone: '', email: '' }

export const encodeContact = (contact: ContactText) => JSON.stringify(contact)

export function decodeContact(text: string): ContactText {
  try {
    const value = JSON.parse(text) as Partial<ContactText>
    return { ...NEW_CONTACT, ...value }
  } catch {
    return { ...NEW_CONTACT }
  }
}

/** "Alex Charge (Charge nurse)" for the conflict view. */
export function describeContact(text: string): string {
  const contact = decodeContact(text)
  return contact.role ? `${contact.name} (${contact.role})` : contact.name
}

export function emptyPartnerForm(): PartnerFormValues {
  return { name: '', type: '', address: '', notes: '', contacts: [] }
}

export function formFromPartner(partner: Partner): PartnerFormValues {
  return {
    name: partner.name,
    type: partner.type,
    address: textFrom(partner.address),
    notes: textFrom(partner.notes),
    contacts: partner.contacts.map((contact) =>
      encodeContact({
        name: contact.name,
        role: textFrom(contact.role),
        phone: textFrom(contact.phone),
        email: textFrom(contact.email),
      }),
    ),
  }
}

/** The form's values as the shared PartnerFields schema takes them; a contact left wholly blank is dropped. */
export function partnerFieldsInput(values: PartnerFormValues): PartnerFieldsInput {
  return {
    name: values.name,
    type: values.type as PartnerType,
    address: values.address,
    notes: values.notes,
    contacts: values.contacts
      .map(decodeContact)
      .filter((contact) => Object.values(contact).some((part) => part.trim() !== '')),
  }
}
