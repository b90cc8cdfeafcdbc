/**
 * Stories that come after the first report of a synthetic event: a rising toll, a claim of
 * responsibility, a denial (follow-ups, which update the incident) and the non-events the press
 * also prints about it (a funeral, a court hearing, a meeting), which triage sets apart.
 */
import { aftermath } from './filler';
import { capitalise, casualtyList, count, tollTotal } from './words';
import type { StoryContext, StoryText } from './story-types';

const what = (c: StoryContext) =>
  ({
    ied: 'roadside bombing',
    suicide: 'suicide bombing',
    checkpost: 'attack on a check post',
    targeted: 'targeted killing',
    kidnap: 'kidnapping',
    airstrike: 'airstrikes',
    operation: 'operation',
    grenade: 'grenade attack',
    'border-fire': 'border attack',
  })[c.event.kind];

export function tollRises(c: StoryContext, added: number): StoryText {
  const p = c.event.place;
  const n = tollTotal(c.event.killed);
  return {
    title: `Death toll from ${p.short} ${what(c)} rises to ${count(n, true)}`,
    paragraphs: [
      `${p.dateline}: The death toll from the ${what(c)} in ${p.where} rose to ${count(n, c.numerals)} after ${count(added)} of the injured succumbed to their injuries in hospital, officials said.`,
      `${c.rng.pick([
        `The dead include ${casualtyList(c.event.killed, c.event.nouns, c.numerals)}, according to a list shared by the district administration.`,
        `According to hospital officials, the dead are ${casualtyList(c.event.killed, c.event.nouns, c.numerals)}.`,
        `Officials said ${casualtyList(c.event.killed, c.event.nouns, c.numerals)} were among those who lost their lives.`,
      ])} ${aftermath(c.rng, c.event.kind, 3).join(' ')}`,
    ],
  };
}

export function claimStory(c: StoryContext): StoryText {
  const p = c.event.place;
  const g = c.event.group!;
  const n = tollTotal(c.event.killed);
  return {
    title: `${capitalise(g.short)} claims responsibility for ${p.short} ${what(c)}`,
    paragraphs: [
      `${p.dateline}: ${capitalise(g.name)} claimed responsibility for the ${what(c)} in ${p.where} ${c.day}${n ? `, in which ${casualtyList(c.event.killed, c.event.nouns, c.numerals)} ${n > 1 ? 'were' : 'was'} killed` : ''}.`,
      c.rng.pick([
        'In a statement circulated on social media, the group said its fighters had carried out the attack. Officials did not comment on the claim.',
        'The claim was made in a message sent to journalists by a spokesman of the group, who warned of more such attacks.',
        "The group's media wing released the claim hours after the attack; its authenticity could not be independently verified.",
      ]),
    ],
  };
}

export function denialStory(c: StoryContext): StoryText {
  const p = c.event.place;
  const g = c.event.group!;
  return {
    title: `${capitalise(g.short)} denies involvement in ${p.short} ${what(c)}`,
    paragraphs: [
      `${p.dateline}: ${capitalise(g.name)} denied involvement in the ${what(c)} in ${p.where} ${c.day}, hours after officials blamed the group for the attack.`,
      c.rng.pick([
        'A spokesman said the group did not target civilians. Security officials said they stood by their assessment.',
        'In a brief message to journalists, the spokesman called the accusation propaganda. Officials maintained their position.',
        'The group said it had no link with the attackers and urged a transparent investigation.',
      ]),
    ],
  };
}

export const NON_EVENT_KINDS = ['funeral', 'court', 'meeting'] as const;
export type NonEventKind = (typeof NON_EVENT_KINDS)[number];

export function nonEventStory(c: StoryContext, kind: NonEventKind): StoryText {
  const p = c.event.place;
  switch (kind) {
    case 'funeral': {
      const who = c.event.killed.security > 0 ? c.event.nouns.security[1] : 'victims';
      return {
        title: `Funeral prayers offered for ${who} of ${p.short} ${what(c)}`,
        paragraphs: [
          `${p.dateline}: The funeral prayers of the ${who} who lost their lives in ${p.where} were offered ${c.day} with full honours.`,
          c.rng.pick([
            'Senior civil and military officials, relatives and a large number of residents attended. The bodies were later sent to their native towns for burial.',
            'The corps commander and the inspector general of police laid wreaths on the coffins, which were draped in the national flag.',
            'A contingent presented a guard of honour. Relatives said the men had served for several years in the area.',
          ]),
        ],
      };
    }
    case 'court':
      return {
        // "killing case" would read as a new killing in a headline: courts try a "murder case".
        title: `ATC adjourns hearing in ${p.short} ${c.event.kind === 'targeted' ? 'murder' : what(c)} case`,
        paragraphs: [
          c.rng.pick([
            `${p.dateline}: An anti-terrorism court ${c.day} adjourned the hearing of a case concerning the ${what(c)} in ${p.where} after the prosecution sought more time.`,
            `${p.dateline}: The hearing of the case of the ${what(c)} in ${p.where} was put off ${c.day} by an anti-terrorism court as the investigation report was incomplete.`,
          ]),
          c.rng.pick([
            'Defence counsel told the court that the investigation report had not been shared with them. The judge directed the police to submit the challan at the next hearing.',
            'The accused were produced before the judge amid tight security. The court summoned the investigation officer and witnesses for the next date.',
            'The prosecutor said more witnesses would be produced. The court extended the judicial remand of the accused.',
          ]),
        ],
      };
    case 'meeting':
      return {
        title: `Apex committee reviews security situation in ${p.short}`,
        paragraphs: [
          c.rng.pick([
            `${p.dateline}: The provincial apex committee met ${c.day} to review the security situation in ${p.where} following recent incidents.`,
            `${p.dateline}: Civil and military leaders meeting ${c.day} discussed the law and order situation in ${p.where} and the wider region.`,
          ]),
          c.rng.pick([
            'The meeting, chaired by the chief minister, approved additional funds for the police and directed officials to improve coordination between security agencies.',
            'Participants were briefed on the law and order situation and decided to raise additional platoons for the counter-terrorism department.',
            'The corps commander and the chief secretary attended. The committee decided to strengthen intelligence sharing and border management.',
          ]),
        ],
      };
  }
}
