/**
 * State forces as the actor of an event (lib/intake/state-actors.ts), and how extractReport weighs
 * them against a named group (docs/intake.md, coding rules).
 */
import { describe, expect, it } from 'vitest';
import { stateActor } from '@/lib/intake/state-actors';
import { extractReport } from '@/lib/intake/extract';

const draft = (title: string, text: string) =>
  extractReport(
    { title, text, url: null, publishedAt: '2025-11-10T06:00:00Z', sourceName: 'test' },
    { timeZone: 'Asia/Karachi', receivedAt: '2025-11-10T06:00:00Z' },
  ).draft;

describe('stateActor', () => {
  it.each([
    ['Afghan officials said Pakistani jets bombed two villages in Nangarhar.', 'pakistan-military', 'strike'],
    ['The Taliban blamed Pakistan for a drone strike on a house in Khost.', 'pakistan-military', 'strike'],
    ['Shells fired by Afghan Taliban forces landed in a village in Kurram.', 'afghanistan-military', 'forces'],
    ['Afghan border forces opened heavy fire on Pakistani posts near Torkham.', 'afghanistan-military', 'forces'],
    ['Tajik border guards killed two armed men who crossed the Panj river.', 'tajikistan-military', 'forces'],
    ['Two Afghan guards died in an exchange of fire with Pakistani troops.', 'pakistan-military', 'forces'],
  ])('%s', (text, groupId, kind) => {
    expect(stateActor(text, null)).toMatchObject({ groupId, kind });
  });

  it('is no actor where its forces were attacked or only responded', () => {
    expect(stateActor('Afghan border guards killed in clash with smugglers\nTwo guards were killed.', 'AF')).toBeNull();
    expect(stateActor('Militants attacked a post in Kurram. Pakistani forces responded.', 'PK')).toBeNull();
    expect(stateActor('A drone launched from Afghan territory struck a camp in Khatlon.', 'TJ')).toBeNull();
  });

  it('reads jets over Pakistan as the Pakistani military, not a quadcopter', () => {
    expect(stateActor('Residents said jets struck a house in Tirah.', 'PK')?.groupId).toBe('pakistan-military');
    expect(stateActor('A quadcopter dropped explosives on a house in Mir Ali.', 'PK')).toBeNull();
  });
});

describe('the perpetrator in extractReport', () => {
  it('gives an airstrike to the state that flew it, even when its target group is named', () => {
    const d = draft(
      'Kabul says Pakistani airstrikes killed civilians',
      'Taliban officials said Pakistani airstrikes killed 10 people in Paktika on Sunday. Security sources said the strikes targeted TTP hideouts.',
    );
    expect(d.group).toBe('pakistan-military');
  });

  it("gives a strike that killed a named group's own fighters to that group, the side the event was fought against", () => {
    const d = draft(
      'Strike kills Lashkar-e-Islam commander',
      'A drone strike in Nazian district of Nangarhar killed a commander of Lashkar-e-Islam and three of his fighters on Sunday. Afghan officials blamed Pakistan.',
    );
    expect(d.group).toBe('lashkar-e-islam');
    expect(d.killed).toBe(4);
  });

  it('gives a ground fight to the group that fought the state, and a claim always to its claimant', () => {
    expect(draft('Clash in Paktika', 'TTP fighters clashed with Afghan Taliban forces in Urgun on Monday.').group).toBe('ttp');
    expect(
      draft('Attack on post', 'Afghan forces opened fire on a post in Chaman on Monday. The TTP claimed responsibility for the attack.')
        .group,
    ).toBe('ttp');
  });

  it("sets cross-border where a state's forces act on a place in another country", () => {
    expect(
      draft('Drone strike in Khost', 'Taliban officials blamed Pakistan for a drone strike on a house in Khost province on Sunday night.')
        .crossBorder,
    ).toBe(true);
    expect(draft('Airstrike in Tirah', 'Residents said jets struck a house in Tirah valley on Monday.').crossBorder).toBe(false);
  });
});
