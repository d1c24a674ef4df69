-- The tokens of a name for a search by a part of it (issue 15): every character and every pair of
-- neighbouring characters, lower-cased. A name contains a text only if its tokens contain the
-- text's tokens, so `tokens @> name_tokens(q)` narrows by a GIN index and `ilike` confirms. Works
-- without extensions (the embedded database has no pg_trgm loaded, and trigrams need three
-- characters where a Chinese name search is often two).
CREATE FUNCTION name_tokens(name text) RETURNS text[]
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
AS $$
  SELECT coalesce(array_agg(DISTINCT t), '{}'::text[])
  FROM (
    SELECT substr(lower(name), i, 1) AS t FROM generate_series(1, char_length(name)) AS i
    UNION ALL
    SELECT substr(lower(name), i, 2) FROM generate_series(1, char_length(name) - 1) AS i
  ) AS tokens
$$;
