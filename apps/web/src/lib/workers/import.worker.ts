// A helper import worker: one lane of the ingest worker's pool (core import/lane.ts), with its
// own connection to the same database. Started by the ingest worker, never by a page.
import * as Comlink from 'comlink';
import { createImportLane, openDb, webImportLocks } from '@rtcscope/core/worker-api';

Comlink.expose(createImportLane(openDb({ role: 'writer' }), webImportLocks()));
