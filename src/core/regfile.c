/* .reg reader and writer. The reader refuses anything it does not understand rather
 * than guessing, because what it reads is written to HKEY_LOCAL_MACHINE. */
#include "regfile.h"
#include "protocols.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define HEADER_UNICODE "Windows Registry Editor Version 5.00"
#define HEADER_ANSI "REGEDIT4"

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

static int hex_digit(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

/* Checks a key name and returns its path below HKEY_LOCAL_MACHINE (in `path`). */
static int parse_key_name(const char *name, size_t length, unsigned line, int deleting,
                          struct strbuf *path, struct regfile_error *error)
{
    static const char *const roots[] = { "HKEY_LOCAL_MACHINE", "HKLM" };
    const char *slash = memchr(name, '\\', length);
    size_t root_length = slash ? (size_t)(slash - name) : length;
    size_t i, component = 0;
    int root_ok = 0;
    char shown[128];

    text_format(shown, sizeof(shown), "%.*s", (int)(length < 120 ? length : 120), name);
    for (i = 0; i < sizeof(roots) / sizeof(roots[0]); i++)
        if (root_length == strlen(roots[i]) && text_equal_nocase_n(name, roots[i], root_length))
            root_ok = 1;
    if (!root_ok || !slash)
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

/* Reads a quoted string starting after its opening quote; *p is left after the closing
 * quote. Undoes the escapes regedit writes (backslash before a backslash or a quote, and backslash-n); refuses others. */
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

/* Comma-separated bytes of one or two hex digits; blanks around them are allowed. */
static int parse_hex_list(const char *p, struct strbuf *out)
{
    strbuf_clear(out);
    p = skip_blanks(p);
    if (*p == '\0')
        return 0;
    for (;;) {
        int high = hex_digit(*p), low;
        unsigned char byte;
        if (high < 0)
            return -1;
        p++;
        low = hex_digit(*p);
        if (low >= 0) {
            byte = (unsigned char)(high * 16 + low);
            p++;
        } else {
            byte = (unsigned char)high;
        }
        strbuf_append_n(out, (const char *)&byte, 1);
        p = skip_blanks(p);
        if (*p == '\0')
            break;
        if (*p != ',')
            return -1;
        p = skip_blanks(p + 1);
        if (*p == '\0')
            break;   /* a trailing comma */
    }
    return out->failed ? -1 : 0;
}

static int is_managed_name(const char *name)
{
    return text_equal_nocase(name, "Enabled") || text_equal_nocase(name, "DisabledByDefault");
}

/* Parses `"Name"=data` or `@=data` (one logical line) into an operation. */
static int parse_value_line(const char *line, unsigned line_number, const char *key_path, int is_unicode,
                            struct strbuf *scratch, struct regops *out, struct regfile_error *error)
{
    const char *p = line;
    char name[1024];
    struct strbuf data;
    uint32_t type;
    int rc = 0;

    if (*p == '@') {
        name[0] = '\0';
        p++;
    } else {
        p++;
        if (parse_quoted(&p, scratch) != 0 || scratch->length >= sizeof(name))
            return fail(error, line_number, MSG_REGFILE_BAD_VALUE_NAME, NULL);
        memcpy(name, scratch->data ? scratch->data : "", scratch->length + 1);
    }
    p = skip_blanks(p);
    if (*p != '=')
        return fail(error, line_number, MSG_REGFILE_NO_EQUALS, NULL);
    p = skip_blanks(p + 1);

    if (strcmp(p, "-") == 0) {
        if (regops_add(out, REGOP_DELETE_VALUE, key_path, name, 0, NULL, 0, line_number) != REGSTORE_OK)
            return fail(error, line_number, MSG_REGFILE_TOO_LARGE, NULL);
        return 0;
    }

    strbuf_init(&data);
    if (*p == '"') {
        p++;
        type = REGTYPE_SZ;
        if (parse_quoted(&p, scratch) != 0 || *skip_blanks(p) != '\0' ||
            text_utf8_to_utf16le(scratch->data ? scratch->data : "", scratch->length, &data) != 0)
            rc = fail(error, line_number, MSG_REGFILE_BAD_STRING, NULL);
        else
            strbuf_append_n(&data, "\0\0", 2);
    } else if (strncmp(p, "dword:", 6) == 0) {
        const char *digits = p + 6;
        size_t count = strlen(digits), i;
        uint32_t value = 0;
        type = REGTYPE_DWORD;
        if (count == 0 || count > 8)
            rc = fail(error, line_number, MSG_REGFILE_BAD_DWORD, digits);
        for (i = 0; rc == 0 && i < count; i++) {
            int digit = hex_digit(digits[i]);
            if (digit < 0)
                rc = fail(error, line_number, MSG_REGFILE_BAD_DWORD, digits);
            value = (value << 4) | (uint32_t)(digit & 0xF);
        }
        if (rc == 0) {
            unsigned char bytes[4];
            le32_store(bytes, value);
            strbuf_append_n(&data, (const char *)bytes, 4);
        }
    } else if (strncmp(p, "hex:", 4) == 0 || strncmp(p, "hex(", 4) == 0) {
        const char *list = p + 4;
        type = REGTYPE_BINARY;
        if (p[3] == '(') {
            const char *close = strchr(p + 4, ')');
            size_t i, count = close ? (size_t)(close - (p + 4)) : 0;
            type = 0;
            if (!close || count == 0 || count > 8 || close[1] != ':')
                rc = fail(error, line_number, MSG_REGFILE_BAD_TYPE, NULL);
            for (i = 0; rc == 0 && i < count; i++) {
                int digit = hex_digit(p[4 + i]);
                if (digit < 0)
                    rc = fail(error, line_number, MSG_REGFILE_BAD_TYPE, NULL);
                type = (type << 4) | (uint32_t)(digit & 0xF);
            }
            list = close ? close + 2 : list;
        }
        if (rc == 0 && !is_unicode && (type == REGTYPE_EXPAND_SZ || type == REGTYPE_MULTI_SZ))
            rc = fail(error, line_number, MSG_REGFILE_ANSI_STRING_DATA, NULL);
        if (rc == 0 && parse_hex_list(list, scratch) != 0)
            rc = fail(error, line_number, MSG_REGFILE_BAD_HEX, NULL);
        if (rc == 0)
            strbuf_append_n(&data, scratch->data ? scratch->data : "", scratch->length);
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

int regfile_parse(const char *text, size_t length, int is_unicode, struct regops *out,
                  struct regfile_error *error)
{
    struct reader r;
    struct strbuf key_path, logical, scratch;
    int have_key = 0, key_deleted = 0, rc = 0;

    memset(out, 0, sizeof(*out));
    memset(error, 0, sizeof(*error));
    r.text = text;
    r.end = text + length;
    r.next = text;
    r.line = 0;
    strbuf_init(&r.current);
    strbuf_init(&key_path);
    strbuf_init(&logical);
    strbuf_init(&scratch);

    if (memchr(text, '\0', length))
        rc = fail(error, 0, MSG_REGFILE_BINARY, NULL);
    else if (!read_line(&r))
        rc = fail(error, 0, MSG_REGFILE_EMPTY, NULL);
    if (rc == 0) {
        trim_right(&r.current);
        if (!r.current.data || (strcmp(r.current.data, HEADER_UNICODE) != 0 && strcmp(r.current.data, HEADER_ANSI) != 0))
            rc = fail(error, 1, MSG_REGFILE_BAD_HEADER, NULL);
    }

    while (rc == 0 && read_line(&r)) {
        unsigned line_number = r.line;
        const char *line;
        trim_right(&r.current);
        line = skip_blanks(r.current.data ? r.current.data : "");
        if (*line == '\0' || *line == ';' || *line == '#')
            continue;

        if (*line == '[') {
            const char *close = strrchr(line, ']');
            int deleting = line[1] == '-';
            const char *name = line + 1 + deleting;
            if (!close || close < name || *skip_blanks(close + 1) != '\0') {
                rc = fail(error, line_number, MSG_REGFILE_BAD_KEY_LINE, NULL);
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

        /* Join continuation lines: a line ending in a backslash goes on in the next one. */
        strbuf_clear(&logical);
        strbuf_append(&logical, line);
        while (logical.length > 0 && logical.data[logical.length - 1] == '\\') {
            const char *more = "";
            logical.data[--logical.length] = '\0';
            do {
                if (!read_line(&r)) {
                    rc = fail(error, line_number, MSG_REGFILE_CONTINUATION_AT_END, NULL);
                    break;
                }
                trim_right(&r.current);
                more = skip_blanks(r.current.data ? r.current.data : "");
            } while (*more == ';' || *more == '#');
            if (rc != 0)
                break;
            if (*more == '\0') {
                rc = fail(error, r.line, MSG_REGFILE_CONTINUATION_AT_END, NULL);
                break;
            }
            strbuf_append(&logical, more);
        }
        if (rc == 0 && logical.failed)
            rc = fail(error, line_number, MSG_REGFILE_TOO_LARGE, NULL);
        if (rc == 0)
            rc = parse_value_line(logical.data, line_number, key_path.data, is_unicode, &scratch, out, error);
    }

    strbuf_free(&r.current);
    strbuf_free(&key_path);
    strbuf_free(&logical);
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
