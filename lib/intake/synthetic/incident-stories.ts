/**
 * First reports of a synthetic event, one writer per kind, in the house styles of a Pakistani
 * daily (dateline, "martyred", officials said), a wire service (context for foreign readers) and
 * an ISPR press release ("khwarij", "own troops"). Wording varies per call; the facts come from
 * the event, so two outlets' stories of one event agree on place, day, group and toll.
 */
import { aftermath, ISPR_CLOSING, pickSome } from './filler';
import { capitalise, casualtyList, count, tollTotal } from './words';
import type { EventKind, StoryContext, StoryText } from './story-types';

const said = (c: StoryContext) => c.rng.pick(['officials said', 'police said', 'security officials said', 'sources said']);

/** "Three soldiers and a civilian were martyred and five others injured" or "" when nobody died. */
function tollClause(c: StoryContext, injuredToo = true): string {
  const { killed, injured } = c.event;
  const dead = casualtyList(killed, c.event.nouns, c.numerals);
  const verb = killed.security > 0 && killed.militants === 0 ? 'martyred' : 'killed';
  const plural = tollTotal(killed) > 1 ? 'were' : 'was';
  const hurt = injuredToo && injured > 0 ? ` and ${count(injured, c.numerals)} others injured` : '';
  return dead ? `${capitalise(dead)} ${plural} ${verb}${hurt}` : '';
}

/** The group's part: a claim, an attribution by officials, or nothing. */
function groupSentence(c: StoryContext): string | null {
  const g = c.event.group;
  if (!g) return c.rng.chance(0.5) ? 'No group has claimed responsibility for the attack so far.' : null;
  if (c.event.claimed) return `${capitalise(g.name)} claimed responsibility for the attack in a statement to the media.`;
  return `Officials blamed ${g.name} for the attack, though no group has claimed it.`;
}

function dateline(c: StoryContext): string {
  return c.outlet.style === 'wire' ? `${c.event.place.dateline} (Synthetic VOA) —` : `${c.event.place.dateline}:`;
}

type Writer = (c: StoryContext) => StoryText;

/** A few sentences of aftermath and background, different for each story (filler.ts). */
const after = (c: StoryContext, n: number, hospital = false) => aftermath(c.rng, c.event.kind, n, { hospital }).join(' ');

const ied: Writer = (c) => {
  const p = c.event.place;
  const device = c.rng.pick(['an improvised explosive device (IED)', 'a roadside bomb', 'a remote-controlled bomb']);
  const target = c.rng.pick(['a security forces vehicle', 'a police mobile', 'a convoy of security forces']);
  const n = tollTotal(c.event.killed);
  return {
    title:
      c.outlet.style === 'wire'
        ? `Roadside bomb kills ${count(n)} in Pakistan's ${p.short}`
        : c.second
          ? `IED blast kills ${count(n, c.numerals)} in ${p.short}`
          : `${capitalise(casualtyList(c.event.killed, c.event.nouns, c.numerals))} martyred in IED blast in ${p.short}`,
    paragraphs: [
      c.rng.pick([
        `${dateline(c)} ${tollClause(c)} when ${device} targeted ${target} in ${p.where} ${c.day}, ${said(c)}.`,
        `${dateline(c)} ${capitalise(device)} exploded near ${target} in ${p.where} ${c.day}. ${tollClause(c)}, ${said(c)}.`,
      ]),
      after(c, 4, c.event.injured > 0),
      ...[groupSentence(c)].filter((s): s is string => s !== null),
    ],
  };
};

const suicide: Writer = (c) => {
  const p = c.event.place;
  const n = tollTotal(c.event.killed);
  return {
    title: c.second
      ? `${capitalise(count(n, c.numerals))} killed as suicide bomber targets convoy in ${p.short}`
      : c.rng.pick([
          `Suicide bomber kills ${count(n, c.numerals)} in attack on convoy in ${p.short}`,
          `${p.short} suicide attack on security convoy kills ${count(n, c.numerals)}`,
        ]),
    paragraphs: [
      c.rng.pick([
        `${dateline(c)} A suicide bomber rammed an explosives-laden vehicle into a security convoy in ${p.where} ${c.day}. ${tollClause(c)}, ${said(c)}.`,
        `${dateline(c)} ${tollClause(c)} when a suicide bomber on a motorcycle blew himself up next to a convoy of security forces in ${p.where} ${c.day}, ${said(c)}.`,
        `${dateline(c)} A suicide attacker targeted a security forces convoy passing through ${p.where} ${c.day}. ${tollClause(c)}, ${said(c)}.`,
      ]),
      after(c, 4, true),
      ...[groupSentence(c)].filter((s): s is string => s !== null),
    ],
  };
};

