-- search_doc (0001) did the same three costly steps for every document: NFKC normalization, the
-- punctuation regex and the `unaccent` dictionary on every word. The first and the last change
-- nothing on most documents, and they were most of what an import spent on the search index:
-- - a text already in NFKC is its own normalization: `IS NFKC NORMALIZED` answers that with
--   Unicode's quick check, without building the normalized copy;
-- - a text of ASCII characters only (octet_length = length in UTF-8) has no accent to remove:
--   unaccent's rules map no ASCII character, and frontier_search is `simple` with unaccent in
--   front, so `simple` alone gives the same words.
-- Same document for every input, so the GIN indexes over it stay valid as they are (no REINDEX).
-- Each literal is cast to regconfig on its own, so the configurations are looked up once per
-- statement, not per row.
CREATE OR REPLACE FUNCTION search_doc(body text) RETURNS tsvector
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT to_tsvector(
    CASE WHEN octet_length(body) = length(body) THEN 'pg_catalog.simple'::regconfig ELSE 'public.frontier_search'::regconfig END,
    regexp_replace(CASE WHEN body IS NFKC NORMALIZED THEN body ELSE normalize(coalesce(body, ''), NFKC) END, '[^[:alnum:]]+', ' ', 'g'))
$$;
