import { expect, test } from '@playwright/test';
import { loadDemo } from '../support/app';

test('demo data: marked as demo, browsable, removable like any import', async ({ page }) => {
	await loadDemo(page);
	await expect(page.getByTestId('demo-banner')).toBeVisible();
	await expect(page.getByTestId('store-overview')).toHaveText('41 sessions · 1 imports');
	await expect(page.getByTestId('import-list')).toContainText('demo');

	await page.goto('sessions/');
	await expect(page.getByTestId('session-count')).toHaveText('41 sessions');
	await expect(page.getByTestId('session-row').first()).toContainText('demo');

	// Date filter (UTC days) and sort by participants, kept in the URL.
	await page.getByTestId('date-from').fill('2026-11-17');
	await page.getByTestId('date-from').dispatchEvent('change');
	await page.getByTestId('date-to').fill('2026-11-17');
	await page.getByTestId('date-to').dispatchEvent('change');
	await expect(page).toHaveURL(/from=2026-11-17&to=2026-11-17/);
	await expect(page.getByTestId('session-count')).toHaveText('8 sessions');
	await page.getByTestId('session-sort').selectOption('participants');
	await expect(page).toHaveURL(/sort=participants/);
	const column = page.getByTestId('session-row').locator('td:nth-child(6)');
	await expect
		.poll(async () => {
			const numbers = (await column.allTextContents()).map(Number);
			return numbers.length === 8 && numbers.every((n, i) => i === 0 || (numbers[i - 1] as number) >= n);
		})
		.toBe(true);
	await page.screenshot({ path: 'test-results/screens/sessions-demo.png', fullPage: true });

	// Search by clientData text.
	await page.goto('sessions/?q=daily');
	await expect(page.getByTestId('session-count')).toHaveText('1 session matching “daily”');

	// Remove the demo: everything it brought goes.
	await page.getByTestId('demo-banner').getByRole('button', { name: 'Remove demo data' }).click();
	await expect(page.getByTestId('demo-banner')).toBeHidden();
	await expect(page.getByTestId('store-overview')).toHaveText('0 sessions · 0 imports');
});

test('inspector on the demo: meetings, statistics, user data, error log, event log, recordings', async ({ page }) => {
	await loadDemo(page);
	await page.goto('inspect/?session=openvidu%3Adaily-standup');
	await expect(page.getByTestId('session-id')).toHaveText('daily-standup');
	const selector = page.getByTestId('meeting-selector');
	await expect(selector.locator('option')).toHaveCount(3);
	const allUsers = Number(await page.getByTestId('stat-users').textContent());

	await selector.selectOption({ index: 2 });
	await expect(page).toHaveURL(/meeting=2/);
	const meetingUsers = Number(await page.getByTestId('stat-users').textContent());
	expect(meetingUsers).toBeLessThan(allUsers);
	await expect(page.getByTestId('user-row')).toHaveCount(meetingUsers);
	// The chart is drawn (uPlot canvas).
	await expect(page.locator('section[aria-labelledby=timeline-h] canvas')).toHaveCount(1);

	// Hover shows the breakdown of endpoints with user counts.
	await page.getByTestId('stat-endpoints').hover();
	const tooltipId = await page.getByTestId('stat-endpoints').getAttribute('aria-describedby');
	const tooltip = page.locator(`[id="${tooltipId}"]`);
	await expect(tooltip).toBeVisible();
	await expect(tooltip).toContainText(/\d+ users?/);

	// A demo session with a media-server crash and a failed recording.
	await page.goto('inspect/?session=openvidu%3Ases_CLG3ZerP3y');
	await expect(page.getByTestId('recording-row')).toContainText('failed');
	await expect(page.getByTestId('rate-recordings').getByTestId('rate-value')).toHaveText('100.0 %');
	await expect(page.getByTestId('rate-connections').getByTestId('rate-value')).toHaveText('100.0 %');
	await expect(page.getByTestId('error-list')).toContainText('mediaServerDisconnect');
	await page.screenshot({ path: 'test-results/screens/inspect-crash.png', fullPage: true });

	// Event log filter: + keeps, − hides.
	const counter = page.getByTestId('event-count');
	const total = Number((await counter.textContent())?.split(' of ')[1]?.split(' ')[0]);
	await page.getByTestId('event-filter-input').fill('mediaServerDisconnect');
	await page.getByTestId('event-filter-include').click();
	const included = Number((await counter.textContent())?.split(' ')[0]);
	expect(included).toBeGreaterThan(0);
	expect(included).toBeLessThan(total);
	await page.getByTestId('event-filter-input').fill('receiving');
	await page.getByTestId('event-filter-exclude').click();
	const excluded = Number((await counter.textContent())?.split(' ')[0]);
	expect(excluded).toBeLessThan(included);
	await expect(page.getByTestId('event-log').locator('tbody tr')).toHaveCount(excluded);
});

test('cluster view: media node statuses and autoscaling against its limits', async ({ page }) => {
	await loadDemo(page);
	await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Cluster' }).click();
	await expect(page.getByTestId('cluster-summary')).toContainText('demo-cluster');
	await expect(page.locator('main canvas')).toHaveCount(2);
	await expect(page.getByTestId('node-table').locator('tbody tr').first()).toContainText('kms_Base0001');
	await expect(page.getByTestId('autoscaling-table')).toContainText('above its limits');
	await page.screenshot({ path: 'test-results/screens/cluster.png', fullPage: true });
});

test('a session that is not in the store says so', async ({ page }) => {
	await page.goto('inspect/?session=openvidu%3Ases_missing');
	await expect(page.getByTestId('missing-session')).toContainText('openvidu:ses_missing');
});
