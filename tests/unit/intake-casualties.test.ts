import { describe, expect, it } from 'vitest';
import { parseCasualties } from '@/lib/intake/casualties';
import { numberValue } from '@/lib/intake/numbers';

const split = (security: number, civilians: number, militants: number) => ({ security, civilians, militants });
const text = (title: string, body: string) => `${title}\n${body}`;

describe('numberValue', () => {
  it('reads numerals, number words up to ninety-nine and dozens', () => {
    expect(['7', 'three', 'Twenty-one', 'ninety nine', 'a dozen', 'half a dozen', 'two dozen', 'an'].map(numberValue)).toEqual([
      7, 3, 21, 99, 12, 6, 24, 1,
    ]);
    expect(numberValue('dozens')).toBeNull();
  });
});

describe('parseCasualties', () => {
  it.each<[string, string, Record<string, unknown>]>([
    [
      'splits "two policemen and a civilian" into 3 = 2 security + 1 civilian',
      'Two policemen and a civilian were martyred when gunmen opened fire in Bannu.',
      { killed: 3, injured: null, killedBy: split(2, 1, 0) },
    ],
    [
      'reads the ISPR wording: embraced shahadat, khwarij sent to hell',
      text(
        'Six khwarij killed, two soldiers martyred in North Waziristan IBO',
        'Security forces conducted an intelligence based operation. During the conduct of the operation, own troops effectively engaged the khwarij location and resultantly, six khwarij were sent to hell. However, during intense exchange of fire, two soldiers embraced shahadat.',
      ),
      { killed: 8, killedBy: split(2, 0, 6) },
    ],
    [
      'does not add up the figures a story repeats in the headline and the lede',
      text(
        'Three FC soldiers martyred in Kech ambush',
        'Three Frontier Corps soldiers were martyred and four others were injured in an ambush in Kech district on Tuesday, officials said. The three soldiers were on patrol.',
      ),
      { killed: 3, injured: 4, killedBy: split(3, 0, 0) },
    ],
    [
      'adds figures given in separate sentences about different victims',
      'Two soldiers were martyred in the attack. A civilian passer-by was also killed, police said.',
      { killed: 3, killedBy: split(2, 1, 0) },
    ],
    [
      'reads "including five soldiers" as part of the total, not on top of it',
      'The blast killed 12 people, including five soldiers and seven passers-by, and injured 20 others.',
      { killed: 12, injured: 20, killedBy: split(5, 7, 0) },
    ],
    [
      'leaves the split null when "people" leaves some deaths without a role',
      'The blast killed 12 people, including five soldiers, and injured 20 others.',
      { killed: 12, injured: 20, killedBy: null, killedRoles: { security: 5, civilians: 0, militants: 0 } },
    ],
    [
      'leaves vague amounts null rather than guessing',
      'Dozens of people were injured and scores were killed in the blast.',
      { killed: null, injured: null, killedBy: null },
    ],
    [
      'reads active verbs before the count and coordinated counts after them',
      'Terrorists attacked a check post in Lakki Marwat, martyring a police constable and two Levies personnel and injuring three villagers.',
      { killed: 3, injured: 3, killedBy: split(3, 0, 0), injuredBy: split(0, 3, 0) },
    ],
    [
      'ignores counts without a casualty verb, dates, ages and distances',
      'Two attackers on a motorcycle opened fire on December 3 about 15 km from Turbat. A 35-year-old shopkeeper was shot dead.',
      { killed: 1, killedBy: split(0, 1, 0) },
    ],
    [
      'keeps the split without roles null',
      'Four killed, 11 injured in Quetta blast',
      { killed: 4, injured: 11, killedBy: null, injuredBy: null },
    ],
    [
      'leaves out the figures of background events past the lede',
      text(
        'Two soldiers martyred in Tank',
        'Two soldiers were martyred when terrorists attacked a check post in Tank on Tuesday. Last week, five soldiers were martyred in a similar attack in Dera Ismail Khan.',
      ),
      { killed: 2, killedBy: split(2, 0, 0) },
    ],
  ])('%s', (_name, report, expected) => {
    expect(parseCasualties(report)).toMatchObject(expected);
  });

  it('takes the latest toll', () => {
    const c = parseCasualties(
      'Five passengers were killed when the bus came under fire. Later in the day the death toll rose to seven as two of the injured succumbed.',
    );
    expect(c.killed).toBe(7);
    expect(c.killedBy).toEqual(split(0, 7, 0));
  });

  it('counts the attacker only where the text says he was killed, never a suicide bomber alone (docs/intake.md)', () => {
    const bomber = parseCasualties('A suicide bomber blew himself up near a police van, killing three policemen.');
    expect(bomber).toMatchObject({ killed: 3, killedBy: split(3, 0, 0) });
    const died = parseCasualties(
      'Gunmen attacked a police van, killing three policemen. The attacker was also killed in the exchange of fire.',
    );
    expect(died).toMatchObject({ killed: 4, killedBy: split(3, 0, 1) });
    const unknown = parseCasualties('A suicide bomber rammed his car into the convoy, killing three soldiers.');
    expect(unknown).toMatchObject({ killed: 3, killedBy: split(3, 0, 0) });
  });

  it('never lets the split exceed the total', () => {
    const c = parseCasualties(
      'Seven people were killed. Among the dead were four soldiers and three children who were killed in the crossfire.',
    );
    expect(c.killed).not.toBeNull();
    const by = c.killedBy ?? split(0, 0, 0);
    expect((by.security ?? 0) + (by.civilians ?? 0) + (by.militants ?? 0)).toBeLessThanOrEqual(c.killed ?? 0);
  });

  it('returns spans that point at the counts in the text', () => {
    const t = 'Two policemen were martyred and three passersby wounded.';
    const c = parseCasualties(t);
    expect(c.spans.length).toBeGreaterThan(0);
    for (const s of c.spans) expect(t.slice(s.start, s.end)).toBe(s.text);
    expect(c.spans.map((s) => s.field)).toContain('killed');
  });

  it('reads "lost their lives" and "succumbed" as killed, "hurt" as injured', () => {
    expect(parseCasualties('Three labourers lost their lives and two were hurt in the IED explosion.')).toMatchObject({
      killed: 3,
      injured: 2,
      killedBy: split(0, 3, 0),
    });
  });

  it('counts the fallen ISPR names by rank, and "along with"', () => {
    const c = parseCasualties(
      'During the exchange of fire, Sepoy Muhammad Ali (age 24 years, resident of District Khanewal) and Naik Abdul Rehman (age 31 years, resident of Kohat) embraced shahadat.',
    );
    expect(c).toMatchObject({ killed: 2, killedBy: split(2, 0, 0) });
    expect(parseCasualties('Lt Col Kashif, who was leading his troops, embraced shahadat along with a sepoy.')).toMatchObject({
      killed: 2,
      killedBy: split(2, 0, 0),
    });
  });

  it('reads "left N dead", "killed all seven" and a rising number of dead', () => {
    expect(parseCasualties('The attack left three people dead and five wounded.')).toMatchObject({ killed: 3, injured: 5 });
    expect(parseCasualties('Gunmen stopped the bus and killed all seven passengers.')).toMatchObject({
      killed: 7,
      killedBy: split(0, 7, 0),
    });
    expect(parseCasualties('The number of dead has risen to 12, hospital officials said.').killed).toBe(12);
  });

  it('reads "another" as one more of the same and splits a toll by its parts', () => {
    expect(parseCasualties('A policeman was martyred and another was injured when gunmen opened fire.')).toMatchObject({
      killed: 1,
      injured: 1,
      injuredBy: split(1, 0, 0),
    });
    const toll = parseCasualties(
      "The death toll from Tuesday's attack on the Bannu cantonment rose to 18, including five soldiers and 13 civilians, officials said.",
    );
    expect(toll).toMatchObject({ killed: 18, killedBy: split(5, 13, 0) });
  });

  it("prefers the officials' figures to a group's claim, and reads 'a woman and her two children'", () => {
    const c = parseCasualties(
      text(
        'TTP claims Kulachi attack',
        'The banned TTP claimed responsibility in a statement, saying its fighters killed 15 policemen. Police put the toll at four policemen killed.',
      ),
    );
    expect(c).toMatchObject({ killed: 4, killedBy: split(4, 0, 0) });
    expect(parseCasualties('The BLA claimed that its fighters killed 12 soldiers.').killed).toBe(12);
    expect(parseCasualties('A woman and her two children were killed when a mortar shell hit their house.')).toMatchObject({
      killed: 3,
      killedBy: split(0, 3, 0),
    });
  });

  it('keeps the container role when a part has none', () => {
    expect(parseCasualties('Five terrorists, including a high-value target, were killed in the operation.')).toMatchObject({
      killed: 5,
      killedBy: split(0, 0, 5),
    });
    expect(parseCasualties('Four soldiers, including a captain, were martyred.')).toMatchObject({ killed: 4, killedBy: split(4, 0, 0) });
  });

  it('reads a toll of zero only where the text says so', () => {
    for (const t of [
      'Militants hurled a grenade at a police post in Hangu. No one was hurt.',
      'Two rockets landed near the FC fort; no casualties were reported.',
      'A bomb went off on the railway track near Sibi. There was no loss of life.',
    ])
      expect(parseCasualties(t), t).toMatchObject({ killed: 0, killedBy: null });
    expect(parseCasualties('A grenade was thrown at a shop in Chaman.').killed).toBeNull();
    expect(parseCasualties('No one was killed in the first blast, but a second blast killed two policemen.').killed).toBe(2);
  });

  it('counts people named one by one and joined by "and" or "along with"', () => {
    expect(parseCasualties('A schoolteacher and his brother were shot dead near their home in Kohat.')).toMatchObject({
      killed: 2,
      killedBy: split(0, 2, 0),
    });
    expect(parseCasualties('An official of the irrigation department and his driver were killed when a bomb hit their car.')).toMatchObject(
      {
        killed: 2,
      },
    );
    expect(parseCasualties('A former MPA was gunned down along with his bodyguard in Dera Murad Jamali.')).toMatchObject({
      killed: 2,
      killedBy: split(0, 2, 0),
    });
    expect(parseCasualties('A Levies naib risaldar and a sepoy were shot dead in Washuk.')).toMatchObject({
      killed: 2,
      killedBy: split(2, 0, 0),
    });
  });

  it('reads a part of a group named before: "one of the attackers", "shot dead five of them"', () => {
    expect(
      parseCasualties('Three soldiers were martyred in the assault on the post. One of the attackers was killed in the return fire.'),
    ).toMatchObject({ killed: 4, killedBy: split(3, 0, 1) });
    expect(parseCasualties('Gunmen stopped a van carrying labourers near Kalat and shot dead five of them.')).toMatchObject({
      killed: 5,
      killedBy: split(0, 5, 0),
    });
    expect(parseCasualties('None of the 400 students in the college was killed, police said.').killed).toBeNull();
  });

  it('splits a total by who the dead were, without adding to it', () => {
    expect(
      parseCasualties('The blast killed eight people. Of the dead, three were policemen and five were passers-by, including a child.'),
    ).toMatchObject({ killed: 8, killedBy: split(3, 5, 0) });
    expect(parseCasualties('The attack killed six people, officials said. All the dead were coal miners from Swat.')).toMatchObject({
      killed: 6,
      killedBy: split(0, 6, 0),
    });
  });

  it('adds "more" and "also" to the figures before them, and after a toll to the toll', () => {
    expect(
      parseCasualties(
        'Four passengers died at the scene. Three more died on the way to hospital, taking the death toll to seven. A police guard was also killed.',
      ),
    ).toMatchObject({ killed: 8, killedBy: split(1, 7, 0) });
  });

  it('lets the body tell who died where the headline compresses', () => {
    expect(
      parseCasualties(
        text(
          'Shopkeeper and guard killed in Turbat',
          'A shopkeeper was shot dead in the main bazaar. A private security guard who chased the attackers was also killed.',
        ),
      ),
    ).toMatchObject({ killed: 2, killedBy: split(0, 2, 0) });
  });

  it('reads "the number of policemen martyred rose to six" as a toll, and the verb of "a policeman escorting a team"', () => {
    expect(
      parseCasualties(
        'The number of policemen martyred in the attack rose to six after two more died. Four policemen were martyred on the spot.',
      ),
    ).toMatchObject({ killed: 6, killedBy: split(6, 0, 0) });
    expect(parseCasualties('A constable escorting a polio vaccination team was martyred in Bajaur.')).toMatchObject({
      killed: 1,
      killedBy: split(1, 0, 0),
    });
  });
  it('keeps the outcomes of two clauses apart: "three martyred and two others injured"', () => {
    expect(
      parseCasualties('Four personnel of the Levies were martyred and three others injured when gunmen attacked their post in Zhob.'),
    ).toMatchObject({ killed: 4, injured: 3, killedBy: split(4, 0, 0) });
    // A noun's "of" phrase without a verb still joins the counts: one outcome for both.
    expect(parseCasualties('Gunmen shot dead a member of the peace committee and his son in Bajaur.')).toMatchObject({ killed: 2 });
  });

  it('counts a commander and "two of his guards", on the side of the commander', () => {
    expect(
      parseCasualties('An airstrike killed a local commander of the Hafiz Gul Bahadur group and three of his guards in Datta Khel.'),
    ).toMatchObject({
      killed: 4,
      killedBy: split(0, 0, 4),
    });
    expect(parseCasualties('A tribal elder and two of his guards were shot dead in Kurram.')).toMatchObject({
      killed: 3,
      killedBy: split(0, 3, 0),
    });
    // "Including a company commander" is one of the soldiers, not one more.
    expect(parseCasualties('Four soldiers, including a company commander, were martyred in Kurram.')).toMatchObject({
      killed: 4,
      killedBy: split(4, 0, 0),
    });
  });
});
