import { DomainError } from '../errors.ts';

/** A device or an address sent more reports (or photos) than the citizen programme's limits allow. */
export class TooManyReports extends DomainError {
  readonly code = 'too-many-reports';
  readonly status = 429;
  readonly title = 'Too many reports';
}
