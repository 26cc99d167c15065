// Budgeted Lua 5.4 pattern matching: string.find, string.match, string.gmatch, string.gsub.
//
// Written from the Lua 5.4 reference manual (§6.4 and §6.4.1). Lua's own matcher runs inside one
// C call, where the count hook cannot stop it, and a pattern such as ".-.-.-.-.-b" makes it
// backtrack for hours. This one counts its steps, reports them to the CPU budget every
// STEP_CHUNK steps, and raises the budget's error once the budget is spent.
//
// A pattern is compiled once per call into an array of nodes, one per pattern item, so the
// matcher does not re-parse items at every subject position. A malformed item becomes a
// MALFORMED node at its place instead of an immediate error: Lua reports a bad item only when
// the matcher reaches it (string.find("abc", "x%") is nil, string.find("xbc", "x%") an error),
// and scripts may rely on that.
//
// The matcher backtracks like the reference implementation must (the manual defines the result
// as the first match of a leftmost, greedy/lazy search), and recurses at the same places: a
// capture, a quantified item that matched at least once, and '?'. That keeps the
// "pattern too complex" threshold (200 levels) where scripts see it in stock Lua.

#include <ctype.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <lua.h>
#include <lauxlib.h>

#include "clua_budget.h"
#include "clua_pattern.h"

enum {
    MAX_CAPTURES = 32,      // LUA_MAXCAPTURES
    MAX_DEPTH = 200,        // Lua's MAXCCALLS for the matcher
    STEP_CHUNK = 1000,      // steps between two calls of clua_budget_charge
    BULK_BYTES_PER_STEP = 16, // memchr/memcmp scan this many bytes in the time of one step
    STACK_NODES = 32,       // patterns up to this many items compile without allocating
    STACK_SETS = 4,
};

enum { CAP_OPEN = -1, CAP_POSITION = -2 };

// Node kinds. The first four match one character and may carry a quantifier.
enum {
    OP_CHAR, OP_ANY, OP_CLASS, OP_SET,
    OP_OPEN, OP_OPEN_POSITION, OP_CLOSE, OP_BALANCE, OP_FRONTIER, OP_BACKREF,
    OP_AT_END, OP_DONE, OP_MALFORMED,
};

enum { REP_ONE, REP_OPTIONAL, REP_STAR, REP_PLUS, REP_LAZY };

enum { BAD_ENDS_WITH_ESCAPE, BAD_MISSING_BRACKET, BAD_BALANCE_ARGUMENTS, BAD_FRONTIER_BRACKET };

// %a %c %d %g %l %p %s %u %w %x %z, in this order; an upper-case letter is the complement.
enum { CLASS_COUNT = 11 };

typedef struct {
    uint8_t op;
    uint8_t rep;
    uint8_t x;      // OP_CHAR: the byte; OP_CLASS: class index; OP_BALANCE: opener;
                    // OP_BACKREF: the digit; OP_MALFORMED: BAD_*
    uint8_t y;      // OP_CLASS: 1 if complemented; OP_BALANCE: closer
    uint32_t set;   // OP_SET, OP_FRONTIER: index into Program.sets
} Node;

typedef struct {
    uint32_t bits[8];
    uint32_t classes;   // bit k: class k, bit CLASS_COUNT + k: its complement
    uint8_t negated;    // '[^...]'; folded into bits when there are no classes
} CharSet;

typedef struct {
    Node *nodes;
    size_t node_count, node_capacity;
    CharSet *sets;
    size_t set_count, set_capacity;
} Program;

typedef struct {
    const char *start;
    ptrdiff_t length;   // or CAP_OPEN, CAP_POSITION
} Capture;

typedef struct {
    lua_State *L;
    const char *subject;
    const char *subject_end;
    const Node *nodes;
    const CharSet *sets;
    int level;          // captures opened so far
    int depth_left;
    long ticks_left;    // steps until the next budget report
    Capture captures[MAX_CAPTURES];
} Matcher;

#define BYTE(c) ((int)(unsigned char)(c))

// ---------------------------------------------------------------------------------------------
// Budget

// Steps done but not yet reported, carried from call to call on this thread, so that a loop of
// small calls is charged in full while the budget API is still called only once per STEP_CHUNK
// steps. (At most STEP_CHUNK steps can land on another state run later on the same thread.)
static _Thread_local long unreported_steps;

