/* plan_json.h - a query plan as JSON, for `songbad explain --json` and the
 * server's /api/explain. */
#ifndef SONGBAD_PLAN_JSON_H
#define SONGBAD_PLAN_JSON_H

#include "songbad.h"
#include <jansson.h>

/* {"words", "question", "clauses": [{"role", "field", "phrase", "weight"
 * (of a phrase), "first_word", "nwords", "terms": [{"text", "prefix",
 * "weight" and "word" (of an alternative), "highlight"}]}]}; NULL when out
 * of memory. */
json_t *plan_json(const songbad_query_plan *p);

/* "required", "optional", "context", "excluded"; "headline" ... "source",
 * NULL for any field. */
const char *plan_role_name(songbad_clause_role r);
const char *plan_field_name(songbad_field f);

/* How plan_json's numbers are written: 0.35, not 0.34999999999999998. */
#define PLAN_JSON_FLAGS (JSON_COMPACT | JSON_REAL_PRECISION(10))

#endif
