/* The .oeaccount reader: the file's bytes to UTF-8, a scan of the flat XML that Windows
 * Mail writes, then the account as the program connects (defaults from Microsoft's table
 * for the elements left out). Anything this scan does not know is refused, not guessed. */
#include "oeaccount.h"
#include "account_text.h"
#include "../text/text.h"

#include <stdlib.h>
#include <string.h>

enum oe_field {
    FIELD_ACCOUNT_NAME,
    FIELD_POP3_SERVER,
    FIELD_POP3_PORT,
    FIELD_POP3_SECURE,
    FIELD_IMAP_SERVER,
    FIELD_IMAP_PORT,
    FIELD_IMAP_SECURE,
    FIELD_SMTP_SERVER,
    FIELD_SMTP_PORT,
    FIELD_SMTP_SECURE,
    FIELD_COUNT
};

static const char *const field_names[FIELD_COUNT] = {
    "Account_Name",
    "POP3_Server", "POP3_Port", "POP3_Secure_Connection",
    "IMAP_Server", "IMAP_Port", "IMAP_Secure_Connection",
    "SMTP_Server", "SMTP_Port", "SMTP_Secure_Connection"
};

/* A value longer than this is no setting Windows Mail writes (names are at most 256
 * characters). */
#define OE_VALUE_MAX 1024
#define OE_NAME_MAX 64

struct oe_values {
    int seen[FIELD_COUNT];
    char text[FIELD_COUNT][OE_VALUE_MAX];
    size_t length[FIELD_COUNT];
};

struct oe_scan {
    const char *text;
    size_t length;
    size_t at;
};

static int starts_with(const struct oe_scan *scan, const char *prefix)
{
    size_t n = strlen(prefix);
    return scan->length - scan->at >= n && memcmp(scan->text + scan->at, prefix, n) == 0;
}

static int is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

static void skip_spaces(struct oe_scan *scan)
{
    while (scan->at < scan->length && is_space(scan->text[scan->at]))
        scan->at++;
}

/* Moves past the next `end`; -1 when there is none (a truncated file). */
static int skip_past(struct oe_scan *scan, const char *end)
{
    size_t n = strlen(end);
    while (scan->length - scan->at >= n) {
        if (memcmp(scan->text + scan->at, end, n) == 0) {
            scan->at += n;
            return 0;
        }
        scan->at++;
    }
    return -1;
}

/* Blanks, the XML declaration and comments between elements. A DOCTYPE (which could
 * declare entities) or anything else starting with "<!" is not what Windows Mail writes. */
static int skip_misc(struct oe_scan *scan)
{
    for (;;) {
        skip_spaces(scan);
        if (starts_with(scan, "<?")) {
            if (skip_past(scan, "?>") != 0)
                return -1;
        } else if (starts_with(scan, "<!--")) {
            scan->at += 4;
            if (skip_past(scan, "-->") != 0)
                return -1;
        } else if (starts_with(scan, "<!")) {
            return -1;
        } else {
            return 0;
        }
    }
}

static int is_name_char(char c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-' ||
           c == '.' || c == ':';
}

/* At "<": reads the element's name and its attributes. *empty tells "<Name/>". */
static int read_start_tag(struct oe_scan *scan, char *name, int *empty)
{
    size_t n = 0;
    char quote = 0;
    if (!starts_with(scan, "<"))
        return -1;
    scan->at++;
    while (scan->at < scan->length && is_name_char(scan->text[scan->at])) {
        if (n + 1 >= OE_NAME_MAX)
            return -1;
        name[n++] = scan->text[scan->at++];
    }
    name[n] = '\0';
    if (n == 0)
        return -1;
    for (; scan->at < scan->length; scan->at++) {
        char c = scan->text[scan->at];
        if (quote) {
            if (c == quote)
                quote = 0;
        } else if (c == '"' || c == '\'') {
            quote = c;
        } else if (c == '<') {
            return -1;
        } else if (c == '>') {
            *empty = scan->text[scan->at - 1] == '/';
            scan->at++;
            return 0;
        }
    }
    return -1;
}

/* At "</": the end tag must close `name`. */
static int read_end_tag(struct oe_scan *scan, const char *name)
{
    size_t n = strlen(name);
    if (!starts_with(scan, "</") || scan->length - scan->at - 2 < n || memcmp(scan->text + scan->at + 2, name, n) != 0)
        return -1;
    scan->at += 2 + n;
    skip_spaces(scan);
    if (!starts_with(scan, ">"))
        return -1;
    scan->at++;
    return 0;
}