// Reports the steps of a chunk that ran out (`final` 0), or settles a finished call (`final` 1),
// where less than a chunk waits for the next call.
static void report_steps_of(Matcher *m, int final) {
    long steps = unreported_steps + (STEP_CHUNK - m->ticks_left);
    m->ticks_left = STEP_CHUNK;
    if (final && steps < STEP_CHUNK) {
        unreported_steps = steps;
        return;
    }
    unreported_steps = 0;
    if (clua_budget_charge(m->L, steps) != 0)
        clua_budget_raise(m->L);
}

static void report_steps(Matcher *m) {
    report_steps_of(m, 0);
}

static void settle_steps(Matcher *m) {
    report_steps_of(m, 1);
}

#define TICK(m, k) do { if (((m)->ticks_left -= (long)(k)) < 0) report_steps(m); } while (0)

// ---------------------------------------------------------------------------------------------
// Character classes and sets

static int class_index(int letter) {
    switch (tolower(letter)) {
        case 'a': return 0;
        case 'c': return 1;
        case 'd': return 2;
        case 'g': return 3;
        case 'l': return 4;
        case 'p': return 5;
        case 's': return 6;
        case 'u': return 7;
        case 'w': return 8;
        case 'x': return 9;
        case 'z': return 10;
        default: return -1;
    }
}

static inline int in_class(int index, int c) {
    switch (index) {
        case 0: return isalpha(c) != 0;
        case 1: return iscntrl(c) != 0;
        case 2: return isdigit(c) != 0;
        case 3: return isgraph(c) != 0;
        case 4: return islower(c) != 0;
        case 5: return ispunct(c) != 0;
        case 6: return isspace(c) != 0;
        case 7: return isupper(c) != 0;
        case 8: return isalnum(c) != 0;
        case 9: return isxdigit(c) != 0;
        default: return c == 0;
    }
}

static int in_any_class(uint32_t classes, int c) {
    while (classes != 0) {
        int k = __builtin_ctz(classes);
        classes &= classes - 1;
        int complemented = k >= CLASS_COUNT;
        if (in_class(complemented ? k - CLASS_COUNT : k, c) != complemented) return 1;
    }
    return 0;
}

static inline int set_has(const CharSet *set, int c) {
    int member = (int)((set->bits[c >> 5] >> (c & 31)) & 1u);
    if (!member && set->classes != 0) member = in_any_class(set->classes, c);
    return member ^ set->negated;
}

static void set_add_range(CharSet *set, int low, int high) {
    for (int c = low; c <= high; c++) set->bits[c >> 5] |= UINT32_C(1) << (c & 31);
}

// Parses a set whose '[' is just before `body`; returns the end of the set (past its ']'), or
// NULL when the ']' is missing. The first character of the body (after an optional '^') is
// always a member, so "[]]" and "[^]]" are sets of ']'; "%x" escapes skip the ']' search.
static const char *parse_set(const char *body, const char *end, CharSet *set) {
    int negated = 0;
    if (body < end && *body == '^') { negated = 1; body++; }
    const char *close = body;
    for (;;) {
        if (close >= end) return NULL;
        if (*close++ == '%' && close < end) close++;
        if (close < end && *close == ']') break;
    }
    memset(set, 0, sizeof *set);
    for (const char *i = body; i < close;) {
        if (*i == '%') {
            int letter = BYTE(i[1]);
            int index = class_index(letter);
            if (index < 0) set_add_range(set, letter, letter);
            else set->classes |= UINT32_C(1) << (index + (isupper(letter) ? CLASS_COUNT : 0));
            i += 2;
        } else if (i + 2 < close && i[1] == '-') {
            set_add_range(set, BYTE(i[0]), BYTE(i[2]));
            i += 3;
        } else {
            set_add_range(set, BYTE(*i), BYTE(*i));
            i++;
        }
    }
    if (set->classes == 0 && negated) {
        for (int w = 0; w < 8; w++) set->bits[w] = ~set->bits[w];
    } else {
        set->negated = (uint8_t)negated;
    }
    return close + 1;
}

// ---------------------------------------------------------------------------------------------
// Compiler

static void make_malformed(Node *node, int problem) {
    node->op = OP_MALFORMED;
    node->x = (uint8_t)problem;
}

