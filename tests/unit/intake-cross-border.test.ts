import { describe, expect, it } from 'vitest';
import { crossBorder } from '@/lib/intake/cross-border';

const PK = { country: 'PK' };
const AF = { country: 'AF' };
const TJ = { country: 'TJ' };

describe('crossBorder', () => {
  it('finds the press cues for an attack from across the border', () => {
    const text = 'Terrorists attacked a border post in Bajaur from Afghanistan, the ISPR said.';
    const r = crossBorder(text, PK);
    expect(r.crossBorder).toBe(true);
    expect(r.spans.map((s) => text.slice(s.start, s.end))).toEqual(['from Afghanistan']);
    expect(crossBorder('Three soldiers were martyred in cross-border firing in Kurram.', PK).crossBorder).toBe(true);
    expect(crossBorder('Militants trying to infiltrate from Afghanistan were killed in North Waziristan.', PK).crossBorder).toBe(true);
    expect(crossBorder('Mortars fired from across the border struck homes in Chitral.', null).crossBorder).toBe(true);
    expect(crossBorder('Terrorists using Afghan soil attacked the post.', PK).crossBorder).toBe(true);
  });

  it('Afghanistan as context is not cross-border', () => {
    expect(
      crossBorder(
        'Gunmen killed two policemen in Bannu. Pakistan has repeatedly urged Kabul not to let Afghan soil be used against it.',
        PK,
      ).crossBorder,
    ).toBe(false);
    expect(crossBorder('The TTP, which operates from Afghanistan, has killed hundreds.', PK).crossBorder).toBe(false);
    expect(crossBorder('A bomb exploded in Quetta.', PK).crossBorder).toBe(false);
  });

  it('a place in Afghanistan or Tajikistan attacked from the other side', () => {
    const paktika = 'Four civilians were killed in Pakistani airstrikes in Paktika, the Taliban said.';
    expect(crossBorder(paktika, AF).crossBorder).toBe(true);
    expect(crossBorder(paktika, PK).crossBorder).toBe(false);
    expect(crossBorder('Gunmen fired from the Afghan side at Tajik border guards.', TJ).crossBorder).toBe(true);
    expect(crossBorder('Afghan Taliban forces fired mortars at Pakistani posts in Kurram.', PK).crossBorder).toBe(true);
  });
});

describe('crossBorder: the side the place is on', () => {
  it('"from Afghanistan" says nothing about a place in Afghanistan', () => {
    expect(crossBorder('Militants from Afghanistan attacked a checkpoint in Khost.', { country: 'AF' }).crossBorder).toBe(false);
    expect(crossBorder('Militants from Afghanistan attacked a checkpoint in Khost.', { country: 'PK' }).crossBorder).toBe(true);
  });
});

describe('crossBorder: verbs of the event', () => {
  it('airstrikes that "hit" and are "killing" are the event', () => {
    const text = 'Pakistani airstrikes late on Monday night hit houses in Khost province, killing six civilians, a Taliban spokesman said.';
    expect(crossBorder(text, { country: 'AF' })).toMatchObject({ crossBorder: true, spans: [{ text: 'Pakistani airstrikes' }] });
  });
});
