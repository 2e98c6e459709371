/** Error codes that cross the API boundary; each comes with a plain-words message. */
export const errorCodes = [
  'invalid_input',
  'unknown_method',
  'forbidden',
  'connection_failed',
  'not_found',
  'not_ready',
  'server_error',
  'cancelled',
  'internal',
] as const;

/** One of the error codes above. */
export type ErrorCode = (typeof errorCodes)[number];

/** The error part of a failed reply: a code, a message for people, and the form field it concerns. */
export interface ApiError {
  code: ErrorCode;
  message: string;
  field?: string | undefined;
}

/** An error meant for the user: its message is shown as it is, so it never holds secrets. */
export class UserError extends Error {
  readonly code: ErrorCode;
  readonly field: string | undefined;

  constructor(code: ErrorCode, message: string, field?: string) {
    super(message);
    this.name = 'UserError';
    this.code = code;
    this.field = field;
  }

  /** The shape sent over the wire. */
  toApiError(): ApiError {
    return this.field === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, field: this.field };
  }
}
