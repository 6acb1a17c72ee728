export { CdrWriter } from './cdr-lines.js';
export { DEMO_DEFAULTS, DEMO_FILE_NAME, generateDemoCdr, type DemoOptions } from './generate.js';
