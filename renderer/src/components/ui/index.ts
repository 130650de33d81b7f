// The accessible kit (DESIGN.md, layout): fields, the error summary, dialogs, page headings and states, and the one
// form mechanism in ./form.
export { PageHeader, PageHeading } from './PageHeading'
export {
  Checkbox,
  CheckboxGroup,
  FieldShell,
  optionPairs,
  RadioGroup,
  SelectField,
  TextField,
  type Options,
} from './fields'
export { ErrorSummary, type ErrorEntry } from './ErrorSummary'
export { ConfirmDialog, Dialog } from './Dialog'
export { DoneNotice, ErrorState, LoadingState, NoAccess } from './states'
export { ErrorBoundary, SomethingWentWrong } from './ErrorPage'
export { VirtualRows } from './VirtualRows'
export { WhenNear } from './WhenNear'
