/* .reg reader and writer. The reader refuses anything it does not understand rather
 * than guessing, because what it reads is written to HKEY_LOCAL_MACHINE. */
#include "regfile.h"
#include "protocols.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define HEADER_UNICODE "Windows Registry Editor Version 5.00"
#define HEADER_ANSI "REGEDIT4"
/* A comment line to regedit, which ignores it; to TLS Switch the security descriptor of
 * the key above it, saved before a change deleted that key (plan.h), given back when a
 * restore creates the key again. */
#define SECURITY_COMMENT "; TLS Switch key security: hex:"

static int fail(struct regfile_error *error, unsigned line, enum message_id reason, const char *detail)
{
    size_t n = detail ? strlen(detail) : 0;
    error->line = line;
    error->reason = reason;
    /* Truncating a long detail (a key name) is fine: the line number says where. */
    if (n >= sizeof(error->detail))
        n = sizeof(error->detail) - 1;
    if (n)
        memcpy(error->detail, detail, n);
    error->detail[n] = '\0';
    return -1;
}

int regfile_decode_unicode(const unsigned char *bytes, size_t size, struct strbuf *utf8,
                           struct regfile_error *error)
{
    if (size < 2 || bytes[0] != 0xFF || bytes[1] != 0xFE)
        return 0;
    if (text_utf16le_to_utf8(bytes + 2, size - 2, utf8) != 0)
        return fail(error, 0, MSG_REGFILE_BAD_UNICODE, NULL);
    if (utf8->failed)
        return fail(error, 0, MSG_REGFILE_TOO_LARGE, NULL);
    return 1;
}

/* --- reading --------------------------------------------------------------------- */

struct reader {
    const char *text, *end, *next;   /* next: start of the next physical line */
    unsigned line;                   /* number of the line last read */
    struct strbuf current;           /* the line last read, without its line end */
};

/* Reads the next physical line (CRLF, LF or CR end it). Returns 0 at the end. */
static int read_line(struct reader *r)
{
    const char *start = r->next, *p = start;
    if (start >= r->end)
        return 0;
    while (p < r->end && *p != '\r' && *p != '\n')
        p++;
    strbuf_clear(&r->current);
    strbuf_append_n(&r->current, start, (size_t)(p - start));
    if (p < r->end && *p == '\r') {
        p++;
        if (p < r->end && *p == '\n')
            p++;
    } else if (p < r->end && *p == '\n') {
        p++;
    }
    r->next = p;
    r->line++;
    return 1;
}

static const char *skip_blanks(const char *p)
{
    while (*p == ' ' || *p == '\t')
        p++;
    return p;
}

static void trim_right(struct strbuf *sb)
{
    while (sb->length > 0 && (sb->data[sb->length - 1] == ' ' || sb->data[sb->length - 1] == '\t'))
        sb->data[--sb->length] = '\0';
}

/* Checks a key name and returns its path below HKEY_LOCAL_MACHINE (in `path`). As
 * regedit, only the full root name counts, in any case: regedit refuses [HKLM\...]. */
static int parse_key_name(const char *name, size_t length, unsigned line, int deleting,
                          struct strbuf *path, struct regfile_error *error)
{
    static const char root[] = "HKEY_LOCAL_MACHINE";
    const char *slash = memchr(name, '\\', length);
    size_t root_length = slash ? (size_t)(slash - name) : length;
    size_t i, component = 0, levels = 0;
    char shown[128];

    text_format(shown, sizeof(shown), "%.*s", (int)(length < 120 ? length : 120), name);
    if (root_length != sizeof(root) - 1 || !text_equal_nocase_n(name, root, root_length) || !slash)
        return fail(error, line, MSG_REGFILE_OUTSIDE_SCOPE, shown);
    strbuf_clear(path);
    strbuf_append_n(path, slash + 1, length - root_length - 1);
    if (path->failed)
        return fail(error, line, MSG_REGFILE_TOO_LARGE, NULL);
    for (i = 0; i <= path->length; i++) {
        char c = path->data[i];
        if (c == '\\' || c == '\0') {
            if (component == 0 || component > 255)
                return fail(error, line, MSG_REGFILE_BAD_KEY_NAME, shown);
            /* SCHANNEL's keys are a few levels deep: a much deeper key is refused, so
             * that no file can make the plan walk thousands of levels. */
            if (++levels > REGFILE_MAX_LEVELS)
                return fail(error, line, MSG_REGFILE_KEY_TOO_DEEP, shown);
            component = 0;
        } else if ((unsigned char)c < 0x20) {
            return fail(error, line, MSG_REGFILE_BAD_KEY_NAME, shown);
        } else {
            component++;
        }
    }
    if (!regpath_within(path->data, SCHANNEL_KEY_PATH))
        return fail(error, line, MSG_REGFILE_OUTSIDE_SCOPE, shown);
    if (deleting && text_equal_nocase(path->data, SCHANNEL_KEY_PATH))
        return fail(error, line, MSG_REGFILE_DELETES_SCHANNEL, shown);
    return 0;
}

