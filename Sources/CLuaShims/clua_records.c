// Record proxies: customers and other records passed to Lua as light userdata with an
// __index metamethod (DESIGN.md, Lua bridging rule 2).
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "clua_shims.h"

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
