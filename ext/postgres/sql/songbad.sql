-- songbad: the parser, the dictionary, the configuration "bengali" and the
-- SQL functions. Run by test/pg/run.sh (make pg-test).
CREATE EXTENSION songbad;
SET client_min_messages = notice;

-- The parser's token types, and ts_debug with them.
SELECT * FROM ts_token_type('songbad');
SELECT alias, token, dictionaries, lexemes
  FROM ts_debug('bengali', 'লাভরভের সফর ১৮ অক্টোবর, Lavrov এবং 1,25,000 ৳ абв x2');
-- Tokens are slices of the original text: together they give it back.
SELECT string_agg(token, '' ORDER BY ord) = 'ঢাকা, ১৮ অক্টোবর (এএফপি) — রুশ পররাষ্ট্রমন্ত্রী…'
       AS roundtrip
  FROM ts_parse('songbad', 'ঢাকা, ১৮ অক্টোবর (এএফপি) — রুশ পররাষ্ট্রমন্ত্রী…')
       WITH ORDINALITY AS p(tokid, token, ord);

-- The dictionary: the word, its stem and its key as alternatives; stopwords.
SELECT ts_lexize('songbad', 'লাভরভের'), ts_lexize('songbad', 'ল্যাভরভ'),
       ts_lexize('songbad', 'Lavrov'), ts_lexize('songbad', '১৮'),
       ts_lexize('songbad', 'এবং');
CREATE TEXT SEARCH DICTIONARY songbad_all (TEMPLATE = songbad, Stopwords = false);
SELECT ts_lexize('songbad_all', 'এবং');
CREATE TEXT SEARCH DICTIONARY songbad_loose (TEMPLATE = songbad, Level = loose);
SELECT ts_lexize('songbad_loose', 'সফরের');
CREATE TEXT SEARCH DICTIONARY songbad_bad (TEMPLATE = songbad, Level = nfd);
CREATE TEXT SEARCH DICTIONARY songbad_bad (TEMPLATE = songbad, Colour = red);

-- The configuration bengali.
SELECT to_tsvector('bengali', 'লাভরভের সফর ১৮ অক্টোবর');
SELECT to_tsquery('bengali', 'লাভরভ'), plainto_tsquery('bengali', 'Lavrov');
SELECT plainto_tsquery('bengali', 'লাভরভ সফর 18');
SELECT websearch_to_tsquery('bengali', '"লাভরভ সফর" -অক্টোবর or Lavrov');
SELECT to_tsvector('bengali', 'ল্যাভরভ সফরের ১৮ অক্টোবর') @@ plainto_tsquery('bengali', 'লাভরভ সফর 18') AS bengali_18,
       to_tsvector('bengali', 'ল্যাভরভ সফরের ১৮ অক্টোবর') @@ plainto_tsquery('bengali', 'Lavrov') AS latin,
       to_tsvector('bengali', 'লাভরভের সফর ১৮ অক্টোবর') @@ to_tsquery('bengali', '১৮ & 18') AS digits,
       to_tsvector('bengali', 'লাভরভের সফর') @@ websearch_to_tsquery('bengali', '"লাভরভ সফর"') AS phrase,
       to_tsvector('bengali', 'সফর লাভরভের') @@ websearch_to_tsquery('bengali', '"লাভরভ সফর"') AS phrase_order,
       to_tsvector('simple', 'লাভরভের সফর ১৮') @@ plainto_tsquery('simple', 'লাভরভ 18') AS simple_config;

CREATE TABLE news (id int PRIMARY KEY, body text);
INSERT INTO news VALUES
  (1, 'রুশ পররাষ্ট্রমন্ত্রী সের্গেই লাভরভের ঢাকা সফর ১৮ অক্টোবর শুরু হবে।'),
  (2, 'Russian Foreign Minister Sergei Lavrov arrives on 18 October.'),
  (3, 'কোরিয়ার রাজধানী সিউলে বৃষ্টি হয়েছে।'),
  (4, 'ল্যাভরভ বলেন, সফর সফল হয়েছে। লাভরভ আবার আসবেন।');
CREATE INDEX news_fts ON news USING gin (to_tsvector('bengali', body));
SELECT id, round(ts_rank(to_tsvector('bengali', body), q)::numeric, 4) AS rank
  FROM news, plainto_tsquery('bengali', 'Lavrov') q
 WHERE to_tsvector('bengali', body) @@ q ORDER BY rank DESC, id;
SELECT id FROM news WHERE to_tsvector('bengali', body) @@ plainto_tsquery('bengali', 'কোরিয়া') ORDER BY id;
SELECT id FROM news WHERE to_tsvector('bengali', body) @@ to_tsquery('bengali', '18 & সফর') ORDER BY id;
-- The same through the GIN index.
SET enable_seqscan = off;
EXPLAIN (COSTS OFF) SELECT id FROM news WHERE to_tsvector('bengali', body) @@ plainto_tsquery('bengali', 'Lavrov');
SELECT id FROM news WHERE to_tsvector('bengali', body) @@ plainto_tsquery('bengali', 'Lavrov') ORDER BY id;
RESET enable_seqscan;
SELECT id, ts_headline('bengali', body, plainto_tsquery('bengali', 'Lavrov 18'))
  FROM news WHERE id IN (1, 2, 4) ORDER BY id;
