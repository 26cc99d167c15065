#ifndef KASSA_CLUA_BUDGET_H
#define KASSA_CLUA_BUDGET_H
#include <lua.h>

/// Charges `steps` units of work done inside a C function (pattern matching, for example) to the
/// running call's CPU budget. Work inside C functions is invisible to the count hook, so such
/// functions report it themselves.
/// Returns 0 while the budget lasts, 1 once it is exhausted; the caller must then call
/// `clua_budget_raise(L)` (after releasing anything it holds).
int clua_budget_charge(lua_State *L, long steps);

/// Raises the error of the exhausted limit ("time limit of 2 s exceeded", …). Never returns.
int clua_budget_raise(lua_State *L);

#endif
