import { DomainError } from '../errors.ts';

/** The bytes are not a photo or video the platform keeps, or they contradict the type the client declared. */
export class UnsupportedMediaType extends DomainError {
  readonly code = 'unsupported-media-type';
  readonly status = 415;
  readonly title = 'Unsupported media type';
}

/** Too many bytes, or (for an image) too many pixels to decode safely. */
export class ContentTooLarge extends DomainError {
  readonly code = 'content-too-large';
  readonly status = 413;
  readonly title = 'Content too large';
}