SELECT ts_headline('bengali', body, plainto_tsquery('bengali', 'সফর'),
                   'StartSel=[, StopSel=], MaxWords=8, MinWords=4')
  FROM news WHERE id = 1;

-- SQL functions.
SELECT songbad_normalize('লাভরভের'), songbad_normalize('Ａ১৮', 'nfc'),
       songbad_normalize('ক়', 'nfd') = E'\u0995\u09bc' AS nfd;
SELECT songbad_normalize('x', 'bogus');
SELECT songbad_romanize('লাভরভের সফর'), songbad_romanize('Text, ১৮.');
SELECT songbad_romanize_iso('লাভরভের সফর'), songbad_romanize_iso('Text, ১৮.');
SELECT songbad_key('Lavrov'), songbad_key('ল্যাভরভ'), songbad_key('লাভরভের');
SELECT songbad_parse(E'লাভরভের ঢাকা সফর\n\nঢাকা, ১৮ অক্টোবর (এএফপি) - রুশ পররাষ্ট্রমন্ত্রী আসছেন।') #> '{headline}' AS headline,
       songbad_parse(E'লাভরভের ঢাকা সফর\n\nঢাকা, ১৮ অক্টোবর (এএফপি) - রুশ পররাষ্ট্রমন্ত্রী আসছেন।') #> '{agencies}' AS agencies,
       songbad_parse(E'লাভরভের ঢাকা সফর\n\nঢাকা, ১৮ অক্টোবর (এএফপি) - রুশ পররাষ্ট্রমন্ত্রী আসছেন।') #>> '{dates,0,value}' AS date;

-- songbad_tsquery: the command line's query syntax, as a tsquery.
SELECT songbad_tsquery('লাভরভের সফর');
SELECT songbad_tsquery('"উত্তর কোরিয়া" সফর*');
SELECT songbad_tsquery('title:লাভরভ Lavrov -বাতিল');
SELECT id FROM news WHERE to_tsvector('bengali', body) @@ songbad_tsquery('Lavrov') ORDER BY id;
SELECT id FROM news WHERE to_tsvector('bengali', body) @@ songbad_tsquery('লাভরভ -সফল') ORDER BY id;
SELECT id FROM news WHERE to_tsvector('bengali', body) @@ songbad_tsquery('"ঢাকা সফর"') ORDER BY id;
SELECT id FROM news WHERE to_tsvector('bengali', body) @@ songbad_tsquery('সফ*') ORDER BY id;
SELECT songbad_tsquery('"ঢাকা');
SELECT songbad_tsquery('foo:ঢাকা');
SELECT songbad_tsquery('-ঢাকা');
SELECT songbad_tsquery('');
SELECT songbad_tsquery('source:এএফপি ঢাকা');
SELECT songbad_tsquery(NULL) IS NULL AS null_in_null_out;

-- Empty, NULL, huge and odd strings.
SELECT to_tsvector('bengali', ''), to_tsquery('bengali', ''), plainto_tsquery('bengali', '   ');
SELECT songbad_normalize(''), songbad_romanize(''), songbad_key(''), songbad_parse('') IS NOT NULL AS parsed;
SELECT songbad_normalize(NULL), songbad_key(NULL), songbad_parse(NULL);
SELECT * FROM ts_debug('bengali', '');
SELECT to_tsvector('bengali', E'.,;:!?—…।॥ \t\n\r ()[]{} \u200c\u200d \u09bc\u09cd \ufeff');
SELECT to_tsvector('bengali', E'\u09cd\u09cd\u09cdক\u200d\u09cd ক্\u200cষ 😀 🇧🇩 ∑ 𝔄 ²³ ١٢٣ 一二三');
SELECT alias, count(*) FROM ts_debug('bengali', E'a1 ১a 5৳ ৳৳ --- ক-খ জং-উন co-op') GROUP BY alias ORDER BY alias;
SELECT length(to_tsvector('bengali', repeat('সফর লাভরভের ১৮ ', 100000))::text) AS huge_tsvector,
       length(songbad_normalize(repeat('ক়া ', 500000))) AS huge_normalize,
       length(songbad_romanize(repeat('সফর ', 500000))) AS huge_romanize,
       length(songbad_key(repeat('ল', 100000))) > 0 AS huge_key,
       jsonb_array_length(songbad_parse(repeat(E'অনুচ্ছেদ।\n\n', 20000)) -> 'paragraphs') AS huge_parse;
SELECT length(to_tsvector('bengali', repeat('ক', 3000))::text) AS long_word;
SELECT ts_headline('bengali', repeat('ক ', 10000) || 'লাভরভ', to_tsquery('bengali', 'Lavrov'), 'MaxFragments=1');
SELECT count(*) FROM ts_parse('songbad', repeat(E'ক\u09cd', 50000));
SELECT numnode(songbad_tsquery(repeat('সফর ', 500))) AS long_tsquery;

-- 0.1 -> 0.2: the update adds songbad_tsquery.
DROP EXTENSION songbad CASCADE;
CREATE EXTENSION songbad VERSION '0.1';
SELECT count(*) FROM pg_proc WHERE proname = 'songbad_tsquery';
ALTER EXTENSION songbad UPDATE;
SELECT extversion FROM pg_extension WHERE extname = 'songbad';
SELECT songbad_tsquery('সফর');