/* Whether only blanks follow, and then the end of the line or a ; comment. */
static int ends_here(const char *p)
{
    p = skip_blanks(p);
    return *p == '\0' || *p == ';';
}

/* Reads a quoted string starting after its opening quote; *p is left after the closing
 * quote. The escapes are regedit's: backslash before a backslash or a quote, \n and \r.
 * regedit turns any other backslash pair into the bare letter; here it is refused. */
static int parse_quoted(const char **p, struct strbuf *out)
{
    const char *q = *p;
    strbuf_clear(out);
    for (;;) {
        if (*q == '\0')
            return -1;
        if (*q == '"')
            break;
        if (*q == '\\') {
            q++;
            if (*q == '\\' || *q == '"')
                strbuf_append_n(out, q, 1);
            else if (*q == 'n')
                strbuf_append_n(out, "\n", 1);
            else if (*q == 'r')
                strbuf_append_n(out, "\r", 1);
            else
                return -1;
        } else {
            strbuf_append_n(out, q, 1);
        }
        q++;
    }
    *p = q + 1;
    return out->failed ? -1 : 0;
}

/* What one line of hex data (the first, after the type, or a continuation) says. */
enum hex_line { HEX_LINE_BAD, HEX_LINE_END, HEX_LINE_CONTINUES };

/* Appends the bytes of one line of hex data, as regedit reads them: bytes of one or two
 * hex digits (regedit also takes 0x11, +1 or 011; here they are refused), a comma after
 * each but the last, blanks after a comma but not before one, a trailing comma, a ;
 * comment, and a backslash where the next byte would be: the data goes on in the next
 * line. */
static enum hex_line parse_hex_line(const char *p, struct strbuf *out)
{
    int after_comma = 1;   /* the start of the data counts as after a comma */
    for (;;) {
        int high, low;
        unsigned char byte;
        if (after_comma) {
            if (*p == '\0')
                return HEX_LINE_END;   /* a trailing comma */
            p = skip_blanks(p);
            if (*p == '\\')
                return ends_here(p + 1) ? HEX_LINE_CONTINUES : HEX_LINE_BAD;
            if (*p == ';')
                return HEX_LINE_END;
        }
        high = text_hex_digit(*p);
        if (high < 0)
            return HEX_LINE_BAD;
        p++;
        low = text_hex_digit(*p);
        if (low >= 0) {
            p++;
            if (text_hex_digit(*p) >= 0)
                return HEX_LINE_BAD;   /* three digits: more than a byte, or 011 */
            byte = (unsigned char)(high * 16 + low);
        } else {
            byte = (unsigned char)high;
        }
        strbuf_append_n(out, (const char *)&byte, 1);
        if (*p == ',') {
            p++;
            after_comma = 1;
            continue;
        }
        return ends_here(p) ? HEX_LINE_END : HEX_LINE_BAD;
    }
}

/* regedit's last step for hex(1), hex(2) and hex(7) data (prepare_hex_string_data): one
 * terminator is added when the data does not end in one, and the bytes of an ANSI file
 * are text in its code page, widened to UTF-16. Only ASCII is taken from an ANSI file:
 * the code page of the PC that wrote it is not known. Returns 0, or -1. */
static int is_text_type(uint32_t type)
{
    return type == REGTYPE_SZ || type == REGTYPE_EXPAND_SZ || type == REGTYPE_MULTI_SZ;
}

