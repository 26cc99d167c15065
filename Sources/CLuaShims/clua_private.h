#ifndef KASSA_CLUA_PRIVATE_H
#define KASSA_CLUA_PRIVATE_H
// What the files of CLuaShims share and Swift never sees (not in include/).
#include "clua_shims.h"

/// Installs the hook a thread should have now: raising on every instruction once a limit
/// was hit, counting when an instruction limit is armed, none otherwise (clua_budget.c).
void clua_apply_hook(clua_sandbox *sandbox, lua_State *thread);

#endif
