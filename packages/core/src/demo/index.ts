export { CdrWriter } from './cdr-lines.js';
export { DEMO_DEFAULTS, DEMO_FILE_NAME, generateDemoCdr, type DemoOptions } from './generate.js';
export { FLEET_DEFAULTS, generateFleet, type FleetFile, type FleetOptions } from './fleet.js';
export { generateCallCase } from './call-case.js';
export { generateBroadcast } from './broadcast.js';
