/**
 * Lets the event loop run pending callbacks (IndexedDB results of a commit in flight) before
 * more synchronous parsing. A MessageChannel message is a macrotask without setTimeout's
 * clamping to 4 ms when nested.
 */
export function yieldToEventLoop(): Promise<void> {
	return new Promise((resolve) => {
		const channel = new MessageChannel();
		channel.port1.onmessage = () => {
			channel.port1.close();
			resolve();
		};
		channel.port2.postMessage(null);
	});
}
