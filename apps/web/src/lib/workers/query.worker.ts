// The query worker: reads and computes for the views (the page only draws). A shim over core.
import * as Comlink from 'comlink';
import { createQueryApi } from '@rtcscope/core/query-api';

Comlink.expose(createQueryApi());
