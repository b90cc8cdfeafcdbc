import { describe, expect, it } from 'vitest';
import { attribution, findGroups } from '@/lib/intake/groups';
import { GroupMatcher } from '@/lib/taxonomy/groups';

const ids = (text: string) => findGroups(text).map((g) => g.groupId);

describe('findGroups: the alias matcher', () => {
  it('knows the taxonomy names, abbreviations and spelling variants', () => {
    expect(ids('Tehreek-i-Taliban Pakistan (TTP) militants')).toEqual(['ttp', 'ttp']);
    expect(ids('Tehrik e Taliban Pakistan')).toEqual(['ttp']);
    expect(ids('IS-K, ISKP, ISIS-K, Daesh and the Islamic State')).toEqual(['iskp', 'iskp', 'iskp', 'iskp', 'iskp']);
    expect(ids('the Hafiz Gul Bahadur group and Lashkar-e-Islam')).toEqual(['hafiz-gul-bahadur', 'lashkar-e-islam']);
    expect(ids('Jaish al-Adl, TIP, ETIM and AQIS')).toEqual(['jaish-ul-adl', 'etim', 'etim', 'al-qaida']);
    expect(ids('TJP claimed it')).toEqual(['tjp']);
  });

  it("reads the state's designations: khawarij for the TTP, Fitna al-Hindustan for Baloch separatists", () => {
    expect(ids('ISPR said the khawarij of Fitna al-Khawarij and khwarij')).toEqual(['ttp', 'ttp', 'ttp']);
    expect(ids('terrorists of Fitna al Hindustan')).toEqual(['baloch-separatists']);
  });

  it('gives offsets into the original text, accents folded', () => {
    const text = 'Near Pésháwar, Lashkar-é-Islam fighters';
    const [g] = findGroups(text);
    expect(g).toMatchObject({ groupId: 'lashkar-e-islam', text: 'Lashkar-é-Islam' });
    expect(text.slice(g.start, g.end)).toBe('Lashkar-é-Islam');
  });

  it('keeps acronyms case-sensitive and on word boundaries', () => {
    expect(ids('the ttp said')).toEqual([]);
    expect(ids('BLATANT disregard; STTP')).toEqual([]);
    expect(ids('THIS IS WAR')).toEqual([]);
    expect(ids('claimed by the IS group')).toEqual(['iskp']);
    expect(ids('BLA-Azad claimed')).toEqual(['bla']);
  });

  it('invents no group for unidentified attackers or state forces', () => {
    expect(ids('Unidentified gunmen shot dead two labourers; unknown assailants fled')).toEqual([]);
    expect(ids('The Pakistan Army and the Frontier Corps responded')).toEqual([]);
  });

  it('the taxonomy matcher used by the CSV import knows the added names too', () => {
    const m = new GroupMatcher();
    expect(m.match('Khawarij').group.id).toBe('ttp');
    expect(m.match('Daesh').group.id).toBe('iskp');
    expect(m.match('Fitna al-Hindustan').group.id).toBe('baloch-separatists');
    expect(m.match('BRAS').group.id).toBe('bras');
  });
});

describe('attribution', () => {
  it('a group that claimed responsibility is the perpetrator, claim status claimed', () => {
    const a = attribution(
      'Three soldiers were martyred when terrorists attacked a check post in Lakki Marwat. The banned TTP claimed responsibility for the attack.',
    );
    expect(a).toMatchObject({ groupId: 'ttp', claimStatus: 'claimed', claims: [{ groupId: 'ttp', kind: 'claim' }] });
    expect(a.spans.map((s) => [s.field, s.text])).toEqual([
      ['group', 'TTP'],
      ['claim', 'claimed responsibility'],
    ]);
  });

  it('"claimed by" names the claimant after the verb', () => {
    expect(attribution('The attack was claimed by the BLA in a statement.')).toMatchObject({ groupId: 'bla', claimStatus: 'claimed' });
  });

  it('a denial makes the claim disputed', () => {
    const a = attribution('Police blamed the TTP for the attack. The TTP denied involvement in a statement.');
    expect(a.groupId).toBe('ttp');
    expect(a.claimStatus).toBe('disputed');
    expect(a.claims).toEqual([
      { groupId: 'ttp', kind: 'attribution', by: 'Police' },
      { groupId: 'ttp', kind: 'denial', by: null },
    ]);
  });

  it('two claimants make it disputed; the first claimant leads', () => {
    const a = attribution(
      'The TTP claimed responsibility for the bombing. Later the IS-K also claimed responsibility in a statement by spokesman Abu Saad.',
    );
    expect(a).toMatchObject({ groupId: 'ttp', claimStatus: 'disputed' });
    expect(a.claims).toContainEqual({ groupId: 'iskp', kind: 'claim', by: 'Abu Saad' });
    const both = attribution('Both the TJP and the Lashkar-e-Islam claimed responsibility for the attack.');
    expect(both.claimStatus).toBe('disputed');
  });

  it('an official attribution is recorded but does not make it claimed', () => {
    const a = attribution('Security forces killed 10 khawarij in an intelligence-based operation in North Waziristan, the ISPR said.');
    expect(a).toMatchObject({ groupId: 'ttp', claimStatus: 'unclaimed', claims: [{ groupId: 'ttp', kind: 'attribution', by: 'ISPR' }] });
  });

  it('"no group has claimed" is no claim, and a group named only as background is not the perpetrator', () => {
    const a = attribution(
      'Gunmen attacked a police van in Bannu. No group has claimed responsibility so far. The TTP ended a ceasefire with the government in November 2022.',
    );
    expect(a).toEqual({ groupId: null, claimStatus: 'unclaimed', claims: [], spans: [], strength: 0 });
  });

  it('the attacker wins over a group mentioned as context', () => {
    const a = attribution(
      'The TTP, which ended the ceasefire in 2022, has stepped up attacks. On Tuesday, militants of the Hafiz Gul Bahadur group attacked a convoy in Mir Ali.',
    );
    expect(a.groupId).toBe('hafiz-gul-bahadur');
  });

  it('Fitna al-Hindustan gives way to a named Baloch group, and never defaults to the BLA', () => {
    expect(attribution('Officials said terrorists of Fitna al-Hindustan attacked a bus on the N-25.').groupId).toBe('baloch-separatists');
    const named = attribution('Officials blamed Fitna al-Hindustan for the attack. BLF militants stormed the camp.');
    expect(named.groupId).toBe('blf');
  });

  it('unidentified gunmen give no group', () => {
    expect(attribution('Unidentified gunmen shot dead two labourers in Kech.')).toMatchObject({ groupId: null, claimStatus: 'unclaimed' });
  });

  it('does not split sentences at "D.I. Khan" or "Lt. Col."', () => {
    const a = attribution('Lt. Col. Ahmed said the attack in D.I. Khan was claimed by the TJP.');
    expect(a).toMatchObject({ groupId: 'tjp', claimStatus: 'claimed' });
  });
});

