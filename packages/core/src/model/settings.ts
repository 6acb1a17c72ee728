import type { ThresholdOverrides } from './alarms.js';

/**
 * User settings kept in the store (Settings page). One row per key; values are validated when
 * read, since an older or newer build may have written them.
 *
 * Persisted: renaming a key needs a migration.
 */
export type SettingRow =
	| { key: 'thresholds'; value: ThresholdOverrides }
	| { key: 'importApp'; value: string };
