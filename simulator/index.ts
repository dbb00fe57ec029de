export {
  CtiSimulator,
  FaultConflict,
  ListenError,
  type Health,
  type Side,
  type SideHealth,
  type SideState,
  type SimulatorOptions,
} from './cti-simulator.js';
export { CallGenerator, type CallGeneratorOptions } from './call-generator.js';
export { FAULT_TYPES, type Fault } from './faults.js';
export { SiteFileError, loadSiteFile } from './site-file.js';
export { configuredOrEmbedded, testCallPlacer, TEST_CALL_DNIS, type CtiTarget, type TestCallRequest } from './embedded-default.js';
export { BadDesktopSettings, DesktopSettingsDocument, loadDesktopSettingsFile } from './desktop-settings-document.js';
