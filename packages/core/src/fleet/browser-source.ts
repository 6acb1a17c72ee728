import type { RtcscopeDb } from '../storage/db.js';
import { fleetExtent, listFleetApps, loadFleetDays, loadRoomFacts } from '../storage/fleet.js';
import { windowsFromRooms, type FleetSource } from './source.js';

/** The fleet views' rows from this browser's store. */
export function browserFleetSource(db: RtcscopeDb): FleetSource {
	return {
		kind: 'browser',
		extent: () => fleetExtent(db),
		apps: () => listFleetApps(db),
		days: (app, from, to) => loadFleetDays(db, app, from, to),
		rooms: (app, fromAt, toAt) => loadRoomFacts(db, app, fromAt, toAt),
		...windowsFromRooms((app, fromAt, toAt) => loadRoomFacts(db, app, fromAt, toAt))
	};
}
