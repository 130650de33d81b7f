import { PartnerContact } from '@shared/domain/contracts'
import { useFormField } from '../../../components/ui/form'
import { decodeContact, describeContact, encodeContact, NEW_CONTACT, type ContactText } from '../utils/partnerForm'

const PARTS: Array<{ key: keyof ContactText; label: string; type?: 'tel' | 'email' }> = [
  { key: 'name', label: 'Name' },
  { key: 'role', label: 'Role' },
  { key: 'phone', label: 'Phone', type: 'tel' },
  { key: 'email', label: 'Email', type: 'email' },
]

/** A contact's own problems by the shared schema, shown on its row once the form has been sent. */
function contactProblems(contact: ContactText): Partial<Record<keyof ContactText, string>> {
  const blank = Object.values(contact).every((part) => part.trim() === '')
  if (blank) return {}
  const result = PartnerContact.safeParse(contact)
  const problems: Partial<Record<keyof ContactText, string>> = {}
  for (const issue of result.error?.issues ?? []) problems[issue.path[0] as keyof ContactText] ??= issue.message
  return problems
}

/** The partner's contacts: one row of four fields each, added and removed with real buttons. */
export function ContactsField() {
  const { id, field, error } = useFormField('contacts', 'Contacts', {
    secret: false,
    display: (value) =>
      Array.isArray(value) && value.length > 0 ? value.map((text) => describeContact(text)).join('; ') : '(none)',
  })
  const contacts = (Array.isArray(field.value) ? (field.value as string[]) : []).map(decodeContact)
  const save = (next: ContactText[]) => field.onChange(next.map(encodeContact))
  return (
    <fieldset className={error ? 'field field--error form__section' : 'field form__section'} id={id} tabIndex={-1}>
      <legend>Contacts at the partner</legend>
      <p className="field__hint">Staff of the partner the office deals with: never a person the coaches see.</p>
      {error ? (
        <p className="field__error">
          <span className="visually-hidden">Error: </span>
          {error}
        </p>
      ) : null}
      {contacts.length === 0 ? <p className="muted">No contacts yet.</p> : null}
      {contacts.map((contact, index) => {
        const problems = error ? contactProblems(contact) : {}
        return (
          <div className="repeat-row" key={index} role="group" aria-label={`Contact ${index + 1}`}>
            {PARTS.map((part) => {
              const partId = `${id}-${index}-${part.key}`
              const problem = problems[part.key]
              return (
                <div className={problem ? 'field field--error' : 'field'} key={part.key}>
                  <label htmlFor={partId}>
                    {part.label}
                    <span className="visually-hidden"> of contact {index + 1}</span>
                  </label>
                  {problem ? (
                    <p className="field__error" id={`${partId}-error`}>
                      <span className="visually-hidden">Error: </span>
                      {problem}
                    </p>
                  ) : null}
                  <input
                    id={partId}
                    type={part.type ?? 'text'}
                    value={contact[part.key]}
                    aria-invalid={problem ? true : undefined}
                    aria-describedby={problem ? `${partId}-error` : undefined}
                    onChange={(event) =>
                      save(contacts.map((c, i) => (i === index ? { ...c, [part.key]: event.target.value } : c)))
                    }
                  />
                </div>
              )
            })}
            <button
              type="button"
              className="button button--small"
              onClick={() => save(contacts.filter((_, i) => i !== index))}
            >
              Remove<span className="visually-hidden"> contact {index + 1}</span>
            </button>
          </div>
        )
      })}
      <button
        type="button"
        className="button button--small add-row"
        onClick={() => save([...contacts, { ...NEW_CONTACT }])}
      >
        Add a contact
      </button>
    </fieldset>
  )
}