/* One "&...;" reference at the scan (past the "&") to its character. */
static int read_reference(struct oe_scan *scan, unsigned long *code)
{
    static const struct { const char *name; char value; } named[] = {
        { "lt;", '<' }, { "gt;", '>' }, { "amp;", '&' }, { "quot;", '"' }, { "apos;", '\'' }
    };
    size_t i;
    for (i = 0; i < sizeof(named) / sizeof(named[0]); i++) {
        if (starts_with(scan, named[i].name)) {
            scan->at += strlen(named[i].name);
            *code = (unsigned char)named[i].value;
            return 0;
        }
    }
    if (starts_with(scan, "#")) {
        int hex = 0, digits = 0;
        unsigned long value = 0;
        scan->at++;
        if (starts_with(scan, "x")) {
            hex = 1;
            scan->at++;
        }
        while (scan->at < scan->length && scan->text[scan->at] != ';') {
            char c = scan->text[scan->at++];
            int digit = hex ? text_hex_digit(c) : (c >= '0' && c <= '9' ? c - '0' : -1);
            if (digit < 0 || ++digits > 8)
                return -1;
            value = value * (hex ? 16u : 10u) + (unsigned long)digit;
        }
        if (scan->at >= scan->length || digits == 0 || value == 0 || value > 0x10FFFF ||
            (value >= 0xD800 && value <= 0xDFFF))
            return -1;
        scan->at++;
        *code = value;
        return 0;
    }
    return -1;
}

/* The text up to the next "<", references decoded, into out (when out is not NULL: a
 * secret's text is passed over without being decoded or kept). */
static int read_text(struct oe_scan *scan, char *out, size_t *length)
{
    size_t n = 0;
    while (scan->at < scan->length && scan->text[scan->at] != '<') {
        char c = scan->text[scan->at];
        if (!out) {
            scan->at++;
            continue;
        }
        if (n + 4 >= OE_VALUE_MAX)
            return -1;
        if (c == '&') {
            unsigned long code;
            scan->at++;
            if (read_reference(scan, &code) != 0)
                return -1;
            n += text_utf8_put(out + n, code);
        } else {
            out[n++] = c;
            scan->at++;
        }
    }
    if (scan->at >= scan->length)
        return -1;
    if (out) {
        out[n] = '\0';
        *length = n;
    }
    return 0;
}

static int field_of(const char *name)
{
    int i;
    for (i = 0; i < FIELD_COUNT; i++)
        if (strcmp(name, field_names[i]) == 0)
            return i;
    return -1;
}

/* <MessageAccount> and its flat list of settings. The first of a repeated element counts,
 * as for Thunderbird's importer (nsWMSettings.cpp, the first element of that name). */
static int scan_document(struct oe_scan *scan, struct oe_values *values)
{
    char name[OE_NAME_MAX], scratch[OE_VALUE_MAX];
    int empty;
    if (skip_misc(scan) != 0 || read_start_tag(scan, name, &empty) != 0 || strcmp(name, "MessageAccount") != 0)
        return -1;
    if (empty)
        return 0;
    for (;;) {
        int field;
        size_t length = 0;
        char *into;
        if (skip_misc(scan) != 0)
            return -1;
        if (starts_with(scan, "</"))
            return read_end_tag(scan, "MessageAccount");
        if (read_start_tag(scan, name, &empty) != 0)
            return -1;
        if (empty)
            continue;
        field = account_name_is_secret(name) ? -1 : field_of(name);
        if (account_name_is_secret(name))
            into = NULL;
        else if (field >= 0 && !values->seen[field])
            into = values->text[field];
        else
            into = scratch;
        if (read_text(scan, into, &length) != 0 || read_end_tag(scan, name) != 0)
            return -1;
        if (into && into != scratch) {
            values->seen[field] = 1;
            values->length[field] = length;
        }
    }
}

/* An SZ value: "0" and "FALSE" stand for the empty string (Microsoft's table). */
static int sz_value(const struct oe_values *values, int field, const char **text, size_t *length)
{
    const unsigned char *value = (const unsigned char *)values->text[field];
    size_t n = values->length[field];
    if (!values->seen[field])
        return 0;
    account_trim(&value, &n);
    if ((n == 1 && value[0] == '0') || (n == 5 && memcmp(value, "FALSE", 5) == 0))
        n = 0;
    *text = (const char *)value;
    *length = n;
    return n > 0;
}

/* A DWORD value: hex without 0x, or TRUE / FALSE as in Microsoft's template. -1 when it is
 * neither; the default when the element is left out. */
static int dword_value(const struct oe_values *values, int field, unsigned long fallback, unsigned long *out)
{
    const unsigned char *value = (const unsigned char *)values->text[field];
    size_t n = values->length[field], i;
    unsigned long result = 0;
    if (!values->seen[field]) {
        *out = fallback;
        return 0;
    }
    account_trim(&value, &n);
    if (n == 4 && memcmp(value, "TRUE", 4) == 0) {
        *out = 1;
        return 0;
    }
    if (n == 5 && memcmp(value, "FALSE", 5) == 0) {
        *out = 0;
        return 0;
    }
    if (n == 0 || n > 8)
        return -1;
    for (i = 0; i < n; i++) {
        int digit = text_hex_digit((char)value[i]);
        if (digit < 0)
            return -1;
        result = result * 16u + (unsigned long)digit;
    }
    *out = result;
    return 0;
}

