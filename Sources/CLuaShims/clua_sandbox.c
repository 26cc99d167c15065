// The sandbox library: the environment each plugin gets (its own copies of the allowed
// libraries, a guarded setmetatable, load and print, watched coroutines) with the budgeted
// table, string and pattern functions in place of Lua's own.
#include <string.h>

#include "clua_shims.h"
#include "clua_library.h"
#include "clua_pattern.h"
#include "clua_private.h"

// MARK: - Sandbox library

static const char *const prototypes_key = "clua.prototypes";

static int sandbox_setmetatable(lua_State *L) {
    if (lua_type(L, 2) == LUA_TTABLE) {
        lua_pushliteral(L, "__gc");
        if (lua_rawget(L, 2) != LUA_TNIL)
            return luaL_error(L, "setmetatable: __gc metamethods are not allowed in the sandbox");
        lua_pop(L, 1);
    }
    lua_pushvalue(L, lua_upvalueindex(1));
    lua_insert(L, 1);
    lua_call(L, lua_gettop(L) - 1, 1);
    return 1;
}

typedef struct chunk_reader_state {
    const char *text;
    size_t length;
} chunk_reader_state;

static int sandbox_load(lua_State *L) {
    // upvalue 1: the environment of the plugin that owns this `load`.
    if (!lua_isnoneornil(L, 4) && !lua_rawequal(L, 4, lua_upvalueindex(1)))
        return luaL_error(L, "load: a chunk always runs in the caller's own environment in the sandbox");
    const char *chunkname = luaL_optstring(L, 2, NULL);
    size_t length = 0;
    const char *text;
    if (lua_type(L, 1) == LUA_TSTRING) {
        text = lua_tolstring(L, 1, &length);
        if (chunkname == NULL) chunkname = text;
    } else if (lua_type(L, 1) == LUA_TFUNCTION) {
        // Gather the pieces first; the reader runs under the same budget as any Lua code.
        luaL_Buffer buffer;
        lua_settop(L, 2);
        luaL_buffinit(L, &buffer);
        for (;;) {
            // The reader may be a C function (`load(os.date)` never ends): each piece is a step.
            if (clua_budget_charge(L, 1) != 0) clua_budget_raise(L);
            lua_pushvalue(L, 1);
            lua_call(L, 0, 1);
            if (lua_isnil(L, -1)) { lua_pop(L, 1); break; }
            if (lua_type(L, -1) != LUA_TSTRING) return luaL_error(L, "load: reader function must return a string");
            size_t piece_length;
            const char *piece = lua_tolstring(L, -1, &piece_length);
            if (piece_length == 0) { lua_pop(L, 1); break; }
            luaL_addvalue(&buffer);
        }
        luaL_pushresult(&buffer);
        text = lua_tolstring(L, -1, &length);
        if (chunkname == NULL) chunkname = "=(load)";
    } else {
        return luaL_typeerror(L, 1, "string or function");
    }
    int status = luaL_loadbufferx(L, text, length, chunkname, "t");
    if (status != LUA_OK) {
        luaL_pushfail(L);
        lua_insert(L, -2);
        return 2;
    }
    lua_pushvalue(L, lua_upvalueindex(1));
    lua_setupvalue(L, -2, 1);
    return 1;
}

static int sandbox_print(lua_State *L) {
    // upvalue 1: the host's print function, or nil to discard.
    clua_sandbox *sandbox = clua_sandbox_of(L);
    int count = lua_gettop(L);
    luaL_Buffer buffer;
    luaL_buffinit(L, &buffer);
    for (int i = 1; i <= count; i++) {
        // A million arguments (print(table.unpack(t))) each go through tostring in C.
        if ((i & 1023) == 0 && clua_budget_charge(L, 1024) != 0) clua_budget_raise(L);
        if (i > 1) luaL_addchar(&buffer, '\t');
        luaL_tolstring(L, i, NULL);
        luaL_addvalue(&buffer);
    }
    luaL_pushresult(&buffer);
    if (sandbox->print_truncated) return 0;
    size_t length;
    lua_tolstring(L, -1, &length);
    if (sandbox->print_budget >= 0 && (int64_t)length + 1 > sandbox->print_budget) {
        size_t keep = sandbox->print_budget > 0 ? (size_t)sandbox->print_budget : 0;
        const char *text = lua_tostring(L, -1);
        lua_pushlstring(L, text, keep);
        lua_pushliteral(L, "... [print output truncated: limit reached]");
        lua_concat(L, 2);
        sandbox->print_truncated = 1;
        sandbox->print_budget = 0;
    } else if (sandbox->print_budget >= 0) {
        sandbox->print_budget -= (int64_t)length + 1;
    }
    if (lua_isnil(L, lua_upvalueindex(1))) return 0;
    lua_pushvalue(L, lua_upvalueindex(1));
    lua_insert(L, -2);
    lua_call(L, 1, 0);
    return 0;
}

