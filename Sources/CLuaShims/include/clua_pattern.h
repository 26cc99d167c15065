#ifndef KASSA_CLUA_PATTERN_H
#define KASSA_CLUA_PATTERN_H
#include <lua.h>

/// Budgeted replacements for Lua 5.4's `string.find`, `string.match`, `string.gmatch` and
/// `string.gsub`, with the semantics of the Lua 5.4 reference manual (§6.4, §6.4.1): same
/// arguments, results and error messages.
///
/// Unlike Lua's own matcher, these report their work to the running call's CPU budget through
/// `clua_budget_charge`, in chunks of about 1000 steps (one step is roughly one character tried,
/// about a nanosecond), and raise through `clua_budget_raise` once it is exhausted, so a pattern
/// that would backtrack for hours ends with the limit error instead of holding the host. Steps
/// short of a chunk when a call returns are carried to the next call on the same thread, so many
/// small calls are charged in full without a budget call each. Recursion is capped like Lua's
/// (200 levels), past which they raise "pattern too complex".
///
/// Each is a `lua_CFunction`; call them from Lua, never directly.
int clua_str_find(lua_State *L);

/// Budgeted `string.match(s, pattern [, init])`; see `clua_str_find`.
int clua_str_match(lua_State *L);

/// Budgeted `string.gmatch(s, pattern [, init])`; the returned iterator is budgeted too.
/// As in Lua 5.4, a '^' at the start of the pattern is an ordinary character here.
int clua_str_gmatch(lua_State *L);

/// Budgeted `string.gsub(s, pattern, repl [, n])`; `repl` may be a string, a table or a
/// function. Time spent in a replacement function is Lua code, seen by the count hook as usual.
int clua_str_gsub(lua_State *L);

/// Sets the fields `find`, `match`, `gmatch` and `gsub` of the table at `table_index` (for
/// example the sandbox's copy of `string`) to the budgeted functions above. Leaves the stack
/// as it was.
void clua_install_budgeted_patterns(lua_State *L, int table_index);

#endif