const checkpost: Writer = (c) => {
  const p = c.event.place;
  const attackers = c.event.group?.fighters ?? 'terrorists';
  const lost = casualtyList({ ...c.event.killed, militants: 0 }, c.event.nouns, c.numerals);
  const hit = c.event.killed.militants;
  return {
    title: c.second
      ? `${capitalise(attackers)} storm check post in ${p.short}`
      : `${lost ? `${capitalise(lost)} martyred as ${attackers}` : capitalise(attackers)} attack check post in ${p.short}`,
    paragraphs: [
      c.rng.pick([
        `${dateline(c)} Heavily armed ${attackers} attacked a check post in ${p.where} ${c.day}, triggering an exchange of fire that lasted over an hour.`,
        `${dateline(c)} A police check post in ${p.where} came under attack ${c.day} when ${attackers} opened fire from several directions.`,
        `${dateline(c)} ${capitalise(attackers)} armed with automatic weapons attacked a check post in ${p.where} ${c.day}, sparking an exchange of fire, officials said.`,
      ]),
      `${lost ? `${capitalise(lost)} ${c.event.killed.security + c.event.killed.civilians > 1 ? 'were' : 'was'} martyred` : 'No personnel were hurt'}${hit ? `, while ${count(hit, c.numerals)} ${c.event.nouns.militants[hit === 1 ? 0 : 1]} ${hit === 1 ? 'was' : 'were'} killed in retaliatory fire` : ''}, ${said(c)}.`,
      after(c, 3),
      ...[groupSentence(c)].filter((s): s is string => s !== null),
    ],
  };
};

const targeted: Writer = (c) => {
  const p = c.event.place;
  const victims = casualtyList(c.event.killed, c.event.nouns, c.numerals);
  return {
    title: c.second ? `${capitalise(victims)} shot dead in ${p.short}` : `Gunmen shoot dead ${victims} in ${p.short}`,
    paragraphs: [
      c.rng.pick([
        `${dateline(c)} Unidentified gunmen riding a motorcycle shot dead ${victims} in ${p.where} ${c.day} and fled, ${said(c)}.`,
        `${dateline(c)} ${capitalise(victims)} ${c.event.killed.civilians > 1 ? 'were' : 'was'} shot dead by unidentified gunmen in ${p.where} ${c.day}, ${said(c)}.`,
        `${dateline(c)} Armed men opened fire on a vehicle in ${p.where} ${c.day}, killing ${victims}, ${said(c)}.`,
      ]),
      `The bodies were taken to hospital for post-mortem. ${after(c, 3)}`,
      ...[groupSentence(c)].filter((s): s is string => s !== null),
    ],
  };
};

const kidnap: Writer = (c) => {
  const p = c.event.place;
  const who = `${count(c.event.abducted, c.numerals)} ${c.event.nouns.civilians[1]}`;
  return {
    title: c.second ? `Gunmen abduct ${who} in ${p.short}` : `${capitalise(who)} kidnapped in ${p.short}`,
    paragraphs: [
      c.rng.pick([
        `${dateline(c)} Armed men abducted ${who} working on a road project in ${p.where} ${c.day}, ${said(c)}.`,
        `${dateline(c)} ${capitalise(who)} were kidnapped at gunpoint from a construction site in ${p.where} ${c.day}, ${said(c)}.`,
      ]),
      `The gunmen stopped the workers' vehicle and took them to an unknown location. ${after(c, 3)}`,
      ...[groupSentence(c)].filter((s): s is string => s !== null),
    ],
  };
};

