/* add_int.h - what add_article.c uses of add.c beyond the public API. */
#ifndef SONGBAD_ADD_INT_H
#define SONGBAD_ADD_INT_H

#include "songbad_int.h"

/* songbad_db_add for a document whose texts are known to be well-formed
 * UTF-8 (they come from an article whose every text was checked when it was
 * parsed): they are not checked again. */
int songbad_db_add_checked(songbad_db *db, const songbad_doc *d, unsigned flags,
                           songbad_add_status *status);

#endif
