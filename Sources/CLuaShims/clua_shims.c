#include "clua_shims.h"

#define _GNU_SOURCE 1
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include "clua_library.h"

#if __has_include("clua_pattern.h")
#include "clua_pattern.h"
#define CLUA_HAVE_BUDGETED_PATTERNS 1
#endif

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

// MARK: - Sandbox state

clua_sandbox *clua_sandbox_of(lua_State *L) {
    return *(clua_sandbox **)lua_getextraspace(L);
}

double clua_now(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static void limit_reached(clua_sandbox *sandbox, clua_limit limit);

// Counts every byte Lua holds. Growth beyond the cap is refused while scripts run, which
// Lua turns into a memory error at the allocation site. The host's own pushes are never
// refused: a refusal there would longjmp through a Swift frame.
static void *sandbox_alloc(void *ud, void *ptr, size_t osize, size_t nsize) {
    clua_sandbox *sandbox = (clua_sandbox *)ud;
    size_t old = ptr ? osize : 0;
    if (nsize == 0) {
        free(ptr);
        sandbox->memory_used -= old;
        return NULL;
    }
    if (nsize > old && sandbox->memory_limit != 0 && sandbox->host_depth == 0
        && sandbox->memory_used - old + nsize > sandbox->memory_limit) {
        limit_reached(sandbox, CLUA_LIMIT_MEMORY);
        return NULL;
    }
    void *grown = realloc(ptr, nsize);
    if (grown == NULL) return NULL;
    sandbox->memory_used = sandbox->memory_used - old + nsize;
    if (sandbox->memory_used > sandbox->memory_peak) sandbox->memory_peak = sandbox->memory_used;
    return grown;
}

static int sandbox_panic(lua_State *L) {
    const char *message = lua_tostring(L, -1);
    // Unreachable by design: every call from the host is protected.
    fprintf(stderr, "kassa: unprotected Lua error: %s\n", message ? message : "(not a string)");
    abort();
    return 0;
}

static void sandbox_hook(lua_State *L, lua_Debug *ar);

// Installs the hook a thread should have now: raising on every instruction once a limit
// was hit, counting when an instruction limit is armed, none otherwise.
static void apply_hook(clua_sandbox *sandbox, lua_State *thread) {
    if (sandbox->limit_hit != CLUA_LIMIT_NONE)
        lua_sethook(thread, sandbox_hook, LUA_MASKCOUNT, 1);
    else if (sandbox->instruction_limit > 0)
        lua_sethook(thread, sandbox_hook, LUA_MASKCOUNT, sandbox->hook_interval);
    else
        lua_sethook(thread, NULL, 0, 0);
}

// Records the first limit hit and hooks every running thread, so whichever runs next
// raises, and a script that catches the error with pcall meets it again at once.
// Called from the deadline signal handler too: it only writes fields (lua_sethook is
// meant to be callable asynchronously, which is how lua.c stops a script on Ctrl-C).
static void limit_reached(clua_sandbox *sandbox, clua_limit limit) {
    if (sandbox->limit_hit == CLUA_LIMIT_NONE) sandbox->limit_hit = limit;
    for (int i = 0; i < sandbox->running_count; i++)
        lua_sethook(sandbox->running[i], sandbox_hook, LUA_MASKCOUNT, 1);
}

// Pushes "FILE:LINE: time limit of 2 s exceeded"; `level` as for luaL_where.
static int push_limit_message(lua_State *L, clua_sandbox *sandbox, int level) {
    sandbox->host_depth++;
    luaL_where(L, level);
    switch (sandbox->limit_hit) {
    case CLUA_LIMIT_TIME:
        // Whole seconds as the host writes them ("1 s", not Lua's "1.0 s"), so the two agree.
        if (sandbox->timeout_seconds == (double)(int64_t)sandbox->timeout_seconds && sandbox->timeout_seconds < 1e15)
            lua_pushfstring(L, "time limit of %I s exceeded", (lua_Integer)sandbox->timeout_seconds);
        else
            lua_pushfstring(L, "time limit of %f s exceeded", (lua_Number)sandbox->timeout_seconds);
        break;
    case CLUA_LIMIT_INSTRUCTIONS:
        lua_pushfstring(L, "instruction limit of %I exceeded", (lua_Integer)sandbox->instruction_limit);
        break;
    case CLUA_LIMIT_MEMORY:
        if (sandbox->memory_limit % (1024 * 1024) == 0)
            lua_pushfstring(L, "memory limit of %I MiB exceeded", (lua_Integer)(sandbox->memory_limit / (1024 * 1024)));
        else
            lua_pushfstring(L, "memory limit of %I bytes exceeded", (lua_Integer)sandbox->memory_limit);
        break;
    default:
        lua_pushliteral(L, "limit exceeded");
    }
    lua_concat(L, 2);
    sandbox->host_depth--;
    return 1;
}

// Returns 1 once a limit has been hit in this call (and records which).
static int budget_exhausted(clua_sandbox *sandbox) {
    if (sandbox->limit_hit != CLUA_LIMIT_NONE) return 1;
    if (sandbox->deadline > 0 && clua_now() > sandbox->deadline) {
        limit_reached(sandbox, CLUA_LIMIT_TIME);
        return 1;
    }
    if (sandbox->instruction_limit > 0 && sandbox->instructions > sandbox->instruction_limit) {
        limit_reached(sandbox, CLUA_LIMIT_INSTRUCTIONS);
        return 1;
    }
    return 0;
}

static int raise_limit(lua_State *L, int level) {
    clua_sandbox *sandbox = clua_sandbox_of(L);
    lua_sethook(L, sandbox_hook, LUA_MASKCOUNT, 1);
    push_limit_message(L, sandbox, level);
    return lua_error(L);
}

int clua_budget_raise(lua_State *L) { return raise_limit(L, 1); }

void clua_limit_reached(lua_State *L, clua_limit limit) { limit_reached(clua_sandbox_of(L), limit); }

int clua_budget_charge(lua_State *L, long steps) {
    clua_sandbox *sandbox = clua_sandbox_of(L);
    sandbox->instructions += steps;
    return budget_exhausted(sandbox);
}

static void sandbox_hook(lua_State *L, lua_Debug *ar) {
    (void)ar;
    clua_sandbox *sandbox = clua_sandbox_of(L);
    if (sandbox->instruction_limit > 0 && sandbox->limit_hit == CLUA_LIMIT_NONE)
        sandbox->instructions += sandbox->hook_interval;
    // Level 0 in a hook is the running Lua function.
    if (budget_exhausted(sandbox)) raise_limit(L, 0);
}

// MARK: - The deadline timer

// One POSIX timer per OS thread, aimed at that thread (SIGEV_THREAD_ID), shared by every
// state that runs there. It is re-armed lazily: a call whose deadline is later than the
// pending expiry costs no system call; an early expiry just re-arms from the handler.
static _Thread_local clua_sandbox *armed_sandbox;
static _Thread_local timer_t deadline_timer;
static _Thread_local int deadline_timer_ready;
static _Thread_local double deadline_timer_expiry;
static pthread_once_t deadline_signal_once = PTHREAD_ONCE_INIT;
static int deadline_signal_number;

static void set_timer(double at) {
    struct itimerspec spec;
    memset(&spec, 0, sizeof(spec));
    spec.it_value.tv_sec = (time_t)at;
    spec.it_value.tv_nsec = (long)((at - (double)(time_t)at) * 1e9);
    if (spec.it_value.tv_sec == 0 && spec.it_value.tv_nsec == 0) spec.it_value.tv_nsec = 1;
    if (timer_settime(deadline_timer, TIMER_ABSTIME, &spec, NULL) == 0) deadline_timer_expiry = at;
}

static void deadline_signal(int signal_number) {
    (void)signal_number;
    int saved_errno = errno;
    deadline_timer_expiry = 0;
    clua_sandbox *sandbox = armed_sandbox;
    if (sandbox != NULL && sandbox->deadline > 0) {
        if (clua_now() >= sandbox->deadline) limit_reached(sandbox, CLUA_LIMIT_TIME);
        else set_timer(sandbox->deadline);
    }
    errno = saved_errno;
}

static void install_deadline_signal(void) {
    deadline_signal_number = SIGRTMIN + 4;
    struct sigaction action;
    memset(&action, 0, sizeof(action));
    action.sa_handler = deadline_signal;
    action.sa_flags = SA_RESTART;
    sigemptyset(&action.sa_mask);
    sigaction(deadline_signal_number, &action, NULL);
}

static void arm_deadline_timer(double deadline) {
    pthread_once(&deadline_signal_once, install_deadline_signal);
    if (!deadline_timer_ready) {
        // Dispatch and Swift concurrency workers block signals; this one is ours, so let it
        // through on the thread that runs Lua.
        sigset_t ours;
        sigemptyset(&ours);
        sigaddset(&ours, deadline_signal_number);
        pthread_sigmask(SIG_UNBLOCK, &ours, NULL);
        struct sigevent event;
        memset(&event, 0, sizeof(event));
        event.sigev_notify = SIGEV_THREAD_ID;
        event.sigev_signo = deadline_signal_number;
        event._sigev_un._tid = (pid_t)syscall(SYS_gettid);
        if (timer_create(CLOCK_MONOTONIC, &event, &deadline_timer) != 0) return;
        deadline_timer_ready = 1;
    }
    if (deadline_timer_expiry == 0 || deadline_timer_expiry > deadline) set_timer(deadline);
}

lua_State *clua_open(clua_sandbox *sandbox, int hook_interval) {
    memset(sandbox, 0, sizeof(*sandbox));
    sandbox->host_depth = 1;
    sandbox->hook_interval = hook_interval > 0 ? hook_interval : 1000;
    lua_State *L = lua_newstate(sandbox_alloc, sandbox);
    if (L == NULL) return NULL;
    *(clua_sandbox **)lua_getextraspace(L) = sandbox;
    lua_atpanic(L, sandbox_panic);
    lua_setwarnf(L, NULL, NULL);
    return L;
}

void clua_arm(lua_State *L, double timeout, int64_t instructions, size_t memory_limit, int64_t print_budget) {
    clua_sandbox *sandbox = clua_sandbox_of(L);
    sandbox->timeout_seconds = timeout;
    sandbox->deadline = timeout > 0 ? clua_now() + timeout : 0;
    sandbox->instruction_limit = instructions;
    sandbox->instructions = 0;
    sandbox->memory_limit = memory_limit;
    sandbox->limit_hit = CLUA_LIMIT_NONE;
    sandbox->print_budget = print_budget;
    sandbox->print_truncated = 0;
    sandbox->running_count = 0;
    sandbox->previous_armed = armed_sandbox;
    armed_sandbox = sandbox;
    apply_hook(sandbox, L);
    if (sandbox->deadline > 0) arm_deadline_timer(sandbox->deadline);
}

clua_limit clua_disarm(lua_State *L) {
    clua_sandbox *sandbox = clua_sandbox_of(L);
    clua_limit hit = sandbox->limit_hit;
    armed_sandbox = sandbox->previous_armed;
    sandbox->previous_armed = NULL;
    sandbox->deadline = 0;
    sandbox->instruction_limit = 0;
    sandbox->memory_limit = 0;
    sandbox->limit_hit = CLUA_LIMIT_NONE;
    sandbox->running_count = 0;
    lua_sethook(L, NULL, 0, 0);
    return hit;
}

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
        apply_hook(sandbox, L);
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
    apply_hook(sandbox, coroutine);
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
#ifdef CLUA_HAVE_BUDGETED_PATTERNS
    clua_install_budgeted_patterns(L, shared_string);
#endif
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

// MARK: - Record proxies

// A proxy is a light userdata whose value encodes the kind, the batch generation and the
// record's index: making one allocates nothing and leaves the collector nothing to do
// (measured: a full userdata per record cost about a quarter of a typical filter call).
// All light userdata share one metatable per state; scripts never see any other light
// userdata (the host's upvalues are not reachable without `debug`), so it serves records
// only, and finds the kind from the proxy's bits.
//
//   bits 56..63  kind id (1..CLUA_MAX_RECORD_KINDS)
//   bits 32..55  the low 24 bits of the batch generation
//   bits  0..31  the record's index in its batch

#define CLUA_MAX_RECORD_KINDS 64

// Strings of up to 16 bytes that records repeat (cities, countries, dates, categories) are
// pushed from a cache of Lua strings per kind. Pushing a string anew hashes it and finds it
// in Lua's string table, scattered in memory: in a filter over many records that cost more
// than the rest of the field read. A cache entry is compared by its bytes, kept beside it in
// C, and the string comes from an array slot, without touching either. A field whose values
// seldom repeat (customer numbers, names) stops using the cache for a while.
#define STRING_CACHE_SIZE 1024
#define STRING_CACHE_SAMPLE 4096
#define STRING_CACHE_REST 65536

typedef struct cached_string {
    uint64_t words[2];
    int32_t length;  // -1: empty entry
} cached_string;

typedef struct string_cache_field {
    uint32_t lookups;
    uint32_t hits;
    // Reads left before this field tries the cache again, after a sample with few hits.
    uint32_t resting;
} string_cache_field;

typedef struct kind_strings {
    cached_string entries[STRING_CACHE_SIZE];
    string_cache_field fields[64];
} kind_strings;

typedef struct record_kinds {
    int count;
    kind_strings *strings[CLUA_MAX_RECORD_KINDS + 1];
    clua_record_batch *batches[CLUA_MAX_RECORD_KINDS + 1];
    // Each kind's field names by slot, as the interned strings' objects (`lua_topointer`):
    // Lua interns short strings, so a script's `c.city` key is the very same object, and a
    // pointer comparison finds the slot without a table lookup. Longer names are not
    // interned and take the table lookup (their slot here is NULL).
    const void *const *names[CLUA_MAX_RECORD_KINDS + 1];
    int name_counts[CLUA_MAX_RECORD_KINDS + 1];
} record_kinds;

enum {
    KINDS_STATE = 1,  // full userdata: record_kinds (the metamethods reach it through the sandbox)
    KINDS_FIELDS,     // id -> (name -> slot)
    KINDS_METHODS,    // id -> (name -> function), or nothing
    KINDS_RESOLVERS,  // id -> function(proxy, name), or nothing
    KINDS_NAMES,      // id -> kind name
    KINDS_NAME_POINTERS,  // id -> full userdata holding `names[id]`
    KINDS_STRINGS,    // the cached strings: kind id's entry e at (id - 1) * STRING_CACHE_SIZE + e + 1
    KINDS_STRING_STATE,  // id -> full userdata: kind_strings
};

static const char *const kinds_key = "clua.record_kinds";

static inline void *encode_proxy(int id, uint64_t generation, int32_t index) {
    return (void *)(((uintptr_t)id << 56) | ((uintptr_t)(generation & 0xFFFFFF) << 32) | (uintptr_t)(uint32_t)index);
}

static inline int proxy_kind(const void *proxy) { return (int)((uintptr_t)proxy >> 56); }
static inline int32_t proxy_index(const void *proxy) { return (int32_t)((uintptr_t)proxy & 0xFFFFFFFF); }

// The batch of a live proxy at stack index 1, or NULL (stale: an earlier batch or call).
static clua_record_batch *live_batch(const record_kinds *kinds, const void *proxy) {
    int id = proxy_kind(proxy);
    if (id < 1 || id > kinds->count) return NULL;
    clua_record_batch *batch = kinds->batches[id];
    int32_t index = proxy_index(proxy);
    if ((((uintptr_t)proxy >> 32) & 0xFFFFFF) != (batch->generation & 0xFFFFFF) || index < 0 || index >= batch->count) return NULL;
    return batch;
}

static const char *kind_name(lua_State *L, int id) {
    lua_rawgeti(L, lua_upvalueindex(KINDS_NAMES), id);
    const char *name = lua_tostring(L, -1);
    lua_pop(L, 1);
    return name ? name : "record";
}

// The bytes of a string cell; the host leaves 16 readable bytes past the last string, so a
// short one can be read as two words and masked.
static inline uint64_t masked_word(const char *text, int32_t length) {
    uint64_t word;
    memcpy(&word, text, sizeof word);
    return length >= 8 ? word : length <= 0 ? 0 : word & ((UINT64_C(1) << (8 * length)) - 1);
}

static void push_record_string(lua_State *L, const record_kinds *kinds, int id, int slot, const char *text, int32_t length) {
    kind_strings *cache = kinds->strings[id];
    string_cache_field *field = slot < 64 && cache != NULL ? &cache->fields[slot] : NULL;
    if (length > 16 || field == NULL) {
        lua_pushlstring(L, text, (size_t)length);
        return;
    }
    if (field->resting > 0) {
        field->resting--;
        lua_pushlstring(L, text, (size_t)length);
        return;
    }
    uint64_t first = masked_word(text, length), second = masked_word(text + 8, length - 8);
    uint64_t hash = (first * UINT64_C(0x9E3779B97F4A7C15)) ^ (second * UINT64_C(0xC2B2AE3D27D4EB4F)) ^ (uint64_t)length;
    uint32_t e = (uint32_t)(hash >> 54) & (STRING_CACHE_SIZE - 1);
    cached_string *entry = &cache->entries[e];
    lua_Integer index = (lua_Integer)(id - 1) * STRING_CACHE_SIZE + e + 1;
    field->lookups++;
    if (entry->length == length && entry->words[0] == first && entry->words[1] == second) {
        field->hits++;
        lua_rawgeti(L, lua_upvalueindex(KINDS_STRINGS), index);
    } else {
        lua_pushlstring(L, text, (size_t)length);
        lua_pushvalue(L, -1);
        lua_rawseti(L, lua_upvalueindex(KINDS_STRINGS), index);
        entry->words[0] = first;
        entry->words[1] = second;
        entry->length = length;
    }
    if (field->lookups == STRING_CACHE_SAMPLE) {
        if (field->hits < STRING_CACHE_SAMPLE / 4) field->resting = STRING_CACHE_REST;
        field->lookups = field->hits = 0;
    }
}

static void push_cell(lua_State *L, const clua_record_batch *batch, const clua_cell *cell) {
    switch (cell->kind) {
    case 1: lua_pushboolean(L, cell->value != 0); break;
    case 2: lua_pushinteger(L, cell->value); break;
    case 3: {
        double number;
        memcpy(&number, &cell->value, sizeof number);
        lua_pushnumber(L, number);
        break;
    }
    case 4: lua_pushlstring(L, batch->bytes + cell->value, (size_t)cell->length); break;
    default: lua_pushnil(L); break;
    }
}

// Raises the error for a proxy whose batch is gone.
static int stale_proxy(lua_State *L, const void *proxy) {
    return luaL_error(L, "this %s record is no longer valid: it belonged to an earlier call (keep the values you need, not the record)",
                      kind_name(L, proxy_kind(proxy)));
}

// Fields read through the general path: long names, resolved fields, methods, mistakes.
static int record_index_slow(lua_State *L, clua_record_batch *batch, const void *proxy) {
    int id = proxy_kind(proxy);
    lua_rawgeti(L, lua_upvalueindex(KINDS_FIELDS), id);
    lua_pushvalue(L, 2);
    if (lua_rawget(L, -2) == LUA_TNUMBER) {
        lua_Integer slot = lua_tointeger(L, -1);
        lua_pop(L, 2);
        int column = slot >= 0 && slot < batch->fields ? batch->column_of[slot] : -1;
        static const clua_cell not_laid_out = { 6, 0, 0 };
        const clua_cell *cell = column >= 0
            ? &batch->cells[(size_t)proxy_index(proxy) * (size_t)batch->columns + (size_t)column] : &not_laid_out;
        if (slot >= 0 && slot < 64) batch->read_fields |= (uint64_t)1 << slot;
        if (cell->kind >= 5 && lua_rawgeti(L, lua_upvalueindex(KINDS_RESOLVERS), id) == LUA_TFUNCTION) {
            lua_pushvalue(L, 1);
            lua_pushvalue(L, 2);
            lua_call(L, 2, 1);
            return 1;
        }
        push_cell(L, batch, cell);
        return 1;
    }
    lua_pop(L, 2);
    if (lua_rawgeti(L, lua_upvalueindex(KINDS_METHODS), id) == LUA_TTABLE) {
        lua_pushvalue(L, 2);
        if (lua_rawget(L, -2) != LUA_TNIL) return 1;
    }
    const char *kind = kind_name(L, id);
    if (lua_type(L, 2) == LUA_TSTRING)
        return luaL_error(L, "a %s has no field '%s'", kind, lua_tostring(L, 2));
    return luaL_error(L, "a %s has no field of type %s", kind, luaL_typename(L, 2));
}

// Every field read of every record comes here: the fast path is a handful of API calls.
// The key's object pointer is compared with the field names' (short strings are interned,
// so `c.city` is the very string registered); no other value can have that pointer.
static int record_index(lua_State *L) {
    const record_kinds *kinds = (const record_kinds *)clua_sandbox_of(L)->record_kinds;
    const void *proxy = lua_touserdata(L, 1);
    clua_record_batch *batch = live_batch(kinds, proxy);
    if (batch == NULL) return stale_proxy(L, proxy);
    int id = proxy_kind(proxy);
    const void *key = lua_topointer(L, 2);
    const void *const *names = kinds->names[id];
    int count = key != NULL ? kinds->name_counts[id] : 0;
    for (int slot = 0; slot < count; slot++) {
        if (names[slot] != key) continue;
        int column = batch->column_of[slot];
        if (column < 0) break;
        const clua_cell *cell = &batch->cells[(size_t)proxy_index(proxy) * (size_t)batch->columns + (size_t)column];
        if (cell->kind >= 5) break;
        if (slot < 64) batch->read_fields |= (uint64_t)1 << slot;
        if (cell->kind == 4) push_record_string(L, kinds, id, slot, batch->bytes + cell->value, cell->length);
        else push_cell(L, batch, cell);
        return 1;
    }
    return record_index_slow(L, batch, proxy);
}

static int record_newindex(lua_State *L) {
    return luaL_error(L, "a %s record is read-only", kind_name(L, proxy_kind(lua_touserdata(L, 1))));
}

static int record_tostring(lua_State *L) {
    const record_kinds *kinds = (const record_kinds *)clua_sandbox_of(L)->record_kinds;
    const void *proxy = lua_touserdata(L, 1);
    if (live_batch(kinds, proxy) == NULL) return stale_proxy(L, proxy);
    lua_pushfstring(L, "%s record %d", kind_name(L, proxy_kind(proxy)), (int)proxy_index(proxy) + 1);
    return 1;
}

// Pushes the shared state of record kinds, creating it (and the light userdata metatable)
// on first use.
static record_kinds *push_kinds(lua_State *L) {
    if (lua_getfield(L, LUA_REGISTRYINDEX, kinds_key) == LUA_TTABLE) {
        lua_rawgeti(L, -1, KINDS_STATE);
        record_kinds *kinds = (record_kinds *)lua_touserdata(L, -1);
        lua_pop(L, 1);
        return kinds;
    }
    lua_pop(L, 1);
    lua_createtable(L, KINDS_STRING_STATE, 0);
    int registry = lua_gettop(L);
    record_kinds *kinds = (record_kinds *)lua_newuserdatauv(L, sizeof(record_kinds), 0);
    memset(kinds, 0, sizeof(record_kinds));
    clua_sandbox_of(L)->record_kinds = kinds;
    lua_rawseti(L, registry, KINDS_STATE);
    for (int i = KINDS_FIELDS; i <= KINDS_STRING_STATE; i++) {
        lua_newtable(L);
        lua_rawseti(L, registry, i);
    }

    lua_createtable(L, 0, 5);
    int meta = lua_gettop(L);
    lua_CFunction functions[] = { record_index, record_tostring, record_newindex };
    const char *names[] = { "__index", "__tostring", "__newindex" };
    for (int f = 0; f < 3; f++) {
        for (int i = KINDS_STATE; i <= KINDS_STRINGS; i++) lua_rawgeti(L, registry, i);
        lua_pushcclosure(L, functions[f], KINDS_STRINGS);
        lua_setfield(L, meta, names[f]);
    }
    lua_pushliteral(L, "record");
    lua_setfield(L, meta, "__name");
    lua_pushboolean(L, 0);
    lua_setfield(L, meta, "__metatable");
    lua_pushlightuserdata(L, NULL);
    lua_pushvalue(L, meta);
    lua_setmetatable(L, -2);
    lua_pop(L, 2);

    lua_pushvalue(L, registry);
    lua_setfield(L, LUA_REGISTRYINDEX, kinds_key);
    return kinds;
}

int clua_new_record_kind(lua_State *L, clua_record_batch *batch, const char *name) {
    // stack: fields, methods, resolver
    int resolver = lua_absindex(L, -1);
    int methods = resolver - 1;
    int fields = resolver - 2;
    record_kinds *kinds = push_kinds(L);
    int registry = lua_gettop(L);
    if (kinds->count >= CLUA_MAX_RECORD_KINDS) {
        lua_settop(L, fields - 1);
        return 0;
    }
    int id = ++kinds->count;
    kinds->batches[id] = batch;
    int sources[] = { fields, methods, resolver };
    for (int i = 0; i < 3; i++) {
        lua_rawgeti(L, registry, KINDS_FIELDS + i);
        lua_pushvalue(L, sources[i]);
        lua_rawseti(L, -2, id);
        lua_pop(L, 1);
    }
    lua_rawgeti(L, registry, KINDS_NAMES);
    lua_pushstring(L, name);
    lua_rawseti(L, -2, id);
    lua_pop(L, 1);

    // The names by slot; the fields table (kept in the registry) keeps the strings alive.
    int count = batch->fields;
    const void **names = (const void **)lua_newuserdatauv(L, sizeof(const void *) * (size_t)(count > 0 ? count : 1), 0);
    for (int slot = 0; slot < count; slot++) names[slot] = NULL;
    lua_pushnil(L);
    while (lua_next(L, fields) != 0) {
        if (lua_type(L, -2) == LUA_TSTRING && lua_isinteger(L, -1)) {
            lua_Integer slot = lua_tointeger(L, -1);
            size_t length;
            lua_tolstring(L, -2, &length);
            if (slot >= 0 && slot < count && length <= 40) names[slot] = lua_topointer(L, -2);
        }
        lua_pop(L, 1);
    }
    kinds->names[id] = names;
    kinds->name_counts[id] = count;
    lua_rawgeti(L, registry, KINDS_NAME_POINTERS);
    lua_pushvalue(L, -2);
    lua_rawseti(L, -2, id);
    lua_pop(L, 1);

    // The string cache: empty entries, and the kind's stretch of the strings array filled
    // with false so that it is all array part (read by index, never rehashed while scripts run).
    kind_strings *strings = (kind_strings *)lua_newuserdatauv(L, sizeof(kind_strings), 0);
    memset(strings, 0, sizeof(kind_strings));
    for (int e = 0; e < STRING_CACHE_SIZE; e++) strings->entries[e].length = -1;
    lua_rawgeti(L, registry, KINDS_STRING_STATE);
    lua_pushvalue(L, -2);
    lua_rawseti(L, -2, id);
    lua_pop(L, 2);
    kinds->strings[id] = strings;
    lua_rawgeti(L, registry, KINDS_STRINGS);
    for (lua_Integer index = (lua_Integer)(id - 1) * STRING_CACHE_SIZE + 1; index <= (lua_Integer)id * STRING_CACHE_SIZE; index++) {
        lua_pushboolean(L, 0);
        lua_rawseti(L, -2, index);
    }
    lua_settop(L, fields - 1);
    return id;
}

void clua_drop_record_kind(lua_State *L, int kind) {
    // Proxies still held by scripts must find a batch that matches nothing, not freed memory.
    static clua_record_batch retired = { 0 };
    record_kinds *kinds = push_kinds(L);
    if (kind >= 1 && kind <= kinds->count) {
        kinds->batches[kind] = &retired;
        // Its cached strings are let go (the slots stay, holding false).
        kinds->strings[kind] = NULL;
        lua_rawgeti(L, -1, KINDS_STRINGS);
        for (lua_Integer index = (lua_Integer)(kind - 1) * STRING_CACHE_SIZE + 1; index <= (lua_Integer)kind * STRING_CACHE_SIZE; index++) {
            lua_pushboolean(L, 0);
            lua_rawseti(L, -2, index);
        }
        lua_pop(L, 1);
    }
    lua_pop(L, 1);
}

void clua_push_record(lua_State *L, const clua_record_batch *batch, int kind, int32_t index) {
    lua_pushlightuserdata(L, encode_proxy(kind, batch->generation, index));
}

int32_t clua_record_index(lua_State *L, int idx, const clua_record_batch *batch, int kind) {
    if (lua_type(L, idx) != LUA_TLIGHTUSERDATA) return -1;
    const void *proxy = lua_touserdata(L, idx);
    int32_t index = proxy_index(proxy);
    if (proxy_kind(proxy) != kind || (((uintptr_t)proxy >> 32) & 0xFFFFFF) != (batch->generation & 0xFFFFFF)
        || index < 0 || index >= batch->count) return -1;
    return index;
}

static int record_filter(lua_State *L) {
    // upvalue 1: the kind's batch; upvalue 2: its id. Arguments: predicate, argument.
    clua_record_batch *batch = (clua_record_batch *)lua_touserdata(L, lua_upvalueindex(1));
    int id = (int)lua_tointeger(L, lua_upvalueindex(2));
    uint64_t generation = batch->generation;
    for (int32_t i = 0; i < batch->count; i++) {
        batch->current = i;
        lua_pushvalue(L, 1);
        lua_pushlightuserdata(L, encode_proxy(id, generation, i));
        lua_pushvalue(L, 2);
        lua_call(L, 2, 1);
        int type = lua_type(L, -1);
        if (type != LUA_TBOOLEAN && type != LUA_TNIL) {
            // `return c.points` would keep every customer: only true, false and nil are verdicts.
            // The position is the predicate's definition: the returning line is gone by now.
            lua_Debug where;
            lua_pushvalue(L, 1);
            lua_getinfo(L, ">S", &where);
            lua_pushfstring(L, "%s:%d: the filter returned a %s, not true or false (nil counts as false)",
                            where.short_src, where.linedefined, lua_typename(L, type));
            return lua_error(L);
        }
        batch->results[i] = (uint8_t)lua_toboolean(L, -1);
        lua_pop(L, 1);
    }
    batch->current = -1;
    return 0;
}

void clua_push_record_filter(lua_State *L, clua_record_batch *batch, int kind) {
    lua_pushlightuserdata(L, batch);
    lua_pushinteger(L, kind);
    lua_pushcclosure(L, record_filter, 2);
}