static void copy_fields(lua_State *L, int from, int to, const char *const *names) {
    from = lua_absindex(L, from);
    to = lua_absindex(L, to);
    for (; *names != NULL; names++) {
        lua_getfield(L, from, *names);
        lua_setfield(L, to, *names);
    }
}

// Calls the real coroutine function (upvalue 1) with `coroutine` on the running list, so
// the deadline signal hooks it too. The real resume and close report every failure as
// results once they have a thread and do not raise, so nothing skips taking it off again.
static int call_with_running(lua_State *L, lua_State *coroutine) {
    clua_sandbox *sandbox = clua_sandbox_of(L);
    if (sandbox->running_count >= CLUA_MAX_RUNNING) return luaL_error(L, "too many nested coroutines");
    int saved = sandbox->running_count;
    sandbox->running[saved] = coroutine;
    __atomic_signal_fence(__ATOMIC_SEQ_CST);
    sandbox->running_count = saved + 1;
    __atomic_signal_fence(__ATOMIC_SEQ_CST);
    clua_apply_hook(sandbox, coroutine);
    lua_pushvalue(L, lua_upvalueindex(1));
    lua_insert(L, 1);
    lua_call(L, lua_gettop(L) - 1, LUA_MULTRET);
    sandbox->running_count = saved;
    return lua_gettop(L);
}

// coroutine.resume.
static int sandbox_resume(lua_State *L) {
    lua_State *coroutine = lua_tothread(L, 1);
    if (coroutine == NULL) return luaL_typeerror(L, 1, "coroutine");
    return call_with_running(L, coroutine);
}

// coroutine.close, which runs the coroutine's pending __close handlers: they are Lua code too.
// Its own refusals are checked first, before the coroutine goes on the list.
static int sandbox_close(lua_State *L) {
    lua_State *coroutine = lua_tothread(L, 1);
    if (coroutine == NULL) return luaL_typeerror(L, 1, "coroutine");
    lua_Debug frame;
    if (coroutine == L) return luaL_error(L, "cannot close a running coroutine");
    if (lua_status(coroutine) == LUA_OK && lua_getstack(coroutine, 0, &frame) > 0) return luaL_error(L, "cannot close a normal coroutine");
    return call_with_running(L, coroutine);
}

// coroutine.wrap over the two above, so wrapped coroutines are watched as well.
static const char *const wrap_source =
    "local create, resume, close, error = ...\n"
    "return function(f)\n"
    "  local co = create(f)\n"
    "  local function finish(ok, ...)\n"
    "    if ok then return ... end\n"
    "    close(co)\n"
    "    error((...), 2)\n"
    "  end\n"
    "  return function(...) return finish(resume(co, ...)) end\n"
    "end\n";

static void install_coroutine_wrappers(lua_State *L, int coroutine_table, int base_table) {
    coroutine_table = lua_absindex(L, coroutine_table);
    base_table = lua_absindex(L, base_table);
    lua_getfield(L, coroutine_table, "resume");
    lua_pushcclosure(L, sandbox_resume, 1);
    int resume = lua_gettop(L);
    lua_getfield(L, coroutine_table, "close");
    lua_pushcclosure(L, sandbox_close, 1);
    int close = lua_gettop(L);
    if (luaL_loadbufferx(L, wrap_source, strlen(wrap_source), "=coroutine.wrap", "t") != LUA_OK) lua_error(L);
    lua_getfield(L, coroutine_table, "create");
    lua_pushvalue(L, resume);
    lua_pushvalue(L, close);
    lua_getfield(L, base_table, "error");
    lua_call(L, 4, 1);
    lua_setfield(L, coroutine_table, "wrap");
    lua_setfield(L, coroutine_table, "close");
    lua_setfield(L, coroutine_table, "resume");
}

static const char *const base_names[] = {
    "assert", "error", "getmetatable", "ipairs", "next", "pairs", "pcall", "rawequal",
    "rawget", "rawlen", "rawset", "select", "tonumber", "tostring", "type", "xpcall",
    "_VERSION", NULL,
};
static const char *const os_names[] = {"time", "date", "clock", "difftime", NULL};
static const char *const library_names[] = {"string", "table", "math", "utf8", "coroutine", NULL};

static void shallow_copy(lua_State *L, int from) {
    from = lua_absindex(L, from);
    lua_newtable(L);
    lua_pushnil(L);
    while (lua_next(L, from) != 0) {
        lua_pushvalue(L, -2);
        lua_insert(L, -2);
        lua_rawset(L, -4);
    }
}

