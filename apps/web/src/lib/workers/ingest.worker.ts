// The ingest worker: a shim exposing core's API (squoosh's habit: the type comes from the implementation).
import * as Comlink from 'comlink';
import { createIngestApi } from '@rtcscope/core/worker-api';

Comlink.expose(createIngestApi());
