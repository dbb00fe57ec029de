/**
 * The two ways a request is refused. Thrown by the peripheral and its parts, turned
 * into the reply by the session that made the request.
 */

/** Why a request was refused: a ControlFailureCode, sent as CONTROL_FAILURE_CONF. */
export class ControlFailure extends Error {
  constructor(
    readonly code: number,
    detail: string,
  ) {
    super(detail);
  }
}

/** A request CTI Server refuses with FAILURE_CONF and this status (§2.10), not CONTROL_FAILURE_CONF. */
export class Refusal extends Error {
  constructor(
    readonly status: number,
    detail: string,
  ) {
    super(detail);
  }
}