describe('attribution: more press wording', () => {
  it('"said its fighters carried out" is a claim; "was not involved" a denial', () => {
    expect(attribution('The BLA said its fighters carried out the attack on the camp.')).toMatchObject({
      groupId: 'bla',
      claimStatus: 'claimed',
    });
    expect(attribution('Officials blamed the BLF. The BLF said it was not involved.').claimStatus).toBe('disputed');
  });

  it('a full date with a year does not make the attack sentence background', () => {
    expect(attribution('On December 2, 2026, TTP militants attacked a check post in Bannu.').groupId).toBe('ttp');
  });

  it('the claimant may be named by its spokesman', () => {
    const a = attribution('TTP spokesman Muhammad Khurasani claimed responsibility for the attack.');
    expect(a.claims).toEqual([{ groupId: 'ttp', kind: 'claim', by: 'Muhammad Khurasani' }]);
  });
});

describe('attribution: factions and condemnations', () => {
  it('a TTP faction is a claimant of its own, so two claims are disputed', () => {
    const a = attribution('Both the TTP and Jamaat-ul-Ahrar claimed responsibility for the bombing.');
    expect(a.claimStatus).toBe('disputed');
    expect(a.claims.map((c) => c.groupId)).toEqual(['ttp', 'jamaat-ul-ahrar']);
    expect(a.spans.filter((s) => s.field === 'claim')).toHaveLength(1);
  });

  it('a group condemning the attack disowns it; officials condemning it do not', () => {
    expect(attribution('The TTP condemned the attack on the school.').claimStatus).toBe('disputed');
    const officials = attribution('The prime minister condemned the attack, which police blamed on the TTP.');
    expect(officials).toMatchObject({ groupId: 'ttp', claimStatus: 'unclaimed' });
  });
});

describe('attribution: claims of past events', () => {
  it('a claim in a relative clause about an earlier attack does not make this one claimed', () => {
    const a = attribution(
      'An anti-terrorism court indicted three suspects in the January 2023 police lines mosque bombing, which was claimed by Jamaat-ul-Ahrar.',
    );
    expect(a).toMatchObject({ groupId: null, claimStatus: 'unclaimed', claims: [] });
  });

  it('reads a claimant over a group named in its apposition', () => {
    const a = attribution('Jamaat-ul-Ahrar, a faction that broke away from the TTP in 2014, claimed responsibility for the blast.');
    expect(a).toMatchObject({ groupId: 'jamaat-ul-ahrar', claimStatus: 'claimed' });
  });

  it('reads claims in other words: "claimed the abductions", "issued a claim", a group\'s own "mujahideen"', () => {
    expect(attribution('The BLF claimed the kidnappings in a statement to the media.').claimStatus).toBe('claimed');
    expect(attribution('The BLA issued a claim for the attack on Thursday.').claimStatus).toBe('claimed');
    expect(attribution('The mujahideen of Tehreek-e-Taliban Pakistan attacked a check post in Tank.').claimStatus).toBe('claimed');
  });

  it('disputes a claim only by a denial of involvement from a group someone named', () => {
    // Not a denial of involvement: the state's demand about Afghan soil, the police denying a toll.
    expect(attribution('ISPR said Kabul must deny the use of its soil to khawarij.').claimStatus).toBe('unclaimed');
    expect(attribution('The TTP claimed responsibility, putting the toll at nine, which police denied.').claimStatus).toBe('claimed');
    // A bystander group that nobody blamed denies beside another's claim: still claimed.
    expect(attribution('Daesh claimed the bombing. The TTP, which operates in the area, denied involvement.').claimStatus).toBe('claimed');
    // The group the police blamed denies: disputed.
    expect(attribution('Police blamed the TTP for the blast. The TTP denied any involvement.').claimStatus).toBe('disputed');
  });

  it('a group said to have done similar attacks before is background, not the perpetrator', () => {
    expect(
      attribution(
        'A bomb exploded in a market in Kabul, killing four. The Islamic State group has carried out similar bombings in the city.',
      ).groupId,
    ).toBeNull();
  });
});
