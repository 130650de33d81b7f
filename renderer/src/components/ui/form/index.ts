// The one form mechanism (DESIGN.md, rule 11). A feature's form: <Form schema={SharedSchema} ...> with the Form*
// fields inside and a <SubmitButton>; see features/roster/components/CoachForm.tsx for the worked example.
export { Form, NOT_SAVED, SubmitButton, useDraftMeta, useFormKit, type FormProps, type RegisteredField } from './Form'
export {
  FormCheckbox,
  FormCheckboxGroup,
  FormRadioGroup,
  FormSelectField,
  FormTextField,
  useFormField,
  useFormValue,
} from './fields'
export { ConflictPanel } from './ConflictPanel'
export { conflictBetween, type ConflictEntry } from './conflict'
export { idFromText, listFromText, numberFromText, textFrom } from './convert'
export { problemFromError, type FormProblem } from './problems'
export { UnsavedChangesGuard, useConfirmLeaving, useLeaveGuard, useWarnBeforeUnload, type LeaveWords } from './unsaved'
export type { FieldValue, FormValues } from './values'
