#ifndef KASSA_CLUA_LIBRARY_H
#define KASSA_CLUA_LIBRARY_H
#include <lua.h>

/// Budgeted replacements for the library functions of Lua 5.4 that loop in C over a count the
/// script chooses: `table.insert`, `table.remove`, `table.move`, `table.concat`,
/// `table.unpack`, `table.sort` and `string.rep`. Same arguments, results and error messages as
/// the reference manual (§6.4, §6.6) describes.
///
/// A C function is invisible to the count hook however long it runs: `table.move({}, 1, 1e15, 2)`
/// or `table.insert` on a table whose `__len` says 2e8 allocate nothing and would hold the host
/// for hours. These charge one step per element they touch (or per comparison, for `sort`) to
/// the running call's budget through `clua_budget_charge`, in chunks of `CLUA_LIBRARY_CHUNK`
/// steps, and raise the limit's error through `clua_budget_raise` once it is spent, so the
/// deadline holds inside them too.
///
/// `table.sort` is an introsort (quicksort, heapsort past 2·log2(n) levels), so no order of the
/// elements makes it quadratic; like Lua's own, it raises "invalid order function for sorting"
/// when the comparison contradicts itself, and it never reads past the range it sorts.
int clua_tab_insert(lua_State *L);
int clua_tab_remove(lua_State *L);
int clua_tab_move(lua_State *L);
int clua_tab_concat(lua_State *L);
int clua_tab_unpack(lua_State *L);
int clua_tab_sort(lua_State *L);
int clua_str_rep(lua_State *L);

/// Elements (steps) between two calls of `clua_budget_charge`.
#define CLUA_LIBRARY_CHUNK 1024

/// Sets `insert`, `remove`, `move`, `concat`, `unpack` and `sort` of the table at `table_index`
/// (the `table` library) to the budgeted functions above. Leaves the stack as it was.
void clua_install_budgeted_table(lua_State *L, int table_index);

/// Sets `rep` of the table at `table_index` (a `string` library table) to `clua_str_rep`.
void clua_install_budgeted_string(lua_State *L, int table_index);

#endif