// Compiles `pattern` (without its anchoring '^') into `program`; returns -1 when `program` has
// too little room, for the caller to retry with the bounds of `program_bounds`.
static int compile(const char *pattern, size_t length, Program *program) {
    const char *p = pattern, *end = pattern + length;
    program->node_count = 0;
    program->set_count = 0;
    while (p < end) {
        if (program->node_count + 2 > program->node_capacity) return -1;  // + OP_DONE
        Node *node = &program->nodes[program->node_count++];
        node->rep = REP_ONE;
        node->x = node->y = 0;
        node->set = 0;
        const char *item_end;   // where a quantifier of a single-character item would be
        switch (*p) {
            case '(':
                if (p + 1 < end && p[1] == ')') { node->op = OP_OPEN_POSITION; p += 2; }
                else { node->op = OP_OPEN; p++; }
                continue;
            case ')':
                node->op = OP_CLOSE;
                p++;
                continue;
            case '$':
                if (p + 1 == end) { node->op = OP_AT_END; p++; continue; }
                node->op = OP_CHAR;
                node->x = '$';
                item_end = p + 1;
                break;
            case '.':
                node->op = OP_ANY;
                item_end = p + 1;
                break;
            case '[':
                if (program->set_count == program->set_capacity) return -1;
                item_end = parse_set(p + 1, end, &program->sets[program->set_count]);
                if (item_end == NULL) { make_malformed(node, BAD_MISSING_BRACKET); goto done; }
                node->op = OP_SET;
                node->set = (uint32_t)program->set_count++;
                break;
            case '%':
                if (p + 1 == end) { make_malformed(node, BAD_ENDS_WITH_ESCAPE); goto done; }
                switch (p[1]) {
                    case 'b':
                        if (end - p < 4) { make_malformed(node, BAD_BALANCE_ARGUMENTS); goto done; }
                        node->op = OP_BALANCE;
                        node->x = (uint8_t)p[2];
                        node->y = (uint8_t)p[3];
                        p += 4;
                        continue;
                    case 'f': {
                        if (end - p < 3 || p[2] != '[') { make_malformed(node, BAD_FRONTIER_BRACKET); goto done; }
                        if (program->set_count == program->set_capacity) return -1;
                        const char *after = parse_set(p + 3, end, &program->sets[program->set_count]);
                        if (after == NULL) { make_malformed(node, BAD_MISSING_BRACKET); goto done; }
                        node->op = OP_FRONTIER;
                        node->set = (uint32_t)program->set_count++;
                        p = after;
                        continue;
                    }
                    case '0': case '1': case '2': case '3': case '4':
                    case '5': case '6': case '7': case '8': case '9':
                        node->op = OP_BACKREF;
                        node->x = (uint8_t)p[1];
                        p += 2;
                        continue;
                    default: {
                        int letter = BYTE(p[1]);
                        int index = class_index(letter);
                        if (index < 0) {
                            node->op = OP_CHAR;
                            node->x = (uint8_t)letter;
                        } else {
                            node->op = OP_CLASS;
                            node->x = (uint8_t)index;
                            node->y = isupper(letter) ? 1 : 0;
                        }
                        item_end = p + 2;
                        break;
                    }
                }
                break;
            default:
                node->op = OP_CHAR;
                node->x = (uint8_t)*p;
                item_end = p + 1;
                break;
        }
        p = item_end;
        if (p < end) {
            switch (*p) {
                case '?': node->rep = REP_OPTIONAL; p++; break;
                case '*': node->rep = REP_STAR; p++; break;
                case '+': node->rep = REP_PLUS; p++; break;
                case '-': node->rep = REP_LAZY; p++; break;
                default: break;
            }
        }
    }
done:
    program->nodes[program->node_count].op = OP_DONE;
    program->nodes[program->node_count].rep = REP_ONE;
    program->node_count++;
    return 0;
}

// Upper bounds for any pattern: every node but OP_DONE consumes a byte, every set a '['.
static void program_bounds(const char *pattern, size_t length, size_t *nodes, size_t *sets) {
    size_t brackets = 0;
    for (size_t i = 0; i < length; i++) brackets += pattern[i] == '[';
    *nodes = length + 1;
    *sets = brackets;
}

static size_t program_bytes(size_t nodes, size_t sets) {
    return sets * sizeof(CharSet) + nodes * sizeof(Node);
}

// Lays a program out in `memory` (sets first: CharSet's alignment covers Node's).
static void program_place(Program *program, void *memory, size_t nodes, size_t sets) {
    program->sets = (CharSet *)memory;
    program->set_capacity = sets;
    program->nodes = (Node *)((char *)memory + sets * sizeof(CharSet));
    program->node_capacity = nodes;
}

