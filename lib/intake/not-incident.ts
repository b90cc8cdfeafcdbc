/**
 * Does the report describe a new violent event? Funerals, court hearings, meetings, press
 * conferences, condemnations, announcements, anniversaries and arrests mention violence without
 * being one, so the decision rests on the headline and the lede (the first sentence), where the
 * press says what the story is about (a follow-up may wait for the second sentence):
 * - a follow-up about a known event (a rising toll, a claim of responsibility, a victim who
 *   succumbed) is an incident report: it updates the incident;
 * - a non-event cue in the headline wins unless the headline itself says something violent
 *   happened ("Blast hits funeral, kills five");
 * - a non-event cue in the lede wins unless the headline names violence;
 * - otherwise any violence cue makes it an incident; a text with none describes no event.
 * Arrests count as non-events (decided for issue 18): an arrest changes no field of an incident;
 * an arrest made in a gunfight is reported as the gunfight, which this rule keeps.
 */
import { foreground } from '@/lib/intake/clauses';
import { sentenceBounds } from '@/lib/intake/sentence-bounds';
import { NUMBER_SOURCE } from '@/lib/intake/numbers';
import { ROLE_SOURCE } from '@/lib/intake/roles';
import type { Span } from '@/lib/intake/types';

export interface IncidentDecision {
  isIncident: boolean;
  spans: Span[];
}

