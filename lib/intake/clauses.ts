import { sentenceBounds, type Bounds } from './sentence-bounds';

/**
 * Background that newsrooms append ("last month, five soldiers were martyred in a similar attack")
 * is another event: past the headline and the first sentence, such a sentence is left out.
 */
const BACKGROUND =
  /\b(?:(?:last|previous)\s+(?:week|month|year|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)|earlier\s+this\s+(?:week|month|year)|in\s+(?:19|20)\d\d\b|similar\s+(?:attacks?|incidents?)|(?:earlier|separate|previous)\s+(?:attacks?|incidents?)|since\s+(?:January|February|March|April|May|June|July|August|September|October|November|December|(?:19|20)\d\d)|so\s+far\s+this\s+year|(?:a|one|two|three|several|\d+)\s+(?:decades?|years?)\s+ago|in\s+(?:January|February|March|April|May|June|July|August|September|October|November|December)(?!\s+\d)|(?:earlier|previous|past)\s+(?:\w+\s+)?years|this\s+year|in\s+recent\s+(?:months|weeks|years))\b/i;

/** The sentences that tell this report's event: all but background past the lede. */
export function foreground(text: string): Bounds[] {
  const titleEnd = text.indexOf('\n');
  return sentenceBounds(text).filter((b, index) => {
    const lede = index === 0 || (index === 1 && titleEnd >= 0 && b.start > titleEnd);
    return lede || !BACKGROUND.test(text.slice(b.start, b.end));
  });
}