// Compiles into `program`, whose arrays are the caller's stack buffers; a pattern too large for
// them compiles into a userdata pushed on the Lua stack, collected with the call's frame, so
// an error raised later leaks nothing.
static void compile_with_fallback(lua_State *L, const char *pattern, size_t length, Program *program) {
    if (compile(pattern, length, program) == 0) return;
    size_t nodes, sets;
    program_bounds(pattern, length, &nodes, &sets);
    void *memory = lua_newuserdatauv(L, program_bytes(nodes, sets), 0);
    program_place(program, memory, nodes, sets);
    compile(pattern, length, program);
}

// ---------------------------------------------------------------------------------------------
// Matcher

static const char *match_here(Matcher *m, const char *s, const Node *node);

static void matcher_init(Matcher *m, lua_State *L, const char *subject, size_t length,
                         const Program *program) {
    m->L = L;
    m->subject = subject;
    m->subject_end = subject + length;
    m->nodes = program->nodes;
    m->sets = program->sets;
    m->level = 0;
    m->depth_left = MAX_DEPTH;
    m->ticks_left = STEP_CHUNK;
}

static inline int item_matches(const Matcher *m, const Node *node, int c) {
    switch (node->op) {
        case OP_CHAR: return c == node->x;
        case OP_ANY: return 1;
        case OP_CLASS: return in_class(node->x, c) ^ node->y;
        default: return set_has(&m->sets[node->set], c);
    }
}

static void raise_too_complex(Matcher *m) {
    luaL_error(m->L, "pattern too complex");
}

static void raise_malformed(Matcher *m, int problem) {
    switch (problem) {
        case BAD_ENDS_WITH_ESCAPE: luaL_error(m->L, "malformed pattern (ends with '%%')"); break;
        case BAD_MISSING_BRACKET: luaL_error(m->L, "malformed pattern (missing ']')"); break;
        case BAD_BALANCE_ARGUMENTS: luaL_error(m->L, "malformed pattern (missing arguments to '%%b')"); break;
        default: luaL_error(m->L, "missing '[' after '%%f' in pattern"); break;
    }
}

// Whether a recursive attempt of `next` at `s` could succeed; a cheap test that spares the
// recursion when the next item is a plain character.
static inline int worth_trying(const Matcher *m, const Node *next, const char *s) {
    if (next->op != OP_CHAR || next->rep != REP_ONE) return 1;
    return s < m->subject_end && BYTE(*s) == next->x;
}

// Greedy repetition: `s` is where repetitions of `item` start; tries the rest of the pattern
// after as many as possible, then one fewer, and so on.
static const char *expand_greedy(Matcher *m, const char *s, const Node *item) {
    size_t count = 0;
    size_t room = (size_t)(m->subject_end - s);
    while (count < room && item_matches(m, item, BYTE(s[count]))) count++;
    TICK(m, count);
    // Every attempt below recurses one level; stock Lua fails on the first if none is left.
    if (m->depth_left == 0) raise_too_complex(m);
    const Node *next = item + 1;
    if (next->op == OP_DONE) return s + count;
    for (;;) {
        TICK(m, 1);
        if (worth_trying(m, next, s + count)) {
            const char *result = match_here(m, s + count, next);
            if (result != NULL) return result;
        }
        if (count == 0) return NULL;
        count--;
    }
}

// Lazy repetition: tries the rest of the pattern after zero repetitions, then one, and so on.
static const char *expand_lazy(Matcher *m, const char *s, const Node *item) {
    if (m->depth_left == 0) raise_too_complex(m);
    const Node *next = item + 1;
    for (;;) {
        TICK(m, 1);
        if (worth_trying(m, next, s)) {
            const char *result = match_here(m, s, next);
            if (result != NULL) return result;
        }
        if (s < m->subject_end && item_matches(m, item, BYTE(*s))) s++;
        else return NULL;
    }
}

static const char *open_capture(Matcher *m, const char *s, const Node *node) {
    if (m->level >= MAX_CAPTURES) luaL_error(m->L, "too many captures");
    Capture *capture = &m->captures[m->level];
    capture->start = s;
    capture->length = node->op == OP_OPEN_POSITION ? CAP_POSITION : CAP_OPEN;
    m->level++;
    const char *result = match_here(m, s, node + 1);
    if (result == NULL) m->level--;
    return result;
}

static const char *close_capture(Matcher *m, const char *s, const Node *node) {
    int index = m->level - 1;
    while (index >= 0 && m->captures[index].length != CAP_OPEN) index--;
    if (index < 0) luaL_error(m->L, "invalid pattern capture");
    Capture *capture = &m->captures[index];
    capture->length = s - capture->start;
    const char *result = match_here(m, s, node + 1);
    if (result == NULL) capture->length = CAP_OPEN;
    return result;
}

