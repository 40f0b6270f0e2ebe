-- songbad 0.1 -> 0.2: songbad_tsquery, songbad's query syntax in SQL.
\echo Use "ALTER EXTENSION songbad UPDATE TO '0.2'" to load this file. \quit

CREATE FUNCTION songbad_tsquery(query text) RETURNS tsquery
    AS 'MODULE_PATHNAME', 'songbad_tsquery_sql'
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION songbad_tsquery(text) IS
    'songbad''s query syntax (words, "phrases", prefix*, -excluded, field:word) as a tsquery: each word with its stem, key and stem prefix as alternatives';
