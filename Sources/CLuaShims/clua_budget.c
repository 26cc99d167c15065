// The sandbox's state and its budget: the counting allocator, the count hook, the limits and
// their messages, the deadline timer, and opening, arming and disarming a state.
// Everything else in CLuaShims depends on this file; it depends on none of them.
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

#include "clua_shims.h"
#include "clua_private.h"

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

void clua_apply_hook(clua_sandbox *sandbox, lua_State *thread) {
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
    clua_apply_hook(sandbox, L);
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