static const char *match_balance(Matcher *m, const char *s, const Node *node) {
    const char *end = m->subject_end;
    if (s >= end || BYTE(*s) != node->x) return NULL;
    int open = node->x, close = node->y;
    long nesting = 1;
    for (const char *q = s + 1; q < end; q++) {
        int c = BYTE(*q);
        if (c == close) {
            if (--nesting == 0) { TICK(m, q - s); return q + 1; }
        } else if (c == open) {
            nesting++;
        }
    }
    TICK(m, end - s);
    return NULL;
}

static int match_frontier(const Matcher *m, const char *s, const Node *node) {
    const CharSet *set = &m->sets[node->set];
    int previous = s == m->subject ? 0 : BYTE(s[-1]);
    int current = s < m->subject_end ? BYTE(*s) : 0;
    return !set_has(set, previous) && set_has(set, current);
}

static const char *match_backref(Matcher *m, const char *s, const Node *node) {
    int index = node->x - '1';
    if (index < 0 || index >= m->level || m->captures[index].length == CAP_OPEN)
        luaL_error(m->L, "invalid capture index %%%d", index + 1);
    ptrdiff_t length = m->captures[index].length;
    if (length == CAP_POSITION) return NULL;   // a position is no text to repeat
    TICK(m, length / BULK_BYTES_PER_STEP);
    if (m->subject_end - s >= length && memcmp(m->captures[index].start, s, (size_t)length) == 0)
        return s + length;
    return NULL;
}

// Matches the pattern from `node` on against the subject at `s`; returns the end of the match
// or NULL.
static const char *match_here(Matcher *m, const char *s, const Node *node) {
    const char *result;
    if (m->depth_left-- == 0) raise_too_complex(m);
    for (;;) {
        TICK(m, 1);
        switch (node->op) {
            case OP_DONE:
                result = s;
                goto out;
            case OP_AT_END:
                result = s == m->subject_end ? s : NULL;
                goto out;
            case OP_OPEN:
            case OP_OPEN_POSITION:
                result = open_capture(m, s, node);
                goto out;
            case OP_CLOSE:
                result = close_capture(m, s, node);
                goto out;
            case OP_BALANCE:
                s = match_balance(m, s, node);
                if (s == NULL) { result = NULL; goto out; }
                node++;
                continue;
            case OP_FRONTIER:
                if (!match_frontier(m, s, node)) { result = NULL; goto out; }
                node++;
                continue;
            case OP_BACKREF:
                s = match_backref(m, s, node);
                if (s == NULL) { result = NULL; goto out; }
                node++;
                continue;
            case OP_MALFORMED:
                raise_malformed(m, node->x);
                result = NULL;
                goto out;
            default: {
                int hit = s < m->subject_end && item_matches(m, node, BYTE(*s));
                if (!hit) {
                    // Zero repetitions need no backtracking point.
                    if (node->rep == REP_ONE || node->rep == REP_PLUS) { result = NULL; goto out; }
                    node++;
                    continue;
                }
                switch (node->rep) {
                    case REP_ONE:
                        s++;
                        node++;
                        continue;
                    case REP_OPTIONAL:
                        result = match_here(m, s + 1, node + 1);
                        if (result != NULL) goto out;
                        node++;
                        continue;
                    case REP_PLUS:
                        result = expand_greedy(m, s + 1, node);
                        goto out;
                    case REP_STAR:
                        result = expand_greedy(m, s, node);
                        goto out;
                    default:
                        result = expand_lazy(m, s, node);
                        goto out;
                }
            }
        }
    }
out:
    m->depth_left++;
    return result;
}

static const char *match_at(Matcher *m, const char *s) {
    m->level = 0;
    m->depth_left = MAX_DEPTH;
    return match_here(m, s, m->nodes);
}

// When every match must begin with one character of the first item, returns that item, so the
// search can skip positions without entering the matcher.
static const Node *required_first(const Program *program) {
    const Node *first = &program->nodes[0];
    if (first->op > OP_SET) return NULL;
    if (first->rep != REP_ONE && first->rep != REP_PLUS) return NULL;
    return first;
}

// The first position at or after `s` where `first` matches, or NULL.
static const char *seek_start(Matcher *m, const Node *first, const char *s) {
    const char *end = m->subject_end;
    if (first->op == OP_CHAR) {
        const char *hit = memchr(s, first->x, (size_t)(end - s));
        TICK(m, ((hit != NULL ? hit : end) - s) / BULK_BYTES_PER_STEP + 1);
        return hit;
    }
    const char *q = s;
    while (q < end && !item_matches(m, first, BYTE(*q))) q++;
    TICK(m, q - s + 1);
    return q < end ? q : NULL;
}

