/** Why a frame could not be decoded. Each kind is a different way the peer got the bytes wrong. */
export type DecodeErrorKind =
  | 'truncated-header'
  | 'length-mismatch'
  | 'truncated-fixed'
  | 'field-overruns-message'
  | 'message-too-long';

/**
 * The only error decoding ever throws: it names the message type, the byte offset
 * within the frame, and what was wrong, so a log line is enough to find the fault.
 */
export class Ged188DecodeError extends Error {
  override readonly name = 'Ged188DecodeError';
  constructor(
    readonly kind: DecodeErrorKind,
    readonly messageType: string,
    readonly offset: number,
    detail: string,
  ) {
    super(`${messageType} at offset ${offset}: ${detail}`);
  }
}

/** Thrown by encode when a message cannot be put on the wire as given. */
export class Ged188EncodeError extends Error {
  override readonly name = 'Ged188EncodeError';
  constructor(
    readonly messageType: string,
    readonly field: string | undefined,
    detail: string,
  ) {
    super(field === undefined ? `${messageType}: ${detail}` : `${messageType}.${field}: ${detail}`);
  }
}
