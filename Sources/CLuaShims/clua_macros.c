// Lua's macros as functions Swift can call (Swift imports no function-like macros).
#include "clua_shims.h"

// MARK: - Macros as functions

int clua_upvalueindex(int i) { return lua_upvalueindex(i); }
int clua_registryindex(void) { return LUA_REGISTRYINDEX; }
void clua_pop(lua_State *L, int n) { lua_pop(L, n); }
void clua_newtable(lua_State *L) { lua_newtable(L); }
int clua_isnoneornil(lua_State *L, int idx) { return lua_isnoneornil(L, idx); }
const char *clua_tolstring(lua_State *L, int idx, size_t *len) { return lua_tolstring(L, idx, len); }
lua_Number clua_tonumber(lua_State *L, int idx, int *isnum) { return lua_tonumberx(L, idx, isnum); }
lua_Integer clua_tointeger(lua_State *L, int idx, int *isnum) { return lua_tointegerx(L, idx, isnum); }
void clua_pushstring_n(lua_State *L, const char *s, size_t len) { lua_pushlstring(L, s, len); }
void clua_insert(lua_State *L, int idx) { lua_insert(L, idx); }
void clua_remove(lua_State *L, int idx) { lua_remove(L, idx); }
void clua_replace(lua_State *L, int idx) { lua_replace(L, idx); }
int clua_ref(lua_State *L) { return luaL_ref(L, LUA_REGISTRYINDEX); }
void clua_unref(lua_State *L, int ref) { luaL_unref(L, LUA_REGISTRYINDEX, ref); }
int clua_getref(lua_State *L, int ref) { return lua_rawgeti(L, LUA_REGISTRYINDEX, ref); }
void clua_push_where(lua_State *L, int level) { luaL_where(L, level); }
