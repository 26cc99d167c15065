// Budgeted versions of the table and string functions whose C loops run as long as the script
// says (see clua_library.h). Written from the Lua 5.4 reference manual; each charges the
// running call's budget every CLUA_LIBRARY_CHUNK elements, which costs one counter decrement
// per element and nothing at all for the common short calls.

#include "clua_library.h"

#include <lauxlib.h>
#include <limits.h>
#include <string.h>

#include "clua_budget.h"

// Counts one step; every CLUA_LIBRARY_CHUNK steps reports them and raises once the budget is spent.
#define TICK(L, ticks) \
    do { \
        if (++(ticks) >= CLUA_LIBRARY_CHUNK) { \
            (ticks) = 0; \
            if (clua_budget_charge((L), CLUA_LIBRARY_CHUNK) != 0) clua_budget_raise(L); \
        } \
    } while (0)

// MARK: - Tables (or anything with the metamethods a function needs)

enum { NEEDS_READ = 1, NEEDS_WRITE = 2, NEEDS_LENGTH = 4 };

static int metatable_has(lua_State *L, const char *name) {
    lua_pushstring(L, name);
    int found = lua_rawget(L, -2) != LUA_TNIL;
    lua_pop(L, 1);
    return found;
}

// Argument `arg` must be a table, or have the metamethods standing in for what is needed.
static void check_table(lua_State *L, int arg, int needs) {
    if (lua_type(L, arg) == LUA_TTABLE) return;
    int usable = 0;
    if (lua_getmetatable(L, arg)) {
        usable = (!(needs & NEEDS_READ) || metatable_has(L, "__index"))
            && (!(needs & NEEDS_WRITE) || metatable_has(L, "__newindex"))
            && (!(needs & NEEDS_LENGTH) || metatable_has(L, "__len"));
        lua_pop(L, 1);
    }
    if (!usable) luaL_checktype(L, arg, LUA_TTABLE);
}

static lua_Integer checked_length(lua_State *L, int needs) {
    check_table(L, 1, needs | NEEDS_LENGTH);
    return luaL_len(L, 1);
}

int clua_tab_insert(lua_State *L) {
    // The first free position, with Lua's wrap-around for a __len of math.maxinteger.
    lua_Integer free_position = (lua_Integer)((lua_Unsigned)checked_length(L, NEEDS_READ | NEEDS_WRITE) + 1u);
    lua_Integer position;
    switch (lua_gettop(L)) {
    case 2:
        position = free_position;
        break;
    case 3: {
        position = luaL_checkinteger(L, 2);
        // 1 <= position <= free_position
        luaL_argcheck(L, (lua_Unsigned)position - 1u < (lua_Unsigned)free_position, 2, "position out of bounds");
        long ticks = 0;
        for (lua_Integer i = free_position; i > position; i--) {
            TICK(L, ticks);
            lua_geti(L, 1, i - 1);
            lua_seti(L, 1, i);
        }
        break;
    }
    default:
        return luaL_error(L, "wrong number of arguments to 'insert'");
    }
    lua_seti(L, 1, position);
    return 0;
}

int clua_tab_remove(lua_State *L) {
    lua_Integer size = checked_length(L, NEEDS_READ | NEEDS_WRITE);
    lua_Integer position = luaL_optinteger(L, 2, size);
    // A position given must lie in 1...size + 1 (size itself may be 0).
    if (position != size)
        luaL_argcheck(L, (lua_Unsigned)position - 1u <= (lua_Unsigned)size, 2, "position out of bounds");
    lua_geti(L, 1, position);
    long ticks = 0;
    for (; position < size; position++) {
        TICK(L, ticks);
        lua_geti(L, 1, position + 1);
        lua_seti(L, 1, position);
    }
    lua_pushnil(L);
    lua_seti(L, 1, position);
    return 1;
}

int clua_tab_move(lua_State *L) {
    lua_Integer first = luaL_checkinteger(L, 2);
    lua_Integer last = luaL_checkinteger(L, 3);
    lua_Integer destination = luaL_checkinteger(L, 4);
    int target = !lua_isnoneornil(L, 5) ? 5 : 1;
    check_table(L, 1, NEEDS_READ);
    check_table(L, target, NEEDS_WRITE);
    if (last >= first) {
        luaL_argcheck(L, first > 0 || last < LUA_MAXINTEGER + first, 3, "too many elements to move");
        lua_Integer count = last - first + 1;
        luaL_argcheck(L, destination <= LUA_MAXINTEGER - count + 1, 4, "destination wrap around");
        long ticks = 0;
        // Overlapping ranges in one table are copied from the end, so nothing is overwritten unread.
        if (destination > last || destination <= first || (target != 1 && !lua_compare(L, 1, target, LUA_OPEQ))) {
            for (lua_Integer i = 0; i < count; i++) {
                TICK(L, ticks);
                lua_geti(L, 1, first + i);
                lua_seti(L, target, destination + i);
            }
        } else {
            for (lua_Integer i = count - 1; i >= 0; i--) {
                TICK(L, ticks);
                lua_geti(L, 1, first + i);
                lua_seti(L, target, destination + i);
            }
        }
    }
    lua_pushvalue(L, target);
    return 1;
}

