// The ingest worker: a shim exposing core's API (squoosh's habit: the type comes from the implementation).
import * as Comlink from 'comlink';
import { createIngestApi, helperLaneCount, workerLane } from '@rtcscope/core/worker-api';

// Helpers import a job's files beside this worker (a folder of dumps on every core); each starts
// on the job's second file, so one dropped file never starts one.
const helpers = Array.from({ length: helperLaneCount(navigator.hardwareConcurrency) }, () =>
	workerLane(() => new Worker(new URL('./import.worker.ts', import.meta.url), { type: 'module', name: 'rtcscope-import' }))
);
Comlink.expose(createIngestApi({ helpers }));
