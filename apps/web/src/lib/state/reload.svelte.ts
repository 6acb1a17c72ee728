/** Set when this tab must reload (another tab upgraded the database schema). */
class ReloadNeeded {
	reason = $state<string | null>(null);
	set(reason: string): void {
		this.reason = reason;
	}
}

export const reloadNeeded = new ReloadNeeded();
