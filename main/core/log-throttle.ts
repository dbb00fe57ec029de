export interface LogThrottleOptions {
  /** Lines written as they come in each interval; the rest are only counted. */
  readonly limit: number;
  readonly intervalMs: number;
  /** The line that stands for the `count` lines left out during the last `seconds`. */
  readonly summary: (count: number, seconds: number) => string;
}

/**
 * Keeps one kind of repeated line (a refused connection, a malformed request) from
 * flooding the log: the first `limit` lines of an interval are written, the others
 * are counted and summarised in one line when the interval ends. Whoever can cause
 * the line at will (any local process) can then cost the log a few lines per
 * interval, whatever the rate.
 */
export class LogThrottle {
  private written = 0;
  private suppressed = 0;
  private windowStart = 0;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly write: (line: string) => void,
    private readonly options: LogThrottleOptions,
  ) {}

  log(line: string): void {
    if (this.timer === undefined) {
      // The interval starts with its first line, so a quiet log never holds a timer.
      this.windowStart = Date.now();
      this.timer = setTimeout(() => this.endInterval(), this.options.intervalMs);
      this.timer.unref();
    }
    if (this.written < this.options.limit) {
      this.written += 1;
      this.write(line);
    } else {
      this.suppressed += 1;
    }
  }

  /** Writes the summary of what is pending now (on shutdown) and forgets the interval. */
  flush(): void {
    clearTimeout(this.timer);
    this.endInterval();
  }

  private endInterval(): void {
    if (this.suppressed > 0) {
      const seconds = Math.max(1, Math.round((Date.now() - this.windowStart) / 1000));
      this.write(this.options.summary(this.suppressed, seconds));
    }
    this.written = 0;
    this.suppressed = 0;
    this.timer = undefined;
  }
}