const airstrike: Writer = (c) => {
  const p = c.event.place;
  const n = tollTotal(c.event.killed);
  return {
    title: c.second
      ? `Kabul accuses Pakistan of airstrikes in ${p.short}, says ${count(n, c.numerals)} killed`
      : `Taliban say Pakistani airstrikes kill ${count(n, c.numerals)} in ${p.short}`,
    paragraphs: [
      `${dateline(c)} Taliban authorities said Pakistani airstrikes ${c.day} killed ${casualtyList(c.event.killed, c.event.nouns, c.numerals)} in ${p.where}, across the border from South Waziristan.`,
      after(c, 3),
    ],
  };
};

const operation: Writer = (c) => {
  const p = c.event.place;
  const g = c.event.group;
  const fighters = g?.fighters === 'khawarij' ? 'khwarij' : 'terrorists';
  const lost = c.event.killed.security;
  return {
    title: `Security forces kill ${count(c.event.killed.militants, true)} ${fighters} in ${p.short} operation: ISPR`,
    paragraphs: [
      c.rng.pick([
        `RAWALPINDI: Security forces conducted an intelligence-based operation in ${p.where} ${c.day} on the reported presence of ${fighters}${g ? ` belonging to ${g.name}` : ''}, the ISPR said.`,
        `RAWALPINDI: Acting on intelligence about ${fighters}${g ? ` of ${g.name}` : ''} hiding in ${p.where}, troops raided their compound ${c.day}, the military's media wing said.`,
      ]),
      `During the operation, own troops effectively engaged the ${fighters}' location and after an intense exchange of fire, ${count(c.event.killed.militants, c.numerals)} ${fighters} were killed.${lost ? ` ${capitalise(casualtyList({ security: lost, civilians: 0, militants: 0 }, c.event.nouns, c.numerals))} embraced martyrdom.` : ''}`,
      pickSome(c, ISPR_CLOSING(fighters), 3),
    ],
  };
};

const grenade: Writer = (c) => {
  const p = c.event.place;
  const target = c.rng.pick(['a police station', 'a shop', 'the house of a local official']);
  const dead = tollClause(c, false);
  return {
    title: c.second
      ? `Grenade attack on ${target.replace(/^an? |^the /, '')} in ${p.short} injures ${count(c.event.injured, c.numerals)}`
      : `${capitalise(count(c.event.injured, c.numerals))} injured in grenade attack in ${p.short}`,
    paragraphs: [
      c.rng.pick([
        `${dateline(c)} Unidentified men hurled a hand grenade at ${target} in ${p.where} ${c.day}, injuring ${count(c.event.injured, c.numerals)} people, ${said(c)}.`,
        `${dateline(c)} ${capitalise(count(c.event.injured, c.numerals))} people were injured when a grenade was thrown at ${target} in ${p.where} ${c.day}, ${said(c)}.`,
      ]),
      `${dead ? `${dead} in the blast.` : 'All the injured were said to be out of danger.'} ${after(c, 1)}`,
      ...[groupSentence(c)].filter((s): s is string => s !== null),
    ],
  };
};

const borderFire: Writer = (c) => {
  const p = c.event.place;
  const guards = c.event.killed.security;
  return {
    title: c.second
      ? `Tajikistan says ${guards === 1 ? 'border guard' : `${count(guards, c.numerals)} border guards`} killed in attack from Afghan territory`
      : `${guards === 1 ? 'Tajik border guard' : `${capitalise(count(guards, c.numerals))} Tajik border guards`} killed in attack from Afghanistan`,
    paragraphs: [
      c.rng.pick([
        `${dateline(c)} Gunmen firing from Afghan territory attacked a border outpost in ${p.where} ${c.day}, killing ${guards === 1 ? 'a Tajik border guard' : `${count(guards, c.numerals)} Tajik border guards`} in an exchange of fire, the State Committee for National Security said.`,
        `${dateline(c)} ${guards === 1 ? 'A Tajik border guard was' : `${capitalise(count(guards, c.numerals))} Tajik border guards were`} killed ${c.day} in an exchange of fire with armed men who crossed from Afghanistan and attacked a post in ${p.where}, officials said.`,
      ]),
      after(c, 3),
    ],
  };
};

export const INCIDENT_WRITERS: Record<EventKind, Writer> = {
  ied,
  suicide,
  checkpost,
  targeted,
  kidnap,
  airstrike,
  operation,
  grenade,
  'border-fire': borderFire,
};
