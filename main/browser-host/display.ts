/**
 * Why no window can be shown here, or undefined when one can. Only X11/Wayland
 * systems can lack a display while running a desktop program (an SSH session, a
 * container, CI); Windows and macOS always have one for a logged-in user.
 */
export function missingDisplay(platform: NodeJS.Platform, env: NodeJS.ProcessEnv): string | undefined {
  if (platform === 'win32' || platform === 'darwin') return undefined;
  if (env.DISPLAY || env.WAYLAND_DISPLAY) return undefined;
  return 'no display: DISPLAY and WAYLAND_DISPLAY are not set';
}
