import { describe, expect, it } from 'vitest';
import { classifyEvent } from '@/lib/intake/event-type';
import { canonicalSubEventType } from '@/lib/taxonomy/event-types';

const sub = (t: string) => classifyEvent(t).subEventType;

describe('classifyEvent', () => {
  it.each([
    ['A suicide bomber blew himself up at the gate of the police lines in Peshawar.', 'Suicide bomb'],
    ['An explosives-laden vehicle rammed into a military convoy in Bannu.', 'Suicide bomb'],
    ['An IED planted on the roadside went off near an FC vehicle in Kech.', 'Remote explosive/landmine/IED'],
    ['Two children were killed when a landmine exploded in Bajaur.', 'Remote explosive/landmine/IED'],
    ['A remote-controlled device targeted a Levies vehicle near Turbat.', 'Remote explosive/landmine/IED'],
    ['A drone strike hit a compound in Paktika province, killing five.', 'Air/drone strike'],
    ['Pakistani airstrikes in Khost killed eight people, Taliban officials said.', 'Air/drone strike'],
    ['A quadcopter dropped explosives on a house in Mir Ali.', 'Air/drone strike'],
    ['Terrorists attacked a check post in Lakki Marwat; three soldiers were martyred.', 'Armed clash'],
    ['Security forces conducted an intelligence-based operation in Tank district.', 'Armed clash'],
    ['Militants ambushed a police patrol near Parachinar.', 'Armed clash'],
    ['Terrorists opened fire on an FC vehicle in Panjgur, martyring two soldiers.', 'Armed clash'],
    ['Pakistani and Afghan forces exchanged heavy fire at the Torkham border crossing.', 'Armed clash'],
    ['Gunmen opened fire on a passenger van in Kurram, killing five.', 'Attack'],
    ['Two labourers were shot dead by unidentified gunmen in Kech.', 'Attack'],
    ['A tribal elder was killed in a targeted killing in Bajaur.', 'Attack'],
    ['Five polio workers were abducted in Dera Ismail Khan.', 'Abduction/forced disappearance'],
    ['Unknown persons hurled a hand grenade at a shop in Quetta.', 'Grenade'],
    ['Mortar shells fired from across the border landed in Kurram.', 'Shelling/artillery/missile attack'],
    ['A blast ripped through a market in Parachinar.', 'Remote explosive/landmine/IED'],
  ])('%s → %s', (text, expected) => {
    expect(sub(text)).toBe(expected);
  });

  it('gives the parent type of the canonical taxonomy', () => {
    const c = classifyEvent('A suicide bomber struck a mosque in Peshawar.');
    expect(c.eventType).toBe(canonicalSubEventType('Suicide bomb')?.eventType);
    expect(classifyEvent('Militants abducted two engineers.').eventType).toBe('Violence against civilians');
  });

  it('keeps a suicide bomb a suicide bomb when the attackers then open fire', () => {
    expect(sub('A suicide bomber detonated his vest at the gate and then four attackers opened fire; an exchange of fire followed.')).toBe(
      'Suicide bomb',
    );
  });

  it('keeps an operation an armed clash when IEDs are only among the recovered material', () => {
    expect(sub('In the IBO, troops engaged the khwarij and recovered weapons and IED-making material.')).toBe('Armed clash');
  });

  it('leaves the type null where the text names no violence', () => {
    expect(classifyEvent('The provincial cabinet met to discuss the budget.')).toMatchObject({ eventType: null, subEventType: null });
  });

  it('names the target from the victims', () => {
    expect(classifyEvent('An IED struck an FC vehicle, martyring two soldiers.').target).toBe('security-forces');
    expect(classifyEvent('Gunmen shot dead three passengers on the highway.').target).toBe('civilians');
    expect(classifyEvent('Gunmen opened fire on Chinese nationals in Karachi.').target).toBe('foreign-nationals');
    expect(classifyEvent('Gunmen opened fire on the vehicle of an assistant commissioner in Kech.').target).toBe('government');
    expect(
      classifyEvent('Militants attacked a check post. The prime minister condemned the attack in which two soldiers were martyred.').target,
    ).toBe('security-forces');
    expect(classifyEvent('Militants blew up a gas pipeline in Dera Bugti.').target).toBe('infrastructure');
    expect(classifyEvent('Security forces killed six terrorists in an IBO.').target).toBe('militants');
    expect(classifyEvent('The blast killed nine people, including two policemen, and injured 20.').target).toBe('civilians');
  });

  it('returns a span on the cue it used', () => {
    const t = 'Three killed in roadside bomb blast in Kurram';
    const c = classifyEvent(t);
    const span = c.spans.find((s) => s.field === 'subEventType');
    expect(span && t.slice(span.start, span.end)).toBe('roadside bomb');
  });

  it('ignores the weapon of a background event', () => {
    const t =
      'Two soldiers martyred in Tank\nTwo soldiers were shot dead by gunmen in Tank on Tuesday. Last month, a suicide bomber killed five soldiers in a similar attack.';
    // Soldiers shot by gunmen: an armed clash by the coding rules (docs/intake.md), not the old suicide bombing.
    expect(sub(t)).toBe('Armed clash');
  });

  it('decides a shooting by who was hit: civilians an attack, security forces or militants a clash', () => {
    expect(sub('Gunmen opened fire on a passenger coach near Kohat, killing four passengers.')).toBe('Attack');
    expect(sub('Gunmen shot dead two policemen guarding a polio team in Swabi.')).toBe('Armed clash');
    expect(sub('Border guards killed three armed men who opened fire when told to stop.')).toBe('Armed clash');
    expect(sub('Militants opened fire on a police check post in Bannu on Monday night.')).toBe('Armed clash');
  });

  it("takes the event over the follow-up and the attackers' kit", () => {
    expect(sub('Militants abducted two engineers near Tank. A search operation was launched.')).toBe('Abduction/forced disappearance');
    expect(sub('Gunmen armed with rifles and grenades stormed a hotel in Gwadar, killing three guests.')).toBe('Attack');
    expect(sub("The Majeed Brigade, the BLA's suicide squad, claimed the gun battle at the camp.")).toBe('Armed clash');
    expect(sub('Five terrorists were neutralised when security forces conducted an operation in Kech.')).toBe('Armed clash');
    expect(sub('A drone carrying explosives struck a house in Mir Ali.')).toBe('Air/drone strike');
  });
  it('reads a post stormed or overrun as a battle when someone fell, an abduction when personnel were only taken', () => {
    expect(sub('Militants overran an FC post in Awaran on Sunday, killing three soldiers and taking two others away.')).toBe('Armed clash');
    expect(sub('Armed men stormed a Levies post in Washuk and abducted five personnel.')).toBe('Abduction/forced disappearance');
  });

  it('decides an attack that names no weapon by who was hit', () => {
    expect(sub('Militants attacked a passenger bus near Kalat, killing seven passengers.')).toBe('Attack');
    expect(sub('Terrorists attacked a military convoy in Spinwam, martyring four soldiers.')).toBe('Armed clash');
  });
});
