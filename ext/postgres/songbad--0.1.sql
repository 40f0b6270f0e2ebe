-- songbad 0.1: a Bengali text search parser, dictionary template and
-- configuration "bengali", and SQL functions of libsongbad.
\echo Use "CREATE EXTENSION songbad" to load this file. \quit

CREATE FUNCTION songbad_prs_start(internal, int4) RETURNS internal
    AS 'MODULE_PATHNAME' LANGUAGE C STRICT;
CREATE FUNCTION songbad_prs_getlexeme(internal, internal, internal) RETURNS internal
    AS 'MODULE_PATHNAME' LANGUAGE C STRICT;
CREATE FUNCTION songbad_prs_end(internal) RETURNS void
    AS 'MODULE_PATHNAME' LANGUAGE C STRICT;
CREATE FUNCTION songbad_prs_lextype(internal) RETURNS internal
    AS 'MODULE_PATHNAME' LANGUAGE C STRICT;

CREATE TEXT SEARCH PARSER songbad (
    START = songbad_prs_start,
    GETTOKEN = songbad_prs_getlexeme,
    END = songbad_prs_end,
    LEXTYPES = songbad_prs_lextype,
    HEADLINE = pg_catalog.prsd_headline
);

CREATE FUNCTION songbad_dict_init(internal) RETURNS internal
    AS 'MODULE_PATHNAME' LANGUAGE C STRICT;
CREATE FUNCTION songbad_dict_lexize(internal, internal, internal, internal) RETURNS internal
    AS 'MODULE_PATHNAME' LANGUAGE C STRICT;

CREATE TEXT SEARCH TEMPLATE songbad (
    INIT = songbad_dict_init,
    LEXIZE = songbad_dict_lexize
);

CREATE TEXT SEARCH DICTIONARY songbad (
    TEMPLATE = songbad,
    Stopwords = true
);
COMMENT ON TEXT SEARCH DICTIONARY songbad IS
    'Bengali: search normalization, stopwords, stem and cross-script key';

CREATE TEXT SEARCH CONFIGURATION bengali (PARSER = songbad);
ALTER TEXT SEARCH CONFIGURATION bengali
    ADD MAPPING FOR bengali, latin, number, mixed, other, symbol WITH songbad;
COMMENT ON TEXT SEARCH CONFIGURATION bengali IS 'Bengali news (songbad)';

CREATE FUNCTION songbad_normalize(text, level text DEFAULT 'search') RETURNS text
    AS 'MODULE_PATHNAME', 'songbad_normalize_sql'
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION songbad_romanize(text) RETURNS text
    AS 'MODULE_PATHNAME', 'songbad_romanize_sql'
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION songbad_romanize_iso(text) RETURNS text
    AS 'MODULE_PATHNAME', 'songbad_romanize_iso_sql'
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION songbad_key(text) RETURNS text
    AS 'MODULE_PATHNAME', 'songbad_key_sql'
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION songbad_parse(text) RETURNS jsonb
    AS 'MODULE_PATHNAME', 'songbad_parse_sql'
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