// ---------------------------------------------------------------------------------------------
// Captures as Lua values

// A capture's text (`*text`, returns its length), or CAP_POSITION with `*position` set. Index 0
// of a pattern without captures is the whole match `s`..`e`.
static ptrdiff_t capture_value(Matcher *m, int index, const char *s, const char *e,
                               const char **text, lua_Integer *position) {
    if (index >= m->level) {
        if (index != 0) luaL_error(m->L, "invalid capture index %%%d", index + 1);
        *text = s;
        return e - s;
    }
    const Capture *capture = &m->captures[index];
    if (capture->length == CAP_OPEN) luaL_error(m->L, "unfinished capture");
    if (capture->length == CAP_POSITION) {
        *position = (lua_Integer)(capture->start - m->subject) + 1;
        return CAP_POSITION;
    }
    *text = capture->start;
    return capture->length;
}

static void push_capture(Matcher *m, int index, const char *s, const char *e) {
    const char *text = NULL;
    lua_Integer position = 0;
    ptrdiff_t length = capture_value(m, index, s, e, &text, &position);
    if (length == CAP_POSITION) lua_pushinteger(m->L, position);
    else lua_pushlstring(m->L, text, (size_t)length);
}

// Pushes the captures, or the whole match when the pattern has none and `whole` is set.
static int push_captures(Matcher *m, const char *s, const char *e, int whole) {
    int count = (m->level == 0 && whole) ? 1 : m->level;
    luaL_checkstack(m->L, count, "too many captures");
    for (int i = 0; i < count; i++) push_capture(m, i, s, e);
    return count;
}

// ---------------------------------------------------------------------------------------------
// find and match

// Lua's rule for a start position: negative counts from the end, 0 and anything before the
// start mean 1. Returns a 0-based offset, possibly past the end.
static size_t start_offset(lua_Integer position, size_t length) {
    if (position > 0) return (size_t)position - 1;
    if (position == 0) return 0;
    if (position < -(lua_Integer)length) return 0;
    return length - (size_t)(-position);
}

static int has_specials(const char *pattern, size_t length) {
    for (size_t i = 0; i < length; i++) {
        switch (pattern[i]) {
            case '^': case '$': case '*': case '+': case '?':
            case '.': case '(': case '[': case '%': case '-':
                return 1;
            default:
                break;
        }
    }
    return 0;
}

static int find_plain(lua_State *L, const char *s, size_t length, size_t offset,
                      const char *needle, size_t needle_length) {
    Matcher m;
    Program none = { 0 };
    matcher_init(&m, L, s, length, &none);
    const char *found = NULL;
    if (needle_length == 0) {
        found = s + offset;
    } else if (needle_length <= length - offset) {
        const char *q = s + offset;
        const char *last = s + length - needle_length;
        int first = BYTE(needle[0]);
        while (q <= last) {
            const char *hit = memchr(q, first, (size_t)(last - q) + 1);
            if (hit == NULL) break;
            TICK(&m, (hit - q + needle_length) / BULK_BYTES_PER_STEP + 1);
            if (memcmp(hit + 1, needle + 1, needle_length - 1) == 0) { found = hit; break; }
            q = hit + 1;
        }
        if (found == NULL) TICK(&m, (last + 1 - q) / BULK_BYTES_PER_STEP);
    }
    settle_steps(&m);
    if (found == NULL) {
        luaL_pushfail(L);
        return 1;
    }
    lua_pushinteger(L, (lua_Integer)(found - s) + 1);
    lua_pushinteger(L, (lua_Integer)(found - s + needle_length));
    return 2;
}

