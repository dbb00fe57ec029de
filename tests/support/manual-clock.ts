/**
 * A clock that stands still until a test moves it, for the simulator's `clock` option:
 * a test proves "held for over a second" by moving the clock a second on, not by waiting one.
 * It starts at the wall clock's time, so "today" is today.
 */
export class ManualClock {
  private time = Date.now();

  /** The clock's time, bound so it can be handed over as a `() => number`. */
  readonly now = (): number => this.time;

  advance(ms: number): void {
    this.time += ms;
  }
}
