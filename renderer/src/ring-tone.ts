/**
 * The ring tone for an incoming call, generated with Web Audio (no audio file to ship
 * or to be blocked by the CSP): two tones (440 + 480 Hz, the North American ring),
 * 2 s on, 4 s off. The whole cadence is scheduled on the audio clock when ringing
 * starts, so a background window whose timers the browser throttles still rings on time.
 */
export interface RingTone {
  start(): void;
  stop(): void;
  readonly ringing: boolean;
}

const TONES_HZ = [440, 480] as const;
const ON_S = 2;
const CYCLE_S = 6;
/** Enough cycles for any call that rings (ten minutes); stop() ends it sooner. */
const CYCLES = 100;
/** Quiet enough for a headset at hour seven, loud enough to be heard. */
const LEVEL = 0.12;
/** Ramps instead of steps, so the tone does not click. */
const RAMP_S = 0.02;

type AudioContextFactory = () => AudioContext;

export function webAudioRingTone(createContext: AudioContextFactory = () => new AudioContext()): RingTone {
  let context: AudioContext | undefined;
  let playing: { oscillators: OscillatorNode[]; gain: GainNode } | undefined;

  return {
    get ringing() {
      return playing !== undefined;
    },
    start() {
      if (playing) return;
      context ??= createContext();
      // A context made before the agent touched the page starts suspended; signing in was a touch.
      void context.resume().catch(() => undefined);
      const gain = context.createGain();
      const at = context.currentTime;
      gain.gain.setValueAtTime(0, at);
      for (let cycle = 0; cycle < CYCLES; cycle += 1) {
        const on = at + cycle * CYCLE_S;
        gain.gain.setValueAtTime(0, on);
        gain.gain.linearRampToValueAtTime(LEVEL, on + RAMP_S);
        gain.gain.setValueAtTime(LEVEL, on + ON_S - RAMP_S);
        gain.gain.linearRampToValueAtTime(0, on + ON_S);
      }
      gain.connect(context.destination);
      const oscillators = TONES_HZ.map((frequency) => {
        const oscillator = context!.createOscillator();
        oscillator.frequency.value = frequency;
        oscillator.connect(gain);
        oscillator.start(at);
        oscillator.stop(at + CYCLES * CYCLE_S);
        return oscillator;
      });
      playing = { oscillators, gain };
    },
    stop() {
      if (!playing) return;
      for (const oscillator of playing.oscillators) {
        oscillator.stop();
        oscillator.disconnect();
      }
      playing.gain.disconnect();
      playing = undefined;
    },
  };
}
