/**
 * Writes the demo dataset as an OpenVidu CDR file, the same bytes "Load demo data" imports in
 * the app. Usage: pnpm demo [output-path] (default: ./rtcscope-demo-openvidu-cdr.jsonl).
 */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { DEMO_FILE_NAME, generateDemoCdr } from '../src/demo/index.js';

const target = resolve(process.env.INIT_CWD ?? process.cwd(), process.argv[2] ?? DEMO_FILE_NAME);
const text = generateDemoCdr().toText();
writeFileSync(target, text);
console.log(`wrote ${text.split('\n').length - 1} CDR lines (${text.length.toLocaleString('en')} bytes) to ${target}`);
