import countries from 'i18n-iso-countries';
import en from 'i18n-iso-countries/langs/en.json';
import { boundedMemo } from '@/lib/memo';

countries.registerLocale(en);

// Imports ask for the same few values per row (two or three times each).
/** ISO 3166-1 alpha-2 from an alpha-2/alpha-3 code, a numeric code (`586`) or an English name. */
export const toAlpha2 = boundedMemo(lookUpAlpha2, { max: 1_000, maxKeyLength: 64 });

function lookUpAlpha2(value: string): string | null {
  const v = value.trim();
  if (!v) return null;
  if (/^\d{1,3}$/.test(v)) return countries.numericToAlpha2(v.padStart(3, '0')) ?? null;
  if (/^[A-Za-z]{2}$/.test(v)) return countries.isValid(v.toUpperCase()) ? v.toUpperCase() : null;
  if (/^[A-Za-z]{3}$/.test(v)) return countries.alpha3ToAlpha2(v.toUpperCase()) ?? null;
  return countries.getAlpha2Code(v, 'en') ?? null;
}

export function countryName(alpha2: string): string {
  return countries.getName(alpha2, 'en') ?? alpha2;
}

export function countryNumeric(alpha2: string): string | null {
  return countries.alpha2ToNumeric(alpha2) ?? null;
}
