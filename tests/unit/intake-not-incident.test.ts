import { describe, expect, it } from 'vitest';
import { isIncidentReport } from '@/lib/intake/not-incident';

const report = (title: string, body: string) => `${title}\n${body}`;

describe('isIncidentReport', () => {
  it.each([
    [
      'Traders protest killing of shopkeepers in Quetta',
      'Traders observed a shutter-down strike in Quetta on Tuesday to protest the killing of two shopkeepers.',
    ],
    ['Court convicts men who attacked police station', 'The men were sentenced to life imprisonment.'],
    [
      'Funeral prayers of martyred soldiers offered in Bannu',
      'The funeral prayers of three soldiers who were martyred in an attack on Tuesday were offered at the garrison. Senior officers attended.',
    ],
    [
      'ATC indicts four suspects in Peshawar mosque blast case',
      'An anti-terrorism court on Monday indicted four suspects accused of facilitating the attack that killed 84 people.',
    ],
    [
      'PM chairs apex committee meeting on security',
      'The meeting reviewed the security situation in Khyber Pakhtunkhwa after recent attacks.',
    ],
    [
      'Nation marks 10th anniversary of APS attack',
      'Ceremonies were held across the country to remember the children killed in the 2014 attack.',
    ],
    ['FO condemns cross-border attacks, summons Afghan envoy', 'The Foreign Office strongly condemned the attacks and lodged a protest.'],
    [
      'CTD arrests three suspects involved in Quetta blast',
      'The Counter Terrorism Department arrested three suspects in a raid on Sunday.',
    ],
    [
      'KP govt announces compensation for victims',
      'The provincial government announced Rs1 million for the families of those killed in last week’s blast.',
    ],
    [
      'Martyred constable laid to rest in Lakki Marwat',
      'Constable Ahmed, who was martyred in Monday’s attack, was laid to rest in his ancestral graveyard.',
    ],
    ['Thousands march against terrorism in Swat', 'Residents of Mingora took part in a peace march against the recent killings.'],
    ['Two years on, APS families still await justice', 'Parents of the martyred children said the attack still haunted them.'],
    ['Nation remembers Army Public School martyrs', 'Ceremonies were held on the anniversary of the 2014 attack.'],
    ['Kurram elders sign peace agreement', 'Tribal elders signed a peace agreement after weeks of clashes in which dozens were killed.'],
    ['Terrorist attacks fell last year, think tank says', 'Attacks declined by a fifth, a security think tank said in its annual report.'],
    ['Polio drive postponed in Bannu', 'The campaign was postponed after attacks on vaccination teams.'],
    ['Assembly body told of 900 attacks this year', 'The standing committee was told that 900 attacks were recorded in KP.'],
    [
      'Schools reopen in Kurram',
      'Schools reopened in Parachinar on Monday, two months after they were closed following clashes that killed 50.',
    ],
    ['Cabinet approves funds for Levies after wave of attacks', 'The provincial cabinet approved Rs2 billion to equip the Levies.'],
    ['PM meets families of Jaffar Express victims', 'The prime minister met the families of the victims in Quetta on Monday.'],
    ['Attacks on police at record high', 'Police deaths reached their highest level in a decade, with 310 policemen killed in 2025.'],
  ])('flags a non-event: %s', (title, body) => {
    const d = isIncidentReport(report(title, body));
    expect(d.isIncident).toBe(false);
    expect(d.spans.length).toBeGreaterThan(0);
  });

  it.each([
    [
      'Three soldiers martyred in North Waziristan attack',
      'Three soldiers were martyred when terrorists attacked a check post. The prime minister condemned the attack.',
    ],
    ['Blast hits funeral in Bajaur, kills five', 'A bomb exploded during funeral prayers in Bajaur on Friday.'],
    ['Death toll from Quetta blast rises to 30', 'Two more of the injured died in hospital, officials said.'],
    ['TTP claims responsibility for Bannu attack', 'The banned group claimed responsibility in a statement sent to journalists.'],
    ['Four killed in Kurram', 'Four people were shot dead in Parachinar on Sunday, police said.'],
    ['Militants attack check post in Bannu', 'The prime minister condemned the attack in which two soldiers were martyred.'],
    [
      'Afghan, Pakistani forces exchange fire at Torkham',
      'Pakistani and Afghan forces exchanged heavy fire at the Torkham crossing late on Sunday.',
    ],
    ['Blast in Bannu', 'A blast was reported near a bazaar in Bannu; the police visited the site.'],
    ['Gunmen attack police station in DI Khan', 'Heavily armed militants attacked the Kulachi police station late on Saturday night.'],
  ])('keeps an incident or a follow-up: %s', (title, body) => {
    expect(isIncidentReport(report(title, body)).isIncident).toBe(true);
  });

  it('sets apart a report whose violence is only an older event further down', () => {
    const t = report(
      'Wheat convoy reaches Parachinar',
      'A convoy of 40 trucks reached Parachinar on Sunday. The road had been closed since gunmen killed 40 passengers in an attack in November.',
    );
    expect(isIncidentReport(t).isIncident).toBe(false);
  });

  it('says nothing happened when no violence is named', () => {
    expect(isIncidentReport(report('Wheat prices rise in Quetta', 'Flour became dearer in the city.')).isIncident).toBe(false);
  });

  it('gives spans on the cue words', () => {
    const t = report('Funeral prayers offered for slain policemen', 'Hundreds attended the funeral in Peshawar.');
    const d = isIncidentReport(t);
    for (const s of d.spans) expect(t.slice(s.start, s.end)).toBe(s.text);
    expect(d.spans[0]?.field).toBe('notIncident');
  });
  it.each([
    [
      'Mourners bury victims of Kurram blast',
      'PARACHINAR: Thousands attended the funeral prayers of the victims of Sunday’s blast on Monday.',
    ],
    ['Abducted teachers freed in Kech', 'Levies officials said four teachers kidnapped last week had been released unharmed on Sunday.'],
    ['Kidnapped trader recovered in Bannu', 'Police said on Monday they had recovered a trader abducted two weeks ago from Domel.'],
  ])('sets apart a funeral lede under a headline that names the victims, and a release of hostages: %s', (title, body) => {
    expect(isIncidentReport(report(title, body)).isIncident).toBe(false);
  });

  it('keeps bodies of abducted people found as an incident', () => {
    const t = report(
      'Bodies of two abducted labourers recovered in Kech',
      'The bullet-riddled bodies of two labourers kidnapped on Friday were found near Turbat.',
    );
    expect(isIncidentReport(t).isIncident).toBe(true);
  });
});
