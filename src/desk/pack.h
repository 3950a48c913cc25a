/* Streaming packfile writer: appends objects to a version-2 .pack and writes its .idx v2, so a
 * bulk import costs one file instead of one loose object per record (see PERF-NOTES.md). */
#ifndef CT_DESK_PACK_H
#define CT_DESK_PACK_H

#include <stddef.h>
#include <stdint.h>

#include "util/buf.h"

/* Object types as numbered in the pack format. */
enum { CT_PACK_COMMIT = 1, CT_PACK_TREE = 2, CT_PACK_BLOB = 3, CT_PACK_TAG = 4 };

typedef struct ct_pack ct_pack;

/* Starts a pack in pack_dir (the repository's objects/pack), written to a temporary file there.
 * level is the zlib level (1 is the fast default). */
int ct_pack_open(ct_pack **out, const char *pack_dir, int level);
/* Appends one object whose id (20 raw bytes, already computed by the caller) is oid. */
int ct_pack_add(ct_pack *pack, const unsigned char oid[20], int type, const void *data, size_t len);
/* Reads back an object added earlier (for lookups before the pack is finished): appends its
 * inflated data to out and sets *type. CT_ENOTFOUND when the id was not added. */
int ct_pack_read(ct_pack *pack, const unsigned char oid[20], int *type, ct_buf *out);
/* Number of objects added so far. */
size_t ct_pack_count(const ct_pack *pack);
/* Finishes the pack: fixes the object count, writes the trailer and the .idx, syncs both and
 * renames them to pack-<sha1>.pack/.idx. The pack is then visible to git. Frees pack. */
int ct_pack_finish(ct_pack *pack);
/* Drops an unfinished pack and its temporary file. NULL is a no-op. */
void ct_pack_abort(ct_pack *pack);

#endif
