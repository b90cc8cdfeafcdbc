/**
 * The paragraphs after the lede: who said what, the aftermath, the background. Real stories of
 * two events differ in these far more than in the lede, and the intake's near-duplicate check
 * compares whole texts, so each story draws its own few sentences from these pools. They name no
 * place and give no count, so they never change what the extractors read in the lede.
 */
import type { Rng } from '@/lib/demo/prng';
import type { EventKind } from './story-types';

const OFFICIALS = [
  'The district police officer',
  'A senior police official',
  'The deputy commissioner',
  'A security official who spoke on condition of anonymity',
  'A spokesman for the provincial government',
  'The station house officer of the area',
  'A local administration official',
];

const HOSPITALS = [
  'the District Headquarters Hospital',
  'a nearby civil hospital',
  'the Combined Military Hospital',
  'a trauma centre in the city',
];

const GENERIC = [
  (o: string) => `${o} said the area had been cordoned off and a search for the attackers was under way.`,
  (o: string) => `${o} said security had been tightened at entry and exit points after the attack.`,
  (o: string) => `${o} said the attackers escaped under cover of darkness.`,
  (o: string) => `${o} said an inquiry had been ordered and the culprits would be brought to justice.`,
  () => 'Residents said the area had seen a rise in militant activity in recent months.',
  () => 'Mobile phone service was suspended in parts of the district as a precaution.',
  () => 'Traffic on the main road remained suspended for several hours.',
  () => 'The provincial chief minister sought a report from the inspector general of police.',
  () => 'Eyewitnesses said the gunfire could be heard for a long time afterwards.',
  () => 'Shops and markets in the area remained closed for the rest of the day.',
  (o: string) => `${o} said the families of the victims would be compensated under the government's policy.`,
  () => 'Political leaders across the spectrum denounced the violence and called for unity.',
  () => 'Local elders demanded more protection for the people of the area.',
  (o: string) => `${o} said the attackers had been tracked for weeks before the incident.`,
  () => 'The counter-terrorism department took over the investigation and collected evidence from the scene.',
  () => 'Educational institutions in the vicinity were closed the following day.',
  (o: string) => `${o} said additional personnel had been deployed to sensitive sites in the area.`,
];

const BY_KIND: Partial<Record<EventKind, readonly ((o: string) => string)[]>> = {
  ied: [
    (o) => `${o} said the device had been buried under the road and detonated by remote control.`,
    () => 'The bomb disposal squad said several kilogrammes of explosives had been used.',
    () => 'The vehicle was badly damaged in the blast, which left a crater in the road.',
  ],
  suicide: [
    () => 'The blast was heard several kilometres away and shattered windows of nearby buildings.',
    (o) => `${o} said body parts of the bomber had been collected for forensic tests.`,
    () => 'An emergency was declared at hospitals in the district and blood donors were called in.',
  ],
  checkpost: [
    (o) => `${o} said the attackers used heavy weapons and fired from nearby hills.`,
    () => 'Reinforcements were rushed to the post and the area was cordoned off.',
    () => 'The post had been attacked before, residents said.',
  ],
  targeted: [
    (o) => `${o} said the motive behind the killing was not yet known.`,
    () => 'Relatives of the victims said they had no enmity with anyone.',
    () => 'Traders staged a brief strike to demand the arrest of the killers.',
  ],
  kidnap: [
    (o) => `${o} said elders of the area had been contacted to help secure the release of the hostages.`,
    () => 'The company said work on the project had been halted.',
    () => 'No ransom demand had been received, the officials added.',
  ],
  airstrike: [
    () => 'A Taliban spokesman said the jets struck houses in several villages.',
    () => 'Residents said women and children were among the dead.',
    () => "Pakistan's military did not comment on the strikes.",
    () => 'Security officials in Islamabad said the strikes targeted hideouts of militants who attack Pakistan from Afghan soil.',
    () => 'The Taliban government vowed to respond and summoned the Pakistani envoy.',
    () => 'Footage shared on social media showed destroyed mud houses and a damaged mosque.',
    () => 'A local elder said families had fled to nearby mountains fearing more strikes.',
    () => 'The United Nations mission called for restraint and an investigation.',
    () => 'Pakistani officials have repeatedly accused Kabul of sheltering fighters who cross the border to attack.',
    () => 'Relief workers said they were struggling to reach the area because of damaged roads.',
  ],
  'border-fire': [
    () => 'The attackers crossed the river at night and withdrew across the border after an exchange of fire.',
    () => 'Tajikistan called on the Taliban authorities to secure the frontier.',
    () => 'The outpost was reinforced and border patrols were stepped up along the river.',
    () => 'A Taliban spokesman said an investigation had been opened on the Afghan side.',
    () => 'It was the latest in a series of incidents along the frontier with Afghanistan this year.',
    () => 'The bodies of the guards were flown to the capital for burial with military honours.',
    () => 'Officials said the attackers were believed to be smugglers working with militants.',
    () => 'The Collective Security Treaty Organisation expressed concern over the situation on the frontier.',
    () => 'Residents of nearby villages said they heard automatic gunfire for most of the night.',
  ],
  grenade: [
    () => 'The blast damaged the gate and windows of the building.',
    (o) => `${o} said the attackers threw the grenade from a passing motorcycle.`,
  ],
};

/** `n` different sentences for one story: kind-specific and general, in a random order. */
export function aftermath(rng: Rng, kind: EventKind, n: number, opts: { hospital?: boolean } = {}): string[] {
  // Across the border the Pakistani police and administration have nothing to say.
  const abroad = kind === 'airstrike' || kind === 'border-fire';
  const pool = [...(BY_KIND[kind] ?? []), ...(abroad ? [] : GENERIC)];
  const out: string[] = [];
  if (opts.hospital)
    out.push(`The injured were shifted to ${rng.pick(HOSPITALS)}, where some of them were said to be in critical condition.`);
  while (out.length < n && pool.length > 0) {
    const [pick] = pool.splice(Math.floor(rng.float() * pool.length), 1);
    out.push(pick(rng.pick(OFFICIALS)));
  }
  return out;
}

/** `n` of the sentences, in a random order. */
export function pickSome(c: { rng: Rng }, pool: readonly string[], n: number): string {
  const left = [...pool];
  const out: string[] = [];
  while (out.length < n && left.length) out.push(left.splice(Math.floor(c.rng.float() * left.length), 1)[0]);
  return out.join(' ');
}

/** What an ISPR release says after the toll: recoveries, the sanitisation operation, resolve. */
export const ISPR_CLOSING = (fighters: string) => [
  `Weapons and ammunition were also recovered from the killed ${fighters}.`,
  `A sanitisation operation is being carried out to eliminate any other ${fighters} found in the area.`,
  `The killed ${fighters} remained actively involved in numerous terrorist activities against security forces and civilians.`,
  'Security forces are determined to wipe out the menace of terrorism from the country.',
  'Locals appreciated the operation and expressed their full support for the security forces.',
  `Intelligence had indicated that the ${fighters} were planning attacks on civilians and law enforcement agencies.`,
  'The operation was launched after a week of surveillance of the hideout, officials said.',
  'Explosive material and communication equipment were seized from the compound.',
];