static void add_concat_field(lua_State *L, luaL_Buffer *buffer, lua_Integer index) {
    lua_geti(L, 1, index);
    if (!lua_isstring(L, -1))
        luaL_error(L, "invalid value (%s) at index %I in table for 'concat'", luaL_typename(L, -1), (lua_Integer)index);
    luaL_addvalue(buffer);
}

int clua_tab_concat(lua_State *L) {
    lua_Integer last = checked_length(L, NEEDS_READ);
    size_t separator_length;
    const char *separator = luaL_optlstring(L, 2, "", &separator_length);
    lua_Integer index = luaL_optinteger(L, 3, 1);
    last = luaL_optinteger(L, 4, last);
    luaL_Buffer buffer;
    luaL_buffinit(L, &buffer);
    long ticks = 0;
    for (; index < last; index++) {
        TICK(L, ticks);
        add_concat_field(L, &buffer, index);
        luaL_addlstring(&buffer, separator, separator_length);
    }
    if (index == last) add_concat_field(L, &buffer, index);
    luaL_pushresult(&buffer);
    return 1;
}

int clua_tab_unpack(lua_State *L) {
    lua_Integer index = luaL_optinteger(L, 2, 1);
    lua_Integer last = lua_isnoneornil(L, 3) ? luaL_len(L, 1) : luaL_checkinteger(L, 3);
    if (index > last) return 0;
    lua_Unsigned count = (lua_Unsigned)last - (lua_Unsigned)index;
    if (count >= (lua_Unsigned)INT_MAX || !lua_checkstack(L, (int)(++count)))
        return luaL_error(L, "too many results to unpack");
    long ticks = 0;
    for (; index < last; index++) {
        TICK(L, ticks);
        lua_geti(L, 1, index);
    }
    lua_geti(L, 1, last);
    return (int)count;
}

// MARK: - Sorting

// Sorts the table at stack index 1 with the comparison at index 2 (a function, or nil for `<`).
// Elements are read and written through lua_geti/lua_seti, so metamethods apply as in Lua's
// own sort; each comparison is one step of the budget.
typedef struct sorter {
    lua_State *L;
    int has_comparison;
    long ticks;
} sorter;

// Whether the value at absolute index `a` sorts before the one at `b`.
static int sorts_before(sorter *s, int a, int b) {
    lua_State *L = s->L;
    TICK(L, s->ticks);
    if (!s->has_comparison) return lua_compare(L, a, b, LUA_OPLT);
    lua_pushvalue(L, 2);
    lua_pushvalue(L, a);
    lua_pushvalue(L, b);
    lua_call(L, 2, 1);
    int before = lua_toboolean(L, -1);
    lua_pop(L, 1);
    return before;
}

static void swap_elements(lua_State *L, lua_Integer i, lua_Integer j) {
    lua_geti(L, 1, i);
    lua_geti(L, 1, j);
    lua_seti(L, 1, i);
    lua_seti(L, 1, j);
}

// Whether element j sorts before element i (both read for the comparison and popped).
static int element_before(sorter *s, lua_Integer j, lua_Integer i) {
    lua_State *L = s->L;
    lua_geti(L, 1, j);
    lua_geti(L, 1, i);
    int top = lua_gettop(L);
    int before = sorts_before(s, top - 1, top);
    lua_pop(L, 2);
    return before;
}

static int invalid_order(lua_State *L) {
    return luaL_error(L, "invalid order function for sorting");
}

// Moves element `root` down the max-heap over first...last (rooted at first).
static void sift_down(sorter *s, lua_Integer first, lua_Integer root, lua_Integer last) {
    for (;;) {
        lua_Integer child = first + 2 * (root - first) + 1;
        if (child > last) return;
        if (child < last && element_before(s, child, child + 1)) child++;
        if (!element_before(s, root, child)) return;
        swap_elements(s->L, root, child);
        root = child;
    }
}

// The fallback once quicksort has split badly too often: n log n whatever the order.
static void heap_sort(sorter *s, lua_Integer first, lua_Integer last) {
    lua_Integer count = last - first + 1;
    for (lua_Integer root = first + (count - 2) / 2; root >= first; root--) sift_down(s, first, root, last);
    for (lua_Integer end = last; end > first; end--) {
        swap_elements(s->L, first, end);
        sift_down(s, first, first, end - 1);
    }
}

// Puts the median of first, middle and last in the middle and the other two in order at the
// ends, so both ends bound the partition loops below.
static void order_three(sorter *s, lua_Integer first, lua_Integer middle, lua_Integer last) {
    if (element_before(s, last, first)) swap_elements(s->L, first, last);
    if (element_before(s, middle, first)) swap_elements(s->L, first, middle);
    else if (element_before(s, last, middle)) swap_elements(s->L, middle, last);
}

