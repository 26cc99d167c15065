// Calls between the host and Lua: protected calls with a traceback, error texts, loading
// text chunks, and the trampoline that raises a host function's error once its frame is gone.
#include "clua_shims.h"
#include "clua_private.h"

// MARK: - Protected calls

static const char *const traceback_key = "clua.traceback";

static int message_handler(lua_State *L) {
    clua_sandbox *sandbox = clua_sandbox_of(L);
    sandbox->host_depth++;
    if (lua_type(L, 1) == LUA_TSTRING || lua_type(L, 1) == LUA_TNUMBER) {
        const char *message = lua_tostring(L, 1);
        luaL_traceback(L, L, message, 1);
    } else {
        // Keep the error object itself (a table a script may want back); its __tostring is
        // never run here, it may not return.
        luaL_traceback(L, L, NULL, 1);
        lua_setfield(L, LUA_REGISTRYINDEX, traceback_key);
        lua_settop(L, 1);
    }
    sandbox->host_depth--;
    return 1;
}

int clua_pcall_traceback(lua_State *L, int nargs, int nresults) {
    clua_sandbox *sandbox = clua_sandbox_of(L);
    int running = sandbox->running_count;
    if ((running == 0 || sandbox->running[running - 1] != L) && running < CLUA_MAX_RUNNING) {
        sandbox->running[running] = L;
        __atomic_signal_fence(__ATOMIC_SEQ_CST);
        sandbox->running_count = running + 1;
        clua_apply_hook(sandbox, L);
    }
    int base = lua_gettop(L) - nargs;
    lua_pushnil(L);
    lua_setfield(L, LUA_REGISTRYINDEX, traceback_key);
    lua_pushcfunction(L, message_handler);
    lua_insert(L, base);
    sandbox->host_depth--;
    int status = lua_pcall(L, nargs, nresults, base);
    sandbox->host_depth++;
    sandbox->running_count = running;
    lua_remove(L, base);
    return status;
}

const char *clua_last_traceback(lua_State *L) {
    lua_getfield(L, LUA_REGISTRYINDEX, traceback_key);
    const char *text = lua_tostring(L, -1);
    lua_pop(L, 1);  // the registry keeps the string alive until the next protected call
    return text;
}

void clua_push_error_text(lua_State *L, int idx) {
    switch (lua_type(L, idx)) {
    case LUA_TSTRING:
        lua_pushvalue(L, idx);
        break;
    case LUA_TNUMBER:
        lua_pushvalue(L, idx);
        lua_tostring(L, -1);
        break;
    case LUA_TNIL:
        lua_pushliteral(L, "nil");
        break;
    case LUA_TBOOLEAN:
        lua_pushstring(L, lua_toboolean(L, idx) ? "true" : "false");
        break;
    default:
        lua_pushfstring(L, "(error object is a %s value)", luaL_typename(L, idx));
    }
}

int clua_load_text(lua_State *L, const char *code, size_t len, const char *chunkname, int env_index) {
    if (env_index != 0) env_index = lua_absindex(L, env_index);
    int status = luaL_loadbufferx(L, code, len, chunkname, "t");
    if (status == LUA_OK && env_index != 0) {
        lua_pushvalue(L, env_index);
        lua_setupvalue(L, -2, 1);
    }
    return status;
}

// MARK: - Host functions

static clua_host_function host_dispatcher = NULL;

void clua_set_host_dispatcher(clua_host_function dispatcher) { host_dispatcher = dispatcher; }

static int host_trampoline(lua_State *L) {
    clua_sandbox *sandbox = clua_sandbox_of(L);
    void *context = lua_touserdata(L, lua_upvalueindex(1));
    sandbox->host_depth++;
    int results = host_dispatcher(L, context);
    sandbox->host_depth--;
    // The host's frame is gone: raising here unwinds only C and Lua frames.
    if (results < 0) return lua_error(L);
    return results;
}

void clua_push_host_function(lua_State *L, void *context) {
    lua_pushlightuserdata(L, context);
    lua_pushcclosure(L, host_trampoline, 1);
}