static int finish_string_data(uint32_t type, int is_unicode, struct strbuf *data)
{
    size_t i;
    if (!is_text_type(type) || data->length == 0)
        return 0;
    if (is_unicode) {
        if (data->length % 2)
            return -1;   /* regedit stores a stray byte of its memory here */
        if (data->data[data->length - 1] != 0 || data->data[data->length - 2] != 0)
            strbuf_append_n(data, "\0\0", 2);
        return data->failed ? -1 : 0;
    } else {
        struct strbuf wide;
        strbuf_init(&wide);
        if (data->data[data->length - 1] != 0)
            strbuf_append_n(data, "", 1);
        for (i = 0; i < data->length; i++) {
            char unit[2];
            if ((unsigned char)data->data[i] >= 0x80) {
                strbuf_free(&wide);
                return -1;
            }
            unit[0] = data->data[i];
            unit[1] = 0;
            strbuf_append_n(&wide, unit, 2);
        }
        strbuf_clear(data);
        strbuf_append_n(data, wide.data ? wide.data : "", wide.length);
        strbuf_free(&wide);
        return data->failed ? -1 : 0;
    }
}

static int is_managed_name(const char *name)
{
    return text_equal_nocase(name, "Enabled") || text_equal_nocase(name, "DisabledByDefault");
}

/* The value's type: hex: or hex(N): with N in hex (regedit's wcstoul also takes "hex( 2)"
 * and "hex()"; here they are refused). Sets *list to the data after the colon. */
static int parse_hex_type(const char *p, uint32_t *type, const char **list)
{
    const char *close;
    size_t i, count;
    if (strncmp(p, "hex:", 4) == 0) {
        *type = REGTYPE_BINARY;
        *list = p + 4;
        return 0;
    }
    close = strchr(p + 4, ')');
    count = close ? (size_t)(close - (p + 4)) : 0;
    if (!close || count == 0 || count > 8 || close[1] != ':')
        return -1;
    *type = 0;
    for (i = 0; i < count; i++) {
        int digit = text_hex_digit(p[4 + i]);
        if (digit < 0)
            return -1;
        *type = (*type << 4) | (uint32_t)digit;
    }
    *list = close + 2;
    return 0;
}

/* Reads the continuation lines of hex data: blank lines and ; comments between them are
 * skipped, as regedit does. Returns 0, or -1 with *error set. Continuation lines keep
 * their trailing blanks: regedit trims only the value's first line. */
static int read_hex_continuation(struct reader *r, unsigned line_number, struct strbuf *data,
                                 struct regfile_error *error)
{
    for (;;) {
        const char *more;
        enum hex_line state;
        if (!read_line(r))
            return fail(error, line_number, MSG_REGFILE_CONTINUATION_AT_END, NULL);
        more = skip_blanks(r->current.data ? r->current.data : "");
        if (*more == '\0' || *more == ';')
            continue;
        if (text_hex_digit(*more) < 0)
            return fail(error, r->line, MSG_REGFILE_BAD_CONTINUATION, NULL);
        state = parse_hex_line(more, data);
        if (state == HEX_LINE_BAD)
            return fail(error, r->line, MSG_REGFILE_BAD_HEX, NULL);
        if (state == HEX_LINE_END)
            return 0;
    }
}

/* Parses `"Name"=data` or `@=data` into an operation, with the continuation lines of hex
 * data. `line` is the value's first line, its trailing blanks already trimmed. */