void clua_prepare_sandbox(lua_State *L) {
    // Open only the libraries a script may see. io, debug and package are never opened.
    luaL_requiref(L, "_G", luaopen_base, 0);
    luaL_requiref(L, LUA_STRLIBNAME, luaopen_string, 0);
    luaL_requiref(L, LUA_TABLIBNAME, luaopen_table, 0);
    luaL_requiref(L, LUA_MATHLIBNAME, luaopen_math, 0);
    luaL_requiref(L, LUA_UTF8LIBNAME, luaopen_utf8, 0);
    luaL_requiref(L, LUA_COLIBNAME, luaopen_coroutine, 0);
    luaL_requiref(L, LUA_OSLIBNAME, luaopen_os, 0);
    // stack: _G string table math utf8 coroutine os
    int os_index = lua_gettop(L);
    int base_index = os_index - 6;

    lua_newtable(L);  // prototypes
    int prototypes = lua_gettop(L);
    lua_pushvalue(L, base_index);
    lua_setfield(L, prototypes, "_G");
    for (int i = 0; library_names[i] != NULL; i++) {
        lua_pushvalue(L, base_index + 1 + i);
        lua_setfield(L, prototypes, library_names[i]);
    }
    lua_pushvalue(L, os_index);
    lua_setfield(L, prototypes, "os");
    // Lua's own would loop in C for as long as a script asks, unseen by the budget.
    clua_install_budgeted_table(L, base_index + 2);
    install_coroutine_wrappers(L, base_index + 5, base_index);

    // The string table every string value reaches through its metatable: no dump,
    // budgeted patterns, and a metatable scripts can neither read nor change.
    shallow_copy(L, base_index + 1);
    int shared_string = lua_gettop(L);
    lua_pushnil(L);
    lua_setfield(L, shared_string, "dump");
    clua_install_budgeted_patterns(L, shared_string);
    clua_install_budgeted_string(L, shared_string);
    lua_pushvalue(L, shared_string);
    lua_setfield(L, prototypes, "safe_string");
    lua_pushliteral(L, "");
    lua_getmetatable(L, -1);
    lua_pushvalue(L, shared_string);
    lua_setfield(L, -2, "__index");
    lua_pushboolean(L, 0);
    lua_setfield(L, -2, "__metatable");
    lua_pop(L, 3);  // metatable, "", shared string

    lua_setfield(L, LUA_REGISTRYINDEX, prototypes_key);
    lua_settop(L, base_index - 1);

    // The real global table stays empty of dangerous names even though no script can reach it.
    lua_pushglobaltable(L);
    static const char *const removed[] = {"dofile", "loadfile", "collectgarbage", "require", "print", "load", "warn", NULL};
    for (int i = 0; removed[i] != NULL; i++) {
        lua_pushnil(L);
        lua_setfield(L, -2, removed[i]);
    }
    lua_pop(L, 1);
}

void clua_push_sandbox_env(lua_State *L, int print_index) {
    if (print_index != 0) print_index = lua_absindex(L, print_index);
    lua_getfield(L, LUA_REGISTRYINDEX, prototypes_key);
    int prototypes = lua_gettop(L);
    lua_newtable(L);
    int env = lua_gettop(L);

    lua_getfield(L, prototypes, "_G");
    copy_fields(L, -1, env, base_names);
    lua_getfield(L, -1, "setmetatable");
    lua_pushcclosure(L, sandbox_setmetatable, 1);
    lua_setfield(L, env, "setmetatable");
    lua_pop(L, 1);

    for (int i = 0; library_names[i] != NULL; i++) {
        // Each environment gets its own copies: one plugin changing `string.upper` changes
        // nothing another plugin sees.
        lua_getfield(L, prototypes, strcmp(library_names[i], "string") == 0 ? "safe_string" : library_names[i]);
        shallow_copy(L, -1);
        lua_setfield(L, env, library_names[i]);
        lua_pop(L, 1);
    }
    lua_newtable(L);
    lua_getfield(L, prototypes, "os");
    copy_fields(L, -1, -2, os_names);
    lua_pop(L, 1);
    lua_setfield(L, env, "os");

    lua_pushvalue(L, env);
    lua_pushcclosure(L, sandbox_load, 1);
    lua_setfield(L, env, "load");

    if (print_index != 0) lua_pushvalue(L, print_index); else lua_pushnil(L);
    lua_pushcclosure(L, sandbox_print, 1);
    lua_setfield(L, env, "print");

    lua_pushvalue(L, env);
    lua_setfield(L, env, "_G");
    lua_remove(L, prototypes);
}
