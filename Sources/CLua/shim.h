#ifndef KASSA_CLUA_SHIM_H
#define KASSA_CLUA_SHIM_H
// Debian's liblua5.4-dev; pkg-config "lua5.4" adds -I/usr/include/lua5.4.
#include <lua.h>
#include <lualib.h>
#include <lauxlib.h>
#endif