static int find_or_match(lua_State *L, int is_find) {
    size_t length, pattern_length;
    const char *s = luaL_checklstring(L, 1, &length);
    const char *pattern = luaL_checklstring(L, 2, &pattern_length);
    size_t offset = start_offset(luaL_optinteger(L, 3, 1), length);
    if (offset > length) {
        luaL_pushfail(L);
        return 1;
    }
    if (is_find && (lua_toboolean(L, 4) || !has_specials(pattern, pattern_length)))
        return find_plain(L, s, length, offset, pattern, pattern_length);

    int anchored = pattern_length > 0 && *pattern == '^';
    if (anchored) { pattern++; pattern_length--; }
    Node node_buffer[STACK_NODES];
    CharSet set_buffer[STACK_SETS];
    Program program = { node_buffer, 0, STACK_NODES, set_buffer, 0, STACK_SETS };
    compile_with_fallback(L, pattern, pattern_length, &program);

    Matcher m;
    matcher_init(&m, L, s, length, &program);
    TICK(&m, pattern_length);
    const Node *first = anchored ? NULL : required_first(&program);
    const char *at = s + offset;
    for (;;) {
        if (first != NULL && (at = seek_start(&m, first, at)) == NULL) break;
        const char *e = match_at(&m, at);
        if (e != NULL) {
            settle_steps(&m);
            if (!is_find) return push_captures(&m, at, e, 1);
            lua_pushinteger(L, (lua_Integer)(at - s) + 1);
            lua_pushinteger(L, (lua_Integer)(e - s));
            return push_captures(&m, NULL, NULL, 0) + 2;
        }
        if (anchored || at >= m.subject_end) break;
        at++;
    }
    settle_steps(&m);
    luaL_pushfail(L);
    return 1;
}

int clua_str_find(lua_State *L) {
    return find_or_match(L, 1);
}

int clua_str_match(lua_State *L) {
    return find_or_match(L, 0);
}

// ---------------------------------------------------------------------------------------------
// gmatch

typedef struct {
    size_t position;    // where the next search starts; past the end once nothing is left
    size_t last_end;    // end of the previous match, or SIZE_MAX
    Program program;    // lives in the same userdata, after this header
} GmatchState;

static int gmatch_next(lua_State *L) {
    size_t length;
    const char *s = lua_tolstring(L, lua_upvalueindex(1), &length);
    GmatchState *state = (GmatchState *)lua_touserdata(L, lua_upvalueindex(3));
    if (state->position > length) return 0;
    Matcher m;
    matcher_init(&m, L, s, length, &state->program);
    const Node *first = required_first(&state->program);
    const char *previous_end = state->last_end == SIZE_MAX ? NULL : s + state->last_end;
    const char *at = s + state->position;
    for (;;) {
        if (first != NULL && (at = seek_start(&m, first, at)) == NULL) break;
        const char *e = match_at(&m, at);
        // An empty match where the previous one ended would repeat it; move on.
        if (e != NULL && e != previous_end) {
            state->position = state->last_end = (size_t)(e - s);
            settle_steps(&m);
            return push_captures(&m, at, e, 1);
        }
        if (at >= m.subject_end) break;
        at++;
    }
    state->position = length + 1;
    settle_steps(&m);
    return 0;
}

int clua_str_gmatch(lua_State *L) {
    size_t length, pattern_length;
    luaL_checklstring(L, 1, &length);
    const char *pattern = luaL_checklstring(L, 2, &pattern_length);
    size_t offset = start_offset(luaL_optinteger(L, 3, 1), length);
    lua_settop(L, 2);   // the iterator keeps both strings alive as upvalues
    size_t nodes, sets;
    program_bounds(pattern, pattern_length, &nodes, &sets);
    GmatchState *state = (GmatchState *)lua_newuserdatauv(
        L, sizeof(GmatchState) + program_bytes(nodes, sets), 0);
    state->position = offset > length ? length + 1 : offset;
    state->last_end = SIZE_MAX;
    program_place(&state->program, state + 1, nodes, sets);
    compile(pattern, pattern_length, &state->program);
    lua_pushcclosure(L, gmatch_next, 3);
    return 1;
}

// ---------------------------------------------------------------------------------------------
// gsub

// Appends a replacement string with its "%0".."%9" and "%%" expanded.
static void append_template(Matcher *m, luaL_Buffer *buffer, const char *s, const char *e,
                            const char *repl_text, size_t repl_length) {
    const char *t = repl_text, *end = repl_text + repl_length;
    while (t < end) {
        const char *escape = memchr(t, '%', (size_t)(end - t));
        if (escape == NULL) {
            luaL_addlstring(buffer, t, (size_t)(end - t));
            return;
        }
        luaL_addlstring(buffer, t, (size_t)(escape - t));
        // Lua strings end with a '\0', which is what a final '%' sees.
        int c = escape + 1 < end ? BYTE(escape[1]) : 0;
        t = escape + 2;
        if (c == '%') {
            luaL_addchar(buffer, '%');
        } else if (c == '0') {
            luaL_addlstring(buffer, s, (size_t)(e - s));
        } else if (isdigit(c)) {
            const char *text = NULL;
            lua_Integer position = 0;
            ptrdiff_t length = capture_value(m, c - '1', s, e, &text, &position);
            if (length == CAP_POSITION) {
                lua_pushinteger(m->L, position);
                luaL_addvalue(buffer);
            } else {
                luaL_addlstring(buffer, text, (size_t)length);
            }
        } else {
            luaL_error(m->L, "invalid use of '%%' in replacement string");
        }
    }
}

