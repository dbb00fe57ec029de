import { type Peripheral } from './pg/peripheral.js';
import { ControlFailure } from './pg/refusals.js';
import { seededRandom } from './seeded-random.js';

/** Seconds until the next arrival of a Poisson process with `rate` arrivals per second. */
export function exponentialGap(random: () => number, rate: number): number {
  return -Math.log(1 - random()) / rate;
}

export interface CallGeneratorOptions {
  /** Mean arrivals per second; 0 generates nothing. */
  readonly ratePerSecond: number;
  /** Callers hang up about this long after an agent answers (uniformly 0.5×–1.5×). */
  readonly talkTimeSeconds: number;
  readonly seed: number;
  /** A caller nobody answers gives up after this long, so queues cannot grow without end. */
  readonly patienceSeconds?: number;
  /** Arrivals are skipped while this says no (the peripheral is offline). */
  readonly accepting?: () => boolean;
  readonly log?: (line: string) => void;
}

interface Caller {
  timer: NodeJS.Timeout;
  answered: boolean;
}

/**
 * Callers calling in on their own (`--call-rate`): Poisson arrivals with random ANI
 * and DNIS, spread over the skill groups, each hanging up about `talkTimeSeconds`
 * after being answered. Everything it schedules is forgotten when the call ends.
 */
export class CallGenerator {
  private readonly random: () => number;
  private readonly callers = new Map<number, Caller>();
  private arrivalTimer: NodeJS.Timeout | undefined;
  private nextArrivalAt = 0;
  private unsubscribe: (() => void) | undefined;
  private generated = 0;

  constructor(
    private readonly peripheral: Peripheral,
    private readonly options: CallGeneratorOptions,
  ) {
    this.random = seededRandom(options.seed);
  }

  /** Calls offered so far. */
  get count(): number {
    return this.generated;
  }

  /** Callers on the line now (ringing, queued or talking). */
  get active(): number {
    return this.callers.size;
  }

  start(): void {
    if (this.options.ratePerSecond <= 0 || this.unsubscribe) return;
    this.unsubscribe = this.peripheral.subscribe((event) => {
      const m = event.message;
      if (m.MessageType === 'CALL_ESTABLISHED_EVENT') this.answered(m.ConnectionCallID);
      else if (m.MessageType === 'END_CALL_EVENT') this.forget(m.ConnectionCallID);
    });
    this.nextArrivalAt = Date.now() + this.gapMs();
    this.schedule();
  }

  stop(): void {
    this.unsubscribe?.();
    this.unsubscribe = undefined;
    if (this.arrivalTimer) clearTimeout(this.arrivalTimer);
    for (const caller of this.callers.values()) clearTimeout(caller.timer);
    this.callers.clear();
  }

  private gapMs(): number {
    return exponentialGap(this.random, this.options.ratePerSecond) * 1000;
  }

  /** One timer for the next arrival; at high rates one tick may bring several callers. */
  private schedule(): void {
    this.arrivalTimer = setTimeout(() => {
      const now = Date.now();
      while (this.nextArrivalAt <= now) {
        this.arrive();
        this.nextArrivalAt += this.gapMs();
      }
      this.peripheral.flush();
      this.schedule();
    }, Math.max(0, this.nextArrivalAt - Date.now()));
    this.arrivalTimer.unref();
  }

  private arrive(): void {
    if (this.options.accepting && !this.options.accepting()) return;
    const groups = this.peripheral.site.skillGroups;
    const group = groups.length > 0 ? groups[Math.floor(this.random() * groups.length)] : undefined;
    const ani = `555${String(Math.floor(this.random() * 10_000)).padStart(4, '0')}`;
    const dnis = `80055501${String(Math.floor(this.random() * 10)).padStart(2, '0')}`;
    const call = this.peripheral.offerCall({ ani, dnis, ...(group ? { skillGroup: group.number } : {}) });
    this.generated++;
    if (!this.peripheral.calls.has(call.id)) return;
    const patience = (this.options.patienceSeconds ?? Math.max(120, 4 * this.options.talkTimeSeconds)) * 1000;
    this.callers.set(call.id, { timer: this.hangUpAfter(call.id, patience), answered: false });
  }

  private answered(callId: number): void {
    const caller = this.callers.get(callId);
    if (!caller || caller.answered) return;
    caller.answered = true;
    clearTimeout(caller.timer);
    caller.timer = this.hangUpAfter(callId, this.options.talkTimeSeconds * 1000 * (0.5 + this.random()));
  }

  private hangUpAfter(callId: number, ms: number): NodeJS.Timeout {
    const timer = setTimeout(() => {
      this.callers.delete(callId);
      if (!this.peripheral.calls.has(callId)) return;
      try {
        this.peripheral.callerHangsUp(callId);
      } catch (error) {
        if (!(error instanceof ControlFailure)) throw error;
        this.options.log?.(`generated call ${callId}: ${error.message}`);
      }
      this.peripheral.flush();
    }, ms);
    timer.unref();
    return timer;
  }

  private forget(callId: number): void {
    const caller = this.callers.get(callId);
    if (!caller) return;
    clearTimeout(caller.timer);
    this.callers.delete(callId);
  }
}
