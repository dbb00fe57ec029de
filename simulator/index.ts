export { CtiSimulator, ListenError, type Health, type SideHealth, type SideState, type SimulatorOptions } from './cti-simulator.js';