// Partitions first...last (at least four elements, ends ordered around the pivot by
// order_three) and returns where the pivot lands: all before it sort no later, all after it no
// earlier.
static lua_Integer partition(sorter *s, lua_Integer first, lua_Integer last) {
    lua_State *L = s->L;
    lua_Integer middle = first + (last - first) / 2;
    order_three(s, first, middle, last);
    // The pivot goes next to the last element and stays on the stack while the loops run.
    swap_elements(L, middle, last - 1);
    lua_geti(L, 1, last - 1);
    int pivot = lua_gettop(L);
    lua_Integer low = first, high = last - 1;
    for (;;) {
        // a[first] does not sort after the pivot and a[last - 1] is the pivot: with a
        // consistent comparison neither loop passes them.
        for (;;) {
            lua_geti(L, 1, ++low);
            if (!sorts_before(s, pivot + 1, pivot)) break;
            if (low >= last - 1) invalid_order(L);
            lua_pop(L, 1);
        }
        for (;;) {
            lua_geti(L, 1, --high);
            if (!sorts_before(s, pivot, pivot + 2)) break;
            if (high <= first) invalid_order(L);
            lua_pop(L, 1);
        }
        // stack: pivot, a[low], a[high]
        if (high < low) {
            lua_pop(L, 1);
            // The pivot takes low's place; a[low] moves to where the pivot was.
            lua_pushvalue(L, pivot);
            lua_seti(L, 1, low);
            lua_seti(L, 1, last - 1);
            lua_pop(L, 1);
            return low;
        }
        lua_seti(L, 1, low);
        lua_seti(L, 1, high);
    }
}

static void intro_sort(sorter *s, lua_Integer first, lua_Integer last, int depth_left) {
    while (last - first >= 3) {
        if (depth_left-- == 0) {
            heap_sort(s, first, last);
            return;
        }
        lua_Integer pivot = partition(s, first, last);
        // Recurse into the smaller side, loop on the larger: the C stack stays logarithmic.
        if (pivot - first < last - pivot) {
            intro_sort(s, first, pivot - 1, depth_left);
            first = pivot + 1;
        } else {
            intro_sort(s, pivot + 1, last, depth_left);
            last = pivot - 1;
        }
    }
    if (last - first == 2) {
        order_three(s, first, first + 1, last);
    } else if (last - first == 1 && element_before(s, last, first)) {
        swap_elements(s->L, first, last);
    }
}

int clua_tab_sort(lua_State *L) {
    lua_Integer count = checked_length(L, NEEDS_READ | NEEDS_WRITE);
    if (count > 1) {
        luaL_argcheck(L, count < INT_MAX, 1, "array too big");
        if (!lua_isnoneornil(L, 2)) luaL_checktype(L, 2, LUA_TFUNCTION);
        lua_settop(L, 2);
        luaL_checkstack(L, 8, "table too big to sort");
        sorter s = { L, lua_type(L, 2) == LUA_TFUNCTION, 0 };
        int depth = 0;
        for (lua_Integer n = count; n > 1; n >>= 1) depth += 2;
        intro_sort(&s, 1, count, depth);
    }
    return 0;
}

// MARK: - Strings

// Lua 5.4's cap on the size of a string built by the string library.
#define STRING_SIZE_CAP ((size_t)INT_MAX)

int clua_str_rep(lua_State *L) {
    size_t length, separator_length;
    const char *text = luaL_checklstring(L, 1, &length);
    lua_Integer count = luaL_checkinteger(L, 2);
    const char *separator = luaL_optlstring(L, 3, "", &separator_length);
    // Nothing to repeat is the empty string however often it is repeated.
    if (count <= 0 || length + separator_length == 0) {
        lua_pushliteral(L, "");
        return 1;
    }
    if (length + separator_length < length || length + separator_length > STRING_SIZE_CAP / (size_t)count)
        return luaL_error(L, "resulting string too large");
    size_t total = (size_t)count * length + (size_t)(count - 1) * separator_length;
    luaL_Buffer buffer;
    char *out = luaL_buffinitsize(L, &buffer, total);
    long ticks = 0;
    for (lua_Integer i = 1; i < count; i++) {
        TICK(L, ticks);
        memcpy(out, text, length);
        out += length;
        if (separator_length > 0) {
            memcpy(out, separator, separator_length);
            out += separator_length;
        }
    }
    memcpy(out, text, length);
    luaL_pushresultsize(&buffer, total);
    return 1;
}

// MARK: - Installing

void clua_install_budgeted_table(lua_State *L, int table_index) {
    int table = lua_absindex(L, table_index);
    static const luaL_Reg functions[] = {
        {"insert", clua_tab_insert}, {"remove", clua_tab_remove}, {"move", clua_tab_move},
        {"concat", clua_tab_concat}, {"unpack", clua_tab_unpack}, {"sort", clua_tab_sort},
        {NULL, NULL},
    };
    for (const luaL_Reg *f = functions; f->name != NULL; f++) {
        lua_pushcfunction(L, f->func);
        lua_setfield(L, table, f->name);
    }
}

void clua_install_budgeted_string(lua_State *L, int table_index) {
    int table = lua_absindex(L, table_index);
    lua_pushcfunction(L, clua_str_rep);
    lua_setfield(L, table, "rep");
}
