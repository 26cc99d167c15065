#ifndef KASSA_CLUA_SHIMS_H
#define KASSA_CLUA_SHIMS_H
// The only C Kassa writes: Lua's macros as functions Swift can call (clua_macros.c), the
// sandbox's state, allocator, budget hook and deadline (clua_budget.c), protected calls and
// the error trampoline for Swift functions (clua_calls.c), the sandbox library
// (clua_sandbox.c, with the budgeted functions of clua_library.c and clua_pattern.c), and
// record proxies (clua_records.c). clua_budget.c depends on none of the others.
// Every exported symbol is prefixed `clua_`.

#include <lua.h>
#include <lauxlib.h>
#include <lualib.h>
#include <stddef.h>
#include <stdint.h>

#include "clua_budget.h"

// MARK: - Macros as functions

int clua_upvalueindex(int i);
int clua_registryindex(void);
void clua_pop(lua_State *L, int n);
void clua_newtable(lua_State *L);
int clua_isnoneornil(lua_State *L, int idx);
const char *clua_tolstring(lua_State *L, int idx, size_t *len);
lua_Number clua_tonumber(lua_State *L, int idx, int *isnum);
lua_Integer clua_tointeger(lua_State *L, int idx, int *isnum);
void clua_pushstring_n(lua_State *L, const char *s, size_t len);
void clua_insert(lua_State *L, int idx);
void clua_remove(lua_State *L, int idx);
void clua_replace(lua_State *L, int idx);
int clua_ref(lua_State *L);
void clua_unref(lua_State *L, int ref);
int clua_getref(lua_State *L, int ref);
/// Pushes "chunk:line:" of the function at `level` (luaL_where), never raising.
void clua_push_where(lua_State *L, int level);

// MARK: - The sandbox state of one lua_State

/// Which limit ended a call.
typedef enum clua_limit {
    CLUA_LIMIT_NONE = 0,
    CLUA_LIMIT_TIME = 1,
    CLUA_LIMIT_INSTRUCTIONS = 2,
    CLUA_LIMIT_MEMORY = 3,
} clua_limit;

/// How many coroutines may be running inside each other (Lua's own C-stack limit is lower).
#define CLUA_MAX_RUNNING 256

/// Limits and accounting shared by every thread (coroutine) of one state. Lives as long as
/// the state; its address sits in each thread's extra space.
///
/// The deadline costs nothing while code runs: no hook is installed. A per-thread POSIX
/// timer signals the thread at the deadline and the handler installs a count hook (as
/// lua.c does for Ctrl-C) on every thread that is running; that hook raises. A count hook
/// is installed up front only when an instruction limit is asked for, because in Lua 5.4
/// any count hook makes the VM trace every instruction (about twice the cost).
typedef struct clua_sandbox {
    size_t memory_used;
    size_t memory_peak;
    /// 0 = no cap.
    size_t memory_limit;
    /// > 0 while host code (Swift, the message handler) runs: the host's own pushes never fail,
    /// so an allocation failure can never longjmp through a Swift frame.
    int host_depth;
    /// Monotonic seconds; 0 = no deadline.
    double deadline;
    double timeout_seconds;
    /// 0 = no limit.
    int64_t instruction_limit;
    int64_t instructions;
    int hook_interval;
    clua_limit limit_hit;
    /// Bytes `print` may still write during this call.
    int64_t print_budget;
    int print_truncated;
    /// The threads running now, outermost first: the main thread, then each coroutine resumed
    /// inside it. The deadline signal hooks all of them.
    lua_State *running[CLUA_MAX_RUNNING];
    int running_count;
    /// The sandbox armed on this OS thread before this one (states nest through host functions).
    struct clua_sandbox *previous_armed;
    /// The state's record kinds once one is registered (kept alive by the registry): a
    /// proxy's `__index` finds them here without an API call.
    void *record_kinds;
} clua_sandbox;

/// Opens a state with the counting allocator. `hook_interval` is the number of instructions
/// between two checks when an instruction limit is armed. Returns NULL when out of memory.
lua_State *clua_open(clua_sandbox *sandbox, int hook_interval);
/// The sandbox of any thread of a state made by `clua_open`.
clua_sandbox *clua_sandbox_of(lua_State *L);
/// Monotonic clock in seconds.
double clua_now(void);

/// Arms the limits for one call from the host: deadline `timeout` seconds from now (0 = none),
/// `instructions` (0 = none), `memory_limit` bytes for the whole state (0 = none).
void clua_arm(lua_State *L, double timeout, int64_t instructions, size_t memory_limit, int64_t print_budget);
/// Records that the running call hit `limit` in host code (copying a value into the host past
/// the memory cap, for example): the call fails with it even if the script catches the error.
void clua_limit_reached(lua_State *L, clua_limit limit);
/// Disarms after the call; returns the limit that was hit, if any.
clua_limit clua_disarm(lua_State *L);

