import { onBeforeUnmount, onMounted, ref, type Ref } from 'vue';

/**
 * The current time, refreshed every second while the component lives. Durations are
 * always computed as now − since, so a background tab whose timers the browser
 * throttles shows the right figure on its next tick instead of a drifted count; it
 * also refreshes the moment the page becomes visible again.
 */
export function useNow(): Ref<number> {
  const now = ref(Date.now());
  const tick = () => {
    now.value = Date.now();
  };
  let timer: ReturnType<typeof setInterval> | undefined;
  onMounted(() => {
    timer = setInterval(tick, 1000);
    document.addEventListener('visibilitychange', tick);
  });
  onBeforeUnmount(() => {
    clearInterval(timer);
    document.removeEventListener('visibilitychange', tick);
  });
  return now;
}

/** A time in state as a clock reads: `0:07`, `12:05`, `1:02:03`. */
export function clockDuration(elapsedMs: number): string {
  // Clock skew between the server and this machine can put `since` slightly in the future.
  const total = Math.max(0, Math.floor(elapsedMs / 1000));
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = String(total % 60).padStart(2, '0');
  return hours > 0 ? `${hours}:${String(minutes).padStart(2, '0')}:${seconds}` : `${minutes}:${seconds}`;
}