static int parse_value(struct reader *r, const char *line, unsigned line_number, const char *key_path,
                       int is_unicode, struct strbuf *scratch, struct regops *out, struct regfile_error *error)
{
    const char *p = line, *list;
    char name[1024];
    struct strbuf data;
    uint32_t type = 0;
    int rc = 0;

    if (*p == '@') {
        name[0] = '\0';
        p++;
    } else {
        p++;
        if (parse_quoted(&p, scratch) != 0 || scratch->length >= sizeof(name) ||
            memchr(scratch->data ? scratch->data : "", '\0', scratch->length))
            return fail(error, line_number, MSG_REGFILE_BAD_VALUE_NAME, NULL);
        memcpy(name, scratch->data ? scratch->data : "", scratch->length + 1);
    }
    p = skip_blanks(p);
    if (*p != '=')
        return fail(error, line_number, MSG_REGFILE_NO_EQUALS, NULL);
    p = skip_blanks(p + 1);

    if (*p == '-' && ends_here(p + 1)) {
        if (regops_add(out, REGOP_DELETE_VALUE, key_path, name, 0, NULL, 0, line_number) != REGSTORE_OK)
            return fail(error, line_number, MSG_REGFILE_TOO_LARGE, NULL);
        return 0;
    }

    strbuf_init(&data);
    if (*p == '"') {
        p++;
        type = REGTYPE_SZ;
        if (parse_quoted(&p, scratch) != 0 || !ends_here(p) ||
            text_utf8_to_utf16le(scratch->data ? scratch->data : "", scratch->length, &data) != 0)
            rc = fail(error, line_number, MSG_REGFILE_BAD_STRING, NULL);
        else
            strbuf_append_n(&data, "\0\0", 2);
    } else if (strncmp(p, "dword:", 6) == 0) {
        const char *digits = skip_blanks(p + 6), *end = digits;
        uint32_t value = 0;
        type = REGTYPE_DWORD;
        while (text_hex_digit(*end) >= 0 && end - digits < 9) {
            value = (value << 4) | (uint32_t)text_hex_digit(*end);
            end++;
        }
        if (end == digits || end - digits > 8 || !ends_here(end)) {
            rc = fail(error, line_number, MSG_REGFILE_BAD_DWORD, digits);
        } else {
            unsigned char bytes[4];
            le32_store(bytes, value);
            strbuf_append_n(&data, (const char *)bytes, 4);
        }
    } else if (strncmp(p, "hex:", 4) == 0 || strncmp(p, "hex(", 4) == 0) {
        enum hex_line state;
        if (parse_hex_type(p, &type, &list) != 0) {
            rc = fail(error, line_number, MSG_REGFILE_BAD_TYPE, NULL);
        } else {
            state = parse_hex_line(list, &data);
            if (state == HEX_LINE_BAD)
                rc = fail(error, line_number, MSG_REGFILE_BAD_HEX, NULL);
            else if (state == HEX_LINE_CONTINUES)
                rc = read_hex_continuation(r, line_number, &data, error);
            /* regedit fills in text data only when there is some: after "hex(7):" with
             * a comment and no bytes it reads before its buffer and stops the import. */
            if (rc == 0 && data.length == 0 && *list != '\0' && is_text_type(type))
                rc = fail(error, line_number, MSG_REGFILE_EMPTY_HEX_TEXT, NULL);
            if (rc == 0 && finish_string_data(type, is_unicode, &data) != 0)
                rc = fail(error, line_number, is_unicode ? MSG_REGFILE_BAD_HEX : MSG_REGFILE_ANSI_STRING_DATA, NULL);
        }
    } else {
        type = 0;
        rc = fail(error, line_number, MSG_REGFILE_BAD_TYPE, NULL);
    }

    if (rc == 0 && is_managed_name(name) && (type != REGTYPE_DWORD || data.length != 4))
        rc = fail(error, line_number, MSG_REGFILE_MANAGED_NOT_DWORD, name);
    if (rc == 0 && data.failed)
        rc = fail(error, line_number, MSG_REGFILE_TOO_LARGE, NULL);
    if (rc == 0 && regops_add(out, REGOP_SET_VALUE, key_path, name, type,
                              (const unsigned char *)(data.data ? data.data : ""), (uint32_t)data.length,
                              line_number) != REGSTORE_OK)
        rc = fail(error, line_number, MSG_REGFILE_TOO_LARGE, NULL);
    strbuf_free(&data);
    return rc;
}

/* The bytes after SECURITY_COMMENT: one line of hex, a valid self-relative security
 * descriptor, right below a key that is not being deleted. Returns 0, or -1. */
static int parse_security(const char *hex, unsigned line_number, int in_key, const char *key_path,
                          struct strbuf *scratch, struct regops *out, struct regfile_error *error)
{
    strbuf_clear(scratch);
    if (!in_key || parse_hex_line(hex, scratch) != HEX_LINE_END || scratch->failed ||
        !regstore_security_valid((const unsigned char *)scratch->data, scratch->length))
        return fail(error, line_number, MSG_REGFILE_BAD_SECURITY, NULL);
    if (regops_add(out, REGOP_SET_SECURITY, key_path, NULL, 0, (const unsigned char *)scratch->data,
                   (uint32_t)scratch->length, line_number) != REGSTORE_OK)
        return fail(error, line_number, MSG_REGFILE_TOO_LARGE, NULL);
    return 0;
}

