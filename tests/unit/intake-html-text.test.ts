import { describe, expect, it } from 'vitest';
import { htmlToText } from '@/server/intake/html-text';
import { decode } from '@/server/intake/feed-http';
import { FeedError } from '@/server/intake/feed-error';

describe('htmlToText', () => {
  it('keeps plain text as it is, tidying whitespace', () => {
    expect(htmlToText('  Three  soldiers\tmartyred \r\n in Kurram ')).toBe('Three soldiers martyred\nin Kurram');
  });

  it('drops tags, turns blocks and <br> into line breaks and decodes named and numeric entities', () => {
    expect(
      htmlToText(
        '<p>Gunmen&nbsp;opened fire &mdash; police said&#8230;</p><p>Two <b>killed</b>,<br>one &#x27;injured&#x27; &amp; taken</p>',
      ),
    ).toBe("Gunmen opened fire — police said…\n\nTwo killed,\none 'injured' & taken");
  });

  it('keeps only the text of links and never the content of scripts, styles or iframes', () => {
    expect(
      htmlToText(
        '<div>Read <a href="https://x.example/news/1234567/quetta">the ISPR statement</a>.<script>var n = 9;</script><style>p{}</style><iframe>frame</iframe></div>',
      ),
    ).toBe('Read the ISPR statement.');
  });

  it('survives broken markup without returning any tag', () => {
    const text = htmlToText('<p>unclosed <b>bold <i>and <a href="x">link</p></div></span> tail <img src=x onerror=alert(1)> end');
    expect(text).toBe('unclosed bold and link\ntail end');
    expect(text).not.toMatch(/[<>]/);
  });
});

describe('decode', () => {
  const bytes = (...b: number[]) => Uint8Array.from(b);

  it('prefers the HTTP charset, then a BOM, then the XML declaration, else UTF-8', () => {
    expect(decode(bytes(0xe9), 'text/xml; charset="ISO-8859-1"')).toBe('é');
    expect(decode(bytes(0xef, 0xbb, 0xbf, 0xc3, 0xa9), null)).toBe('é');
    const declared = new TextEncoder().encode('<?xml version="1.0" encoding="windows-1252"?><t>x</t>');
    declared[declared.lastIndexOf(0x78)] = 0x92; // the x becomes windows-1252's right single quote
    expect(decode(declared, null)).toContain('<t>’</t>');
    expect(decode(bytes(0xc3, 0xa9), 'application/xml')).toBe('é');
  });

  it("maps windows-1252's 0x80–0x9F to their characters", () => {
    expect(decode(bytes(0x80, 0x93, 0x94, 0x96, 0x97), 'text/xml; charset=windows-1252')).toBe('€“”–—');
  });

  it('refuses an unknown charset as unsupported', () => {
    expect(() => decode(bytes(0x41), 'text/xml; charset=x-klingon')).toThrow(FeedError);
  });
});
