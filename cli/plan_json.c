/* plan_json.c - a query plan as JSON (plan_json.h). */
#include "plan_json.h"
#include "serve_json.h"

const char *plan_role_name(songbad_clause_role r)
{
    switch (r) {
    case SONGBAD_CLAUSE_REQUIRED: return "required";
    case SONGBAD_CLAUSE_OPTIONAL: return "optional";
    case SONGBAD_CLAUSE_CONTEXT: return "context";
    default: return "excluded";
    }
}

const char *plan_field_name(songbad_field f)
{
    static const char *const names[] = {NULL, "headline", "lead", "body", "captions", "source"};
    return (unsigned)f < sizeof names / sizeof names[0] ? names[f] : NULL;
}

static json_t *term_json(const songbad_plan_clause *c, const songbad_plan_term *t)
{
    json_t *o = json_object();
    if (!o || sj_set(o, "text", sj_string(t->text, t->len)) ||
        sj_set(o, "prefix", json_boolean(t->prefix)) ||
        (!c->phrase && (sj_set(o, "weight", json_real(t->weight)) ||
                        sj_set(o, "word", json_integer(t->word)))) ||
        sj_set(o, "highlight", json_boolean(t->highlight))) {
        json_decref(o);
        return NULL;
    }
    return o;
}

static json_t *clause_json(const songbad_plan_clause *c)
{
    const char *field = plan_field_name(c->field);
    json_t *o = json_object(), *terms = json_array();
    int bad = !o || !terms || sj_set(o, "role", json_string(plan_role_name(c->role))) ||
              sj_set(o, "field", field ? json_string(field) : json_null()) ||
              sj_set(o, "phrase", json_boolean(c->phrase)) ||
              (c->phrase && sj_set(o, "weight", json_real(c->weight))) ||
              sj_set(o, "first_word", json_integer(c->first_word)) ||
              sj_set(o, "nwords", json_integer(c->nwords));
    for (size_t k = 0; !bad && k < c->nterms; k++) {
        json_t *t = term_json(c, &c->terms[k]);
        bad = !t || json_array_append_new(terms, t) != 0;
    }
    if (bad || sj_set(o, "terms", terms)) {
        if (bad) json_decref(terms);
        json_decref(o);
        return NULL;
    }
    return o;
}

json_t *plan_json(const songbad_query_plan *p)
{
    json_t *o = json_object(), *clauses = json_array();
    int bad = !o || !clauses ||
              sj_set(o, "words", json_integer(songbad_query_plan_nwords(p))) ||
              sj_set(o, "question", json_boolean(songbad_query_plan_is_question(p)));
    for (size_t i = 0; !bad && i < songbad_query_plan_nclauses(p); i++) {
        json_t *c = clause_json(songbad_query_plan_clause(p, i));
        bad = !c || json_array_append_new(clauses, c) != 0;
    }
    if (bad || sj_set(o, "clauses", clauses)) {
        if (bad) json_decref(clauses);
        json_decref(o);
        return NULL;
    }
    return o;
}