// Appends the replacement of the match `s`..`e`; returns whether it differs from the match.
static int append_replacement(Matcher *m, luaL_Buffer *buffer, const char *s, const char *e,
                              int repl_type, const char *repl_text, size_t repl_length) {
    lua_State *L = m->L;
    if (repl_type == LUA_TFUNCTION) {
        lua_pushvalue(L, 3);
        int count = push_captures(m, s, e, 1);
        lua_call(L, count, 1);
    } else if (repl_type == LUA_TTABLE) {
        push_capture(m, 0, s, e);
        lua_gettable(L, 3);
    } else {
        append_template(m, buffer, s, e, repl_text, repl_length);
        return 1;
    }
    if (!lua_toboolean(L, -1)) {    // nil or false keep the match
        lua_pop(L, 1);
        luaL_addlstring(buffer, s, (size_t)(e - s));
        return 0;
    }
    if (!lua_isstring(L, -1))
        return luaL_error(L, "invalid replacement value (a %s)", luaL_typename(L, -1));
    luaL_addvalue(buffer);
    return 1;
}

int clua_str_gsub(lua_State *L) {
    size_t length, pattern_length;
    const char *s = luaL_checklstring(L, 1, &length);
    const char *pattern = luaL_checklstring(L, 2, &pattern_length);
    int repl_type = lua_type(L, 3);
    lua_Integer max_replacements = luaL_optinteger(L, 4, (lua_Integer)length + 1);
    luaL_argexpected(L, repl_type == LUA_TNUMBER || repl_type == LUA_TSTRING ||
                        repl_type == LUA_TFUNCTION || repl_type == LUA_TTABLE,
                     3, "string/function/table");
    size_t repl_length = 0;
    const char *repl_text = NULL;
    if (repl_type == LUA_TNUMBER || repl_type == LUA_TSTRING)
        repl_text = lua_tolstring(L, 3, &repl_length);

    int anchored = pattern_length > 0 && *pattern == '^';
    if (anchored) { pattern++; pattern_length--; }
    Node node_buffer[STACK_NODES];
    CharSet set_buffer[STACK_SETS];
    Program program = { node_buffer, 0, STACK_NODES, set_buffer, 0, STACK_SETS };
    compile_with_fallback(L, pattern, pattern_length, &program);   // before the buffer's slot

    Matcher m;
    matcher_init(&m, L, s, length, &program);
    TICK(&m, pattern_length);
    const Node *first = anchored ? NULL : required_first(&program);
    luaL_Buffer buffer;
    luaL_buffinit(L, &buffer);
    const char *at = s, *previous_end = NULL;
    lua_Integer replacements = 0;
    int changed = 0;
    while (replacements < max_replacements) {
        if (first != NULL) {
            const char *next = seek_start(&m, first, at);
            if (next == NULL) break;
            luaL_addlstring(&buffer, at, (size_t)(next - at));
            at = next;
        }
        const char *e = match_at(&m, at);
        if (e != NULL && e != previous_end) {
            replacements++;
            changed |= append_replacement(&m, &buffer, at, e, repl_type, repl_text, repl_length);
            at = previous_end = e;
        } else if (at < m.subject_end) {
            luaL_addchar(&buffer, *at++);
        } else {
            break;
        }
        if (anchored) break;
    }
    if (!changed) {
        lua_pushvalue(L, 1);
    } else {
        luaL_addlstring(&buffer, at, (size_t)(m.subject_end - at));
        TICK(&m, (m.subject_end - s) / BULK_BYTES_PER_STEP);
        luaL_pushresult(&buffer);
    }
    lua_pushinteger(L, replacements);
    settle_steps(&m);
    return 2;
}

// ---------------------------------------------------------------------------------------------

void clua_install_budgeted_patterns(lua_State *L, int table_index) {
    int table = lua_absindex(L, table_index);
    lua_pushcfunction(L, clua_str_find);
    lua_setfield(L, table, "find");
    lua_pushcfunction(L, clua_str_match);
    lua_setfield(L, table, "match");
    lua_pushcfunction(L, clua_str_gmatch);
    lua_setfield(L, table, "gmatch");
    lua_pushcfunction(L, clua_str_gsub);
    lua_setfield(L, table, "gsub");
}
