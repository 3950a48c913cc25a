/* Reading whole (undeltified) objects straight from a repository's packfiles, for the bulk
 * checkout: the records a bulk add has just packed are read back to be written as files, and
 * libgit2's git_odb_read costs about twice as much per object (its zlib inflate, its object
 * cache and lookups). Objects this reader does not serve (loose, deltified, in a pack it could
 * not map) are left to libgit2: CT_ENOTFOUND. Every object served is checked against its id. */
#ifndef CT_DESK_PACKREAD_H
#define CT_DESK_PACKREAD_H

#include "util/buf.h"

typedef struct ct_pack_reader ct_pack_reader;
typedef struct ct_pack_cursor ct_pack_cursor;

/* Opens every pack of objects/pack under objects_dir (its .idx v2 mapped, its .pack read object
 * by object, so the process's resident size does not grow by the packs read). A directory without
 * packs gives a reader that finds nothing. Returns 0, or CT_ENOMEM. */
int ct_pack_reader_open(ct_pack_reader **out, const char *objects_dir);
void ct_pack_reader_free(ct_pack_reader *r);

/* A cursor reads from one thread at a time (it holds the decompressor); several cursors may
 * read one reader at once. */
int ct_pack_cursor_new(ct_pack_cursor **out, const ct_pack_reader *r);
void ct_pack_cursor_free(ct_pack_cursor *c);

/* Appends the data of the blob whose id is oid (20 raw bytes) to out. CT_ENOTFOUND when no pack
 * holds it as a whole blob (or its bytes do not hash to oid): the caller reads it otherwise. */
int ct_pack_cursor_read_blob(ct_pack_cursor *c, const unsigned char oid[20], ct_buf *out);

#endif