int regfile_parse(const char *text, size_t length, int is_unicode, struct regops *out,
                  struct regfile_error *error)
{
    struct reader r;
    struct strbuf key_path, scratch;
    int have_key = 0, key_deleted = 0, rc = 0;
    unsigned key_lines = 0;

    memset(out, 0, sizeof(*out));
    memset(error, 0, sizeof(*error));
    r.text = text;
    r.end = text + length;
    r.next = text;
    r.line = 0;
    strbuf_init(&r.current);
    strbuf_init(&key_path);
    strbuf_init(&scratch);

    if (memchr(text, '\0', length))
        rc = fail(error, 0, MSG_REGFILE_BINARY, NULL);
    else if (!read_line(&r))
        rc = fail(error, 0, MSG_REGFILE_EMPTY, NULL);
    if (rc == 0) {
        /* As regedit: blanks before the header, nothing after it (regedit imports nothing
         * from a file whose header line ends in a blank). */
        const char *header = skip_blanks(r.current.data ? r.current.data : "");
        if (strcmp(header, HEADER_UNICODE) != 0 && strcmp(header, HEADER_ANSI) != 0)
            rc = fail(error, 1, MSG_REGFILE_BAD_HEADER, NULL);
    }

    while (rc == 0 && read_line(&r)) {
        unsigned line_number = r.line;
        const char *line;
        trim_right(&r.current);
        line = skip_blanks(r.current.data ? r.current.data : "");
        if (strncmp(line, SECURITY_COMMENT, strlen(SECURITY_COMMENT)) == 0) {
            rc = parse_security(line + strlen(SECURITY_COMMENT), line_number, have_key && !key_deleted,
                                key_path.data, &scratch, out, error);
            continue;
        }
        if (*line == '\0' || *line == ';' || *line == '#')
            continue;

        if (*line == '[') {
            /* The name ends at the last ] of the line; a ; comment may follow. */
            const char *close = strrchr(line, ']');
            int deleting = line[1] == '-';
            const char *name = line + 1 + deleting;
            if (!close || close < name || !ends_here(close + 1)) {
                rc = fail(error, line_number, MSG_REGFILE_BAD_KEY_LINE, NULL);
                break;
            }
            /* The Schannel settings have a few dozen keys; a file naming more than
             * REGFILE_MAX_KEYS is refused, so that no file can make the plan slow. */
            if (++key_lines > REGFILE_MAX_KEYS) {
                rc = fail(error, line_number, MSG_REGFILE_TOO_MANY_KEYS, NULL);
                break;
            }
            rc = parse_key_name(name, (size_t)(close - name), line_number, deleting, &key_path, error);
            if (rc == 0 && regops_add(out, deleting ? REGOP_DELETE_TREE : REGOP_CREATE_KEY, key_path.data, NULL,
                                      0, NULL, 0, line_number) != REGSTORE_OK)
                rc = fail(error, line_number, MSG_REGFILE_TOO_LARGE, NULL);
            have_key = 1;
            key_deleted = deleting;
            continue;
        }

        /* regedit skips any other line silently; here it is refused, so that a typo such
         * as a value name without quotes is not lost without a word. */
        if (*line != '"' && *line != '@') {
            rc = fail(error, line_number, MSG_REGFILE_UNRECOGNISED_LINE, NULL);
            break;
        }
        if (!have_key) {
            rc = fail(error, line_number, MSG_REGFILE_VALUE_OUTSIDE_KEY, NULL);
            break;
        }
        if (key_deleted) {
            rc = fail(error, line_number, MSG_REGFILE_VALUE_IN_DELETED_KEY, NULL);
            break;
        }
        rc = parse_value(&r, line, line_number, key_path.data, is_unicode, &scratch, out, error);
    }

    strbuf_free(&r.current);
    strbuf_free(&key_path);
    strbuf_free(&scratch);
    if (rc != 0)
        regops_free(out);
    return rc;
}

/* --- writing --------------------------------------------------------------------- */

struct backup_entry {
    char *path;
    int existed;                /* 1: [KEY] with the listed values; 0: [-KEY] */
    struct name_list names;
    const struct regstore_value *security;   /* a key the plan deletes: its descriptor, or NULL */
};

