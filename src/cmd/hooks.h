/* The git hooks compiled into claimtrack (hooks/ in the source tree) and their installation into
 * a desk, shared by `init` and `hooks install`. */
#ifndef CT_CMD_HOOKS_H
#define CT_CMD_HOOKS_H

#include "desk/desk.h"

enum ct_hook_state {
	CT_HOOK_MISSING,   /* no such hook */
	CT_HOOK_CURRENT,   /* claimtrack's, exactly what this binary installs */
	CT_HOOK_OLD,       /* claimtrack's, from another binary or version */
	CT_HOOK_FOREIGN    /* someone else's hook */
};

/* Installs every hook into the desk's hooks directory: missing and claimtrack's own are written,
 * a foreign one only with force (each one left alone is reported on stderr). verbose prints one
 * line per hook on stdout. Returns the number of hooks left alone, or a negative CT_E* code. */
int ct_hooks_install(ct_desk *desk, int force, int verbose);

#endif