/// `lua_pcall` with the message handler that appends a traceback. Runs the function at
/// `-(nargs+1)`; results or the error object replace it, like `lua_pcall`.
int clua_pcall_traceback(lua_State *L, int nargs, int nresults);
/// Loads a text-only chunk (never bytecode) and, if `env_index` is not 0, sets it as its _ENV.
int clua_load_text(lua_State *L, const char *code, size_t len, const char *chunkname, int env_index);
/// The traceback recorded for the last error object that was not a string, or NULL.
const char *clua_last_traceback(lua_State *L);
/// Describes the value at `idx` for an error message without running any metamethod.
void clua_push_error_text(lua_State *L, int idx);

// MARK: - Swift functions

/// A host function: returns the number of results it pushed, or -1 after pushing an error
/// value, which the trampoline then raises once the host frame has returned.
typedef int (*clua_host_function)(lua_State *L, void *context);

/// Sets the single dispatcher through which every host closure is called.
void clua_set_host_dispatcher(clua_host_function dispatcher);
/// Pushes a closure that calls the host dispatcher with `context`.
void clua_push_host_function(lua_State *L, void *context);

// MARK: - The sandbox library

/// Builds a fresh environment table at the top of the stack: base functions without
/// dofile/loadfile/collectgarbage/require, safe `load` and `setmetatable`, `print` routed through the
/// host function at `print_index` (0 = discard), and private copies of string (no dump,
/// budgeted patterns), table, math, utf8, coroutine and a reduced os.
void clua_push_sandbox_env(lua_State *L, int print_index);
/// Installs the state-wide pieces once: the protected string metatable with budgeted
/// patterns and the library prototypes the environments copy from.
void clua_prepare_sandbox(lua_State *L);

// MARK: - Record proxies

/// A value of one field of one record, laid out so C can push it without calling the host.
/// Sixteen bytes: laying a batch out is on the path of every filter call.
typedef struct clua_cell {
    /// 0 nil, 1 boolean (`value` 0/1), 2 integer (`value`), 3 number (`value` holds the
    /// double's bits), 4 string (`value` is the offset into the batch's bytes, `length` its
    /// length), 5 resolved by the host's resolver function, 6 not laid out (no script had
    /// read the field yet): resolved the same way.
    int32_t kind;
    int32_t length;
    int64_t value;
} clua_cell;

/// One batch of records of one kind: `count` records of `columns` cells each. A host lays
/// out only the fields scripts read (`column_of`); the others are resolved when read. Proxies
/// made for one batch refuse to work once the generation moves on.
typedef struct clua_record_batch {
    uint64_t generation;
    /// Slots (field names) of the kind.
    int32_t fields;
    int32_t count;
    /// `count` × `columns` cells.
    const clua_cell *cells;
    /// The strings' bytes, with at least 16 readable bytes past the end of the last one.
    const char *bytes;
    /// Set while a batch function runs: the record being evaluated, for error messages.
    int32_t current;
    /// One result per record (booleans for filters).
    uint8_t *results;
    /// Bit `slot` is set once a script has read field `slot` (slots 0...63) of this kind: a
    /// host may lay out only those and leave the others to its resolver.
    uint64_t read_fields;
    /// Cells per record.
    int32_t columns;
    /// For each slot, its cell's column in a record, or -1: not laid out, resolved if read.
    const int16_t *column_of;
} clua_record_batch;

/// Registers a record kind and returns its id (1...64), or 0 when the state has 64 kinds.
/// Expects on the stack: field-name → slot table, methods table (or nil), resolver function
/// (or nil); pops them. `kind_name` is used in error messages ("customer"). Proxies are
/// light userdata; the batch must outlive the state.
int clua_new_record_kind(lua_State *L, clua_record_batch *batch, const char *kind_name);
/// Retires kind `kind` before its batch is freed: its proxies then all read as stale.
void clua_drop_record_kind(lua_State *L, int kind);
/// Pushes a proxy for record `index` of the current `batch` of kind `kind`.
void clua_push_record(lua_State *L, const clua_record_batch *batch, int kind, int32_t index);
/// The record index of a live proxy of kind `kind` (whose batch is `batch`) at `idx`, or -1
/// (stale or not a proxy).
int32_t clua_record_index(lua_State *L, int idx, const clua_record_batch *batch, int kind);
/// Pushes a function `f(pred, arg)` that calls `pred(record, arg)` for each record of the
/// current `batch` of kind `kind` and writes the verdicts into `batch->results`: true, or
/// false for false and nil; any other result raises an error at the predicate's definition.
void clua_push_record_filter(lua_State *L, clua_record_batch *batch, int kind);

#endif