/* One server: its host, port (the documented default when left out; 0 is the default
 * too, as in Outlook Express) and whether "requires a secure connection" is ticked. */
static int fill_server(const struct oe_values *values, int server_field, enum mail_protocol protocol,
                       unsigned default_port, struct account_server *server, int *secure)
{
    const char *host;
    size_t length;
    unsigned long port, flag;
    memset(server, 0, sizeof(*server));
    *secure = 0;
    if (!sz_value(values, server_field, &host, &length))
        return 0;
    if (account_copy_host(server->host, sizeof(server->host), (const unsigned char *)host, length) != 0 ||
        dword_value(values, server_field + 1, default_port, &port) != 0 ||
        dword_value(values, server_field + 2, 0, &flag) != 0 || port > 65535)
        return -1;
    server->present = 1;
    server->protocol = protocol;
    server->port = port ? (unsigned)port : default_port;
    *secure = flag != 0;
    server->security = *secure ? SECURITY_SSL : SECURITY_NONE;
    return 0;
}

static int build_account(const struct oe_values *values, enum account_program program, struct account *account)
{
    const char *name;
    size_t length;
    int secure;
    memset(account, 0, sizeof(*account));
    account->program = program;
    if (sz_value(values, FIELD_ACCOUNT_NAME, &name, &length) &&
        account_copy_name(account->name, sizeof(account->name), (const unsigned char *)name, length) != 0)
        return -1;
    if (fill_server(values, FIELD_IMAP_SERVER, MAIL_IMAP, 143, &account->incoming, &secure) != 0)
        return -1;
    if (!account->incoming.present &&
        fill_server(values, FIELD_POP3_SERVER, MAIL_POP3, 110, &account->incoming, &secure) != 0)
        return -1;
    if (fill_server(values, FIELD_SMTP_SERVER, MAIL_SMTP, 25, &account->outgoing, &secure) != 0)
        return -1;
    /* The tick means SSL on 465 and STARTTLS on any other port, as in Outlook Express
     * from XP SP3 on (KB933612); Windows Mail came after it. */
    if (secure && account->outgoing.port != 465)
        account->outgoing.security = SECURITY_STARTTLS;
    return 0;
}

/* The file's bytes as UTF-8 text in `text`: a BOM says which; without one, a NUL second
 * byte says UTF-16LE (the file starts with "<"). */
static int decode_file(const unsigned char *bytes, size_t size, struct strbuf *text)
{
    if (size >= 2 && bytes[0] == 0xFF && bytes[1] == 0xFE)
        return text_utf16le_to_utf8(bytes + 2, size - 2, text);
    if (size >= 2 && bytes[0] == 0xFE && bytes[1] == 0xFF)
        return -1;
    if (size >= 2 && bytes[1] == 0)
        return text_utf16le_to_utf8(bytes, size, text);
    if (size >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF) {
        bytes += 3;
        size -= 3;
    }
    if (memchr(bytes, 0, size))
        return -1;
    strbuf_append_n(text, (const char *)bytes, size);
    return 0;
}

enum account_read_result oeaccount_read(const unsigned char *bytes, size_t size, enum account_program program,
                                        struct account_list *out)
{
    struct strbuf text;
    struct oe_values *values;
    struct oe_scan scan;
    struct account account;
    enum account_read_result result = ACCOUNT_READ_DAMAGED;

    if (size > ACCOUNT_FILE_MAX)
        return ACCOUNT_READ_DAMAGED;
    /* calloc, not a copy of a zero constant: such a constant is 10 KB of the program. */
    values = calloc(1, sizeof(*values));
    if (!values)
        return ACCOUNT_READ_NO_MEMORY;
    strbuf_init(&text);
    if (decode_file(bytes, size, &text) != 0) {
        result = text.failed ? ACCOUNT_READ_NO_MEMORY : ACCOUNT_READ_DAMAGED;
        goto done;
    }
    if (text.failed) {
        result = ACCOUNT_READ_NO_MEMORY;
        goto done;
    }
    scan.text = text.data ? text.data : "";
    scan.length = text.length;
    scan.at = 0;
    if (scan_document(&scan, values) != 0 || build_account(values, program, &account) != 0)
        goto done;
    result = ACCOUNT_READ_OK;
    if ((account.incoming.present || account.outgoing.present) && account_list_add(out, &account) != 0)
        result = ACCOUNT_READ_NO_MEMORY;
done:
    strbuf_free(&text);
    free(values);
    return result;
}
