// IndexedDB for Dexie under Node: an in-memory implementation of the real API.
import 'fake-indexeddb/auto';