struct backup_entries {
    struct backup_entry *items;
    size_t count;
};

static void entries_free(struct backup_entries *entries)
{
    size_t i;
    for (i = 0; i < entries->count; i++) {
        free(entries->items[i].path);
        name_list_free(&entries->items[i].names);
    }
    free(entries->items);
}

/* Adds (or finds) the entry for `path` and, when given, one value name to it. */
static long entry_add(struct backup_entries *entries, const char *path, int existed, const char *name)
{
    struct backup_entry *entry = NULL;
    size_t i;
    for (i = 0; i < entries->count; i++)
        if (text_equal_nocase(entries->items[i].path, path))
            entry = &entries->items[i];
    if (!entry) {
        struct backup_entry *grown = realloc(entries->items, (entries->count + 1) * sizeof(*grown));
        if (!grown)
            return REGSTORE_NO_MEMORY;
        entries->items = grown;
        entry = &grown[entries->count];
        memset(entry, 0, sizeof(*entry));
        entry->path = text_duplicate(path);
        if (!entry->path)
            return REGSTORE_NO_MEMORY;
        entry->existed = existed;
        entries->count++;
    }
    if (name) {
        for (i = 0; i < entry->names.count; i++)
            if (text_equal_nocase(entry->names.names[i], name))
                return REGSTORE_OK;
        return name_list_add(&entry->names, name);
    }
    return REGSTORE_OK;
}

static long gather_entries(const struct regstore *current, const struct plan *plan, struct backup_entries *entries)
{
    long rc = REGSTORE_OK;
    size_t i;
    int id;
    for (id = 0; rc == REGSTORE_OK && id < PROTOCOL_COUNT; id++) {
        char client[256], protocol_key[256];
        int protocol_exists = 0, client_exists = 0;
        if (protocol_client_key_path((enum protocol_id)id, client, sizeof(client)) != 0 ||
            regpath_parent(client, protocol_key, sizeof(protocol_key)) != 0)
            return REGSTORE_NO_MEMORY;
        rc = current->ops->key_exists(current->context, protocol_key, &protocol_exists);
        if (rc == REGSTORE_OK && protocol_exists)
            rc = current->ops->key_exists(current->context, client, &client_exists);
        if (rc != REGSTORE_OK)
            break;
        if (!protocol_exists)
            rc = entry_add(entries, protocol_key, 0, NULL);
        else if (!client_exists)
            rc = entry_add(entries, client, 0, NULL);
        else {
            rc = entry_add(entries, client, 1, "Enabled");
            if (rc == REGSTORE_OK)
                rc = entry_add(entries, client, 1, "DisabledByDefault");
        }
    }
    for (i = 0; rc == REGSTORE_OK && plan && i < plan->count; i++) {
        const struct change *change = &plan->items[i];
        int exists = 0;
        rc = current->ops->key_exists(current->context, change->path, &exists);
        if (rc != REGSTORE_OK)
            break;
        if (!exists)
            rc = entry_add(entries, change->path, 0, NULL);
        else if (change->kind == CHANGE_SET_VALUE || change->kind == CHANGE_DELETE_VALUE)
            rc = entry_add(entries, change->path, 1, change->name);
        else
            rc = entry_add(entries, change->path, 1, NULL);
        if (rc == REGSTORE_OK && exists && change->kind == CHANGE_DELETE_KEY && change->security.size > 0) {
            size_t j;
            for (j = 0; j < entries->count; j++)
                if (text_equal_nocase(entries->items[j].path, change->path))
                    entries->items[j].security = &change->security;
        }
    }
    return rc;
}

static int compare_entries(const void *a, const void *b)
{
    const struct backup_entry *x = a, *y = b;
    if (x->existed != y->existed)
        return x->existed ? -1 : 1;    /* keys to restore first, keys to delete after */
    return text_compare_nocase(x->path, y->path);
}

static void write_quoted(struct strbuf *out, const char *text)
{
    strbuf_append(out, "\"");
    for (; *text; text++) {
        if (*text == '\\' || *text == '"')
            strbuf_append_n(out, "\\", 1);
        strbuf_append_n(out, text, 1);
    }
    strbuf_append(out, "\"");
}

