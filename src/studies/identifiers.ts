/**
 * DOI and PMID normalisation. DOIs are case-insensitive (DOI Handbook §2.4), so they are stored
 * lower-cased and without resolver prefixes; a PMID is a positive integer, stored as digits.
 */
const DOI_PREFIXES = [/^https?:\/\/(?:dx\.)?doi\.org\//i, /^doi:\s*/i];
/**
 * Crossref's one recommended pattern for modern DOIs ("DOIs and matching regular expressions",
 * 2015: it matched 74.4M of the 74.9M DOIs Crossref had seen): `10.<registrant>/<suffix>`, the
 * suffix of letters, digits and - . _ ; ( ) / : only. Markup (`<`, `>`, quotes) and spaces never
 * pass. The price: a few early DOIs (SICI-style, with `<>`) are refused; record those by PMID.
 */
const DOI_SHAPE = /^10\.\d{4,9}\/[-._;()/:A-Z0-9]+$/i;

export type Normalised = { ok: true; value: string } | { ok: false; reason: string };

export function normaliseDoi(raw: string): Normalised {
  let v = raw.trim();
  for (const p of DOI_PREFIXES) v = v.replace(p, '');
  try {
    v = decodeURIComponent(v);
  } catch {
    return { ok: false, reason: 'is not a valid DOI (bad percent-encoding)' };
  }
  if (!DOI_SHAPE.test(v))
    return {
      ok: false,
      reason:
        'is not a DOI (expected 10.<registrant>/<suffix>, the suffix of letters, digits and - . _ ; ( ) / : only, e.g. 10.1016/j.pain.2009.06.023)',
    };
  return { ok: true, value: v.toLowerCase() };
}

export function normalisePmid(raw: string): Normalised {
  const v = raw.trim().replace(/^pmid:\s*/i, '');
  if (!/^[1-9]\d{0,8}$/.test(v))
    return {
      ok: false,
      reason: 'is not a PMID (expected a positive whole number of up to 9 digits)',
    };
  return { ok: true, value: v };
}
