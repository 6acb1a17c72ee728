/**
 * Region names as the inputs write them (OpenVidu's `location` is GeoIP: "Madrid, Spain",
 * "New York, United States") → the country names of Natural Earth's 110 m countries in
 * world-atlas. Only the names that differ are listed; the rest match as they are.
 */
const ALIASES: Readonly<Record<string, string>> = {
	'united states': 'United States of America',
	usa: 'United States of America',
	us: 'United States of America',
	uk: 'United Kingdom',
	'great britain': 'United Kingdom',
	'czech republic': 'Czechia',
	'korea, republic of': 'South Korea',
	'republic of korea': 'South Korea',
	'russian federation': 'Russia',
	'the netherlands': 'Netherlands',
	'dominican republic': 'Dominican Rep.',
	'bosnia and herzegovina': 'Bosnia and Herz.',
	'central african republic': 'Central African Rep.',
	'democratic republic of the congo': 'Dem. Rep. Congo',
	'south sudan': 'S. Sudan',
	'ivory coast': "Côte d'Ivoire",
	"cote d'ivoire": "Côte d'Ivoire",
	'viet nam': 'Vietnam',
	'iran, islamic republic of': 'Iran',
	'syrian arab republic': 'Syria',
	'united republic of tanzania': 'Tanzania',
	'western sahara': 'W. Sahara',
	'north macedonia': 'Macedonia',
	eswatini: 'eSwatini',
	'solomon islands': 'Solomon Is.',
	'falkland islands': 'Falkland Is.',
	'equatorial guinea': 'Eq. Guinea'
};

export function atlasName(region: string): string {
	return ALIASES[region.trim().toLowerCase()] ?? region.trim();
}