static void write_value(struct strbuf *out, const char *name, const struct regstore_value *value)
{
    size_t column, i;
    if (name[0] == '\0')
        strbuf_append(out, "@");
    else
        write_quoted(out, name);
    if (value->type == REGTYPE_DWORD && value->size == 4) {
        strbuf_printf(out, "=dword:%08lx\n", le32_load(value->data));
        return;
    }
    /* Everything else as hex bytes, wrapped as regedit wraps them, so the exact type and
     * bytes come back. */
    column = out->length;
    if (value->type == REGTYPE_BINARY)
        strbuf_append(out, "=hex:");
    else
        strbuf_printf(out, "=hex(%lx):", (unsigned long)value->type);
    for (i = 0; i < value->size; i++) {
        strbuf_printf(out, "%02x", value->data[i]);
        if (i + 1 < value->size) {
            strbuf_append(out, ",");
            if (out->length - column >= 75) {
                strbuf_append(out, "\\\n  ");
                column = out->length - 2;
            }
        }
    }
    strbuf_append(out, "\n");
}

long regfile_write_backup(const struct regstore *current, const struct plan *plan, const char *comment,
                          struct strbuf *out_utf16)
{
    struct backup_entries entries = { NULL, 0 };
    struct strbuf text;
    size_t i, j;
    long rc = gather_entries(current, plan, &entries);

    strbuf_init(&text);
    if (entries.count > 1)
        qsort(entries.items, entries.count, sizeof(entries.items[0]), compare_entries);
    strbuf_append(&text, HEADER_UNICODE "\n\n");
    if (comment)
        strbuf_printf(&text, "; %s\n\n", comment);
    for (i = 0; rc == REGSTORE_OK && i < entries.count; i++) {
        const struct backup_entry *entry = &entries.items[i];
        int covered = 0;
        /* [-A] already deletes A\B: leave out deletions below another deletion. */
        for (j = 0; !entry->existed && j < entries.count; j++)
            if (j != i && !entries.items[j].existed && strlen(entries.items[j].path) < strlen(entry->path) &&
                regpath_within(entry->path, entries.items[j].path))
                covered = 1;
        if (covered)
            continue;
        strbuf_printf(&text, "[%sHKEY_LOCAL_MACHINE\\%s]\n", entry->existed ? "" : "-", entry->path);
        if (entry->existed && entry->security) {
            /* One line: regedit skips it as a comment, and only lines that start with ;
             * are comments to it. */
            strbuf_append(&text, SECURITY_COMMENT);
            for (j = 0; j < entry->security->size; j++)
                strbuf_printf(&text, "%s%02x", j ? "," : "", entry->security->data[j]);
            strbuf_append(&text, "\n");
        }
        for (j = 0; rc == REGSTORE_OK && j < entry->names.count; j++) {
            struct regstore_value value = { 0, 0, NULL };
            rc = current->ops->read_value(current->context, entry->path, entry->names.names[j], &value);
            if (rc == REGSTORE_NOT_FOUND) {
                rc = REGSTORE_OK;
                if (entry->names.names[j][0] == '\0')
                    strbuf_append(&text, "@=-\n");
                else {
                    write_quoted(&text, entry->names.names[j]);
                    strbuf_append(&text, "=-\n");
                }
            } else if (rc == REGSTORE_OK) {
                write_value(&text, entry->names.names[j], &value);
            }
            free(value.data);
        }
        strbuf_append(&text, "\n");
    }
    entries_free(&entries);

    if (rc == REGSTORE_OK && text.failed)
        rc = REGSTORE_NO_MEMORY;
    if (rc == REGSTORE_OK) {
        /* CRLF line ends, then UTF-16LE with a byte order mark: what regedit writes. */
        struct strbuf crlf;
        strbuf_init(&crlf);
        for (i = 0; i < text.length; i++) {
            if (text.data[i] == '\n')
                strbuf_append_n(&crlf, "\r", 1);
            strbuf_append_n(&crlf, &text.data[i], 1);
        }
        strbuf_append_n(out_utf16, "\xFF\xFE", 2);
        if (crlf.failed || text_utf8_to_utf16le(crlf.data, crlf.length, out_utf16) != 0 || out_utf16->failed)
            rc = REGSTORE_NO_MEMORY;
        strbuf_free(&crlf);
    }
    strbuf_free(&text);
    return rc;
}