const rx = (source: string) => new RegExp(source, 'gi');
const FOLLOW_UP = rx(
  '\\b(?:(?:death|casualty)\\s+toll|number\\s+of\\s+(?:the\\s+)?(?:dead|deaths))\\b[^.\\n]{0,40}?\\b(?:rises|rose|climbs|climbed|jumps|jumped|reaches|reached|mounts|(?:has\\s+|have\\s+)?risen)|' +
    '\\bclaim(?:s|ed|ing)?\\s+(?:the\\s+)?responsibility|\\bsuccumbed\\s+to\\s+(?:his|her|their)\\s+(?:injuries|wounds)',
);
const NON_EVENT = rx(
  '\\bfuneral(?:\\s+prayers?)?|\\bnamaz-e-janaza|\\blaid\\s+to\\s+rest|\\bbur(?:y|ies|ied)\\b|\\bmourners\\b|\\b(?:anti-terrorism|high|supreme|' +
    'district|sessions|military|accountability)\\s+court|\\bATC\\b|\\bcourt\\s+(?:adjourned|sentenced|acquitted|indicted|' +
    'granted|rejected|summoned|ordered|reserved)|\\bhearing\\b|\\bbail\\b|\\bverdict\\b|\\bsentenced\\b|\\bacquitted\\b|' +
    '\\bindicted\\b|\\btrial\\b|\\bmeeting\\b|\\bchaired\\b|\\bapex\\s+committee|\\bpress\\s+conference|\\bpresser\\b|' +
    '\\bcondemn(?:ed|s|ing)?\\b|\\bcondemnation|\\bannounce[ds]?\\b|\\bannouncement|\\banniversary|\\bcommemorat\\w*|' +
    '\\bpaid\\s+(?:rich\\s+)?(?:tribute|homage)|\\btributes?\\s+(?:to|paid)|\\bcalled\\s+on\\b|\\btalks\\b|\\bdialogue\\b|' +
    '\\bsummit\\b|\\bcompensation\\b|\\bcheques?\\b|\\binquiry\\b|\\bseminar\\b|\\bbriefing\\b|\\bsit-in\\b|\\bprotest(?:s|ed|ers)?\\b|' +
    '\\bremand\\b|\\bsuspects?\\b|\\bconvict(?:s|ed)?\\b|\\bcase\\b|\\bYoum-e-Shuhada|\\bmartyrs.?\\s+day|\\barrest(?:s|ed)?\\b|\\bapprehended\\b|\\bvisited\\b|\\bvows?\\b|\\bvowed\\b|' +
    // Gatherings and protests: marches, strikes, demonstrations.
    '\\b(?:peace|long)\\s+march|\\bmarch(?:ed|es)?\\s+(?:for|against)\\b|\\btook\\s+part\\s+in\\b|\\bshutter-down|\\bwheel-jam|' +
    '\\bdemonstrat(?:ion|ions|ors|ed)\\b|\\bremember(?:s|ed)?\\b|\\bobserv(?:e|es|ed)\\b|\\bmark(?:s|ed)?\\s+(?:the\\s+)?\\w+\\s+anniversary|' +
    // Time since an old event: "One year since…", "Two years on".
    '\\b(?:a|one|two|three|four|five|six|seven|eight|nine|ten|\\d+)\\s+years?\\s+(?:since|on\\b|has\\s+passed|have\\s+passed)|' +
    // Conferences, agreements and official decisions.
    '\\bconference\\b|\\bchairmanship\\b|\\bpresided\\b|\\b(?:was|were)\\s+held\\b(?!\\s+(?:hostage|captive))|' +
    '\\bsign(?:s|ed)\\b|\\bpact\\b|\\bagreement\\b|\\baccord\\b|\\bpostpone[ds]?\\b|\\bcampaign\\b|' +
    // Statistics: casualties that rose or fell over a period, a report's counts.
    '\\b(?:fell|fall|rose|declined|dropped|decreased|increased|surged)\\b[^.\\n]{0,30}?\\b(?:last|this|past|previous)\\s+(?:year|month|quarter)|' +
    '\\bin\\s+(?:a|its|an\\s+annual|a\\s+quarterly)\\s+report\\b|\\b(?:incidents|attacks)\\s+(?:took\\s+place|were\\s+(?:recorded|reported))|' +
    '\\b(?:was|were)\\s+told\\b|\\b(?:highest|lowest)\\s+(?:level|number|toll)|\\bdecade\\s+high|\\brecord\\s+(?:high|low)|' +
    // Decisions, purchases and visits after attacks.
    '\\bapprov(?:ed|es)\\b|\\bpurchase\\b|\\bprocure(?:ment|d)?\\b|\\ballocat(?:ed|es)\\b|\\bmeets?\\b|\\bmet\\s+(?:with\\s+)?the\\b|' +
    '\\bfamil(?:y|ies)\\s+of\\s+(?:the\\s+)?(?:martyrs|shuhada|victims|slain|martyred)|\\b(?:standing|senate|parliamentary|cabinet|assembly)\\s+committee\\b|' +
    // Hostages freed: the end of an abduction, not a new act ("Kidnapped engineers recovered",
    // "police recovered two engineers abducted last month"); bodies found are an event, so not those.
    '(?<!\\bbod(?:y|ies)\\s+of\\s+(?:[\\w-]+\\s+){0,2})\\b(?:abducted|kidnapped)\\s+(?:[\\w-]+\\s+){0,3}(?:recovered|freed|released|set\\s+free)\\b|' +
    '\\b(?:recovered|freed|released|set\\s+free|secured\\s+the\\s+release\\s+of)\\s+(?:[\\w-]+\\s+){0,4}(?:abducted|kidnapped|hostages?)\\b|' +
    // Life returning after an old event: "internet restored three weeks after it was suspended".
    '\\brestor(?:ed|es)\\b|\\breopen(?:ed|s)\\b|\\bresum(?:ed|es)\\b|\\b(?:days|weeks|months)\\s+after\\b',
);
/** A headline verb that reports a new violent act, even beside a non-event cue. */
const ACTIVE = rx(
  // A verb that needs its object ("kills five", "martyring two soldiers"): "APS martyrs" and "the
  // miners' killing" are nouns of memorial stories.
  `\\b(?:kills?|killing|injures?|injuring|wounds|wounding|martyrs|martyring)\\s+(?:at\\s+least\\s+|up\\s+to\\s+)?(?:${NUMBER_SOURCE}|${ROLE_SOURCE})\\b|` +
    '\\b(?:hits|rocks|strikes|targets|' +
    'attacked|storm(?:s|ed)|explodes|exploded|goes\\s+off|went\\s+off|opens?\\s+fire|opened\\s+fire|ambush(?:es|ed)|abducts|' +
    'kidnaps|blows?\\s+(?:himself|herself)\\s+up|blew\\s+(?:himself|herself)\\s+up)\\b|' +
    `\\b${NUMBER_SOURCE}\\s+(?:people\\s+|persons\\s+)?(?:killed|dead|injured|hurt|martyred|wounded)\\b(?!\\s+${ROLE_SOURCE})`,
);
/** A headline that reports casualties: "Three soldiers martyred in Bannu", "Policeman shot dead". */
const TITLE_CASUALTIES = rx(
  `\\b(?:${NUMBER_SOURCE}|${ROLE_SOURCE})\\s+(?:[\\w-]+\\s+)?(?:martyred|killed|injured|wounded|dead|hurt|shot\\s+dead|` +
    `gunned\\s+down|abducted|kidnapped)\\b(?!\\s+${ROLE_SOURCE})`,
);
/** Any sign of violence: used when nothing says the story is about something else. */
const VIOLENCE = rx(
  '\\b(?:dead|died|kill(?:s|ed|ing)?|martyr(?:ed|ing)|injur(?:es|ed|ing)|wound(?:s|ed|ing)|shot\\s+dead|gunned\\s+down|' +
    'abduct(?:s|ed|ion)?|kidnap(?:s|ped|ping)?|blasts?|explosions?|explod(?:es|ed)|attack(?:s|ed)?|ambush(?:es|ed)?|' +
    'clash(?:es|ed)?|exchang(?:e|es|ed|ing)\\s+(?:of\\s+)?(?:heavy\\s+|intense\\s+)?(?:fire|gunfire)|opened\\s+fire|firing|drone\\s+strikes?|air\\s*strikes?|IEDs?|grenades?|' +
    'shelling|mortars?|rockets?|sent\\s+to\\s+hell|embraced\\s+(?:shahadat|martyrdom)|operations?|suicide|detonat(?:ed|es|ion)|' +
    'storm(?:s|ed)?|bomb(?:s|ed|ing|ings)?|gun\\s*-?(?:fights?|battles?)|shoot-?outs?|raid(?:s|ed)?|hurled|lobbed|quadcopters?|drones?)\\b',
);
/** Violence cues that refer back to an old event, not a new one. */
const BACK_REFERENCE =
  /(?:accused\s+of|involved\s+in|charged\s+with|convicted\s+(?:of|for)|in\s+connection\s+with|for|of\s+the|since(?:\s+[\w-]+){0,2}|(?:spate|wave|series|string|rash|surge|rise|increase)\s+(?:of|in)(?:\s+[\w-]+)?|(?:who|which|that)(?:\s+(?:were|was|had\s+been|had))?|(?:protest(?:s|ed|ing)?|condemn(?:s|ed|ing)?|mourns?|against)(?:\s+(?:the|a|an))?|(?:victims|martyrs|survivors|families|wounded|injured)\s+of(?:\s+[\w’'-]+){0,2})\s*$/i;

/** A count over a period after the violence word: "martyred in attacks this year". */
const PERIOD_AFTER = /^[^.;]{0,25}?\b(?:this|last|past)\s+(?:year|month)|^[^.;]{0,25}?\bso\s+far\b|^[^.;]{0,25}?\bin\s+(?:19|20)\d\d\b/i;

function cues(re: RegExp, text: string, from: number, to: number, fresh = false): Span[] {
  const out: Span[] = [];
  re.lastIndex = 0;
  const part = text.slice(from, to);
  for (let m = re.exec(part); m; m = re.exec(part)) {
    const before = part.slice(Math.max(0, m.index - 30), m.index);
    if (fresh && BACK_REFERENCE.test(before)) continue;
    // "900 attacks were recorded", "650 civilians killed", "martyred in attacks this year": statistics, not an event.
    if (fresh && /s$/i.test(m[0]) && /\d[\d,]*\s+(?:[\w-]+\s+)?$/.test(before)) continue;
    if (fresh && /\b\d{1,3},?\d{3}\s+(?:[\w-]+\s+)?$|\b[1-9]\d{2}\s+(?:[\w-]+\s+)?$/.test(before)) continue;
    if (fresh && PERIOD_AFTER.test(part.slice(m.index + m[0].length, m.index + m[0].length + 40))) continue;
    out.push({ field: 'notIncident', start: from + m.index, end: from + m.index + m[0].length, text: m[0] });
  }
  return out;
}

export function isIncidentReport(text: string): IncidentDecision {
  const bounds = sentenceBounds(text);
  const titleEnd = text.includes('\n') ? text.indexOf('\n') : (bounds[0]?.end ?? text.length);
  const body = bounds.filter((b) => b.start > titleEnd);
  const headEnd = body.slice(0, 2).at(-1)?.end ?? text.length;
  const ledeEnd = body[0]?.end ?? text.length;
  const followUp = cues(FOLLOW_UP, text, 0, headEnd);
  if (followUp.length) return { isIncident: true, spans: followUp };
  const titleNon = cues(NON_EVENT, text, 0, titleEnd);
  const titleActive = cues(ACTIVE, text, 0, titleEnd, true);
  if (titleNon.length) return titleActive.length ? { isIncident: true, spans: titleActive } : { isIncident: false, spans: titleNon };
  const ledeNon = cues(NON_EVENT, text, titleEnd, ledeEnd);
  const titleViolent = [...titleActive, ...cues(TITLE_CASUALTIES, text, 0, titleEnd, true), ...cues(VIOLENCE, text, 0, titleEnd, true)];
  if (ledeNon.length) return titleViolent.length ? { isIncident: true, spans: titleViolent } : { isIncident: false, spans: ledeNon };
  // The press tells its event in the headline and the lede: violence only further down is background.
  const violence = foreground(text)
    .filter((b) => b.start < headEnd)
    .flatMap((b) => cues(VIOLENCE, text, b.start, b.end, true));
  return violence.length ? { isIncident: true, spans: violence.slice(0, 3) } : { isIncident: false, spans: [] };
}
