/* Becky! 2's Folder.lst and Mailbox.ini. Mailbox.ini is a Windows INI file in Shift-JIS:
 * keys and section names are ASCII, and no Shift-JIS trail byte is below 0x40, so "=" and
 * a line's first "[" are found in the raw bytes; only the values this reads are decoded. */
#include "becky.h"

#include <stdlib.h>
#include <string.h>

enum becky_key {
    KEY_NAME,
    KEY_PROTOCOL,
    KEY_MAIL_SERVER,
    KEY_POP3_PORT,
    KEY_IMAP4_PORT,
    KEY_SSL_POP,
    KEY_SSL_IMAP,
    KEY_SMTP_SERVER,
    KEY_SMTP_PORT,
    KEY_SSL_SMTP,
    KEY_COUNT
};

/* The names Thunderbird's importer reads (nsBeckySettings.cpp). */
static const char *const key_names[KEY_COUNT] = {
    "Name", "Protocol", "MailServer", "POP3Port", "IMAP4Port", "SSLPOP", "SSLIMAP", "SMTPServer", "SMTPPort", "SSLSMTP"
};

struct becky_values {
    int seen[KEY_COUNT];
    char text[KEY_COUNT][256];
    int damaged;
};

static int key_of(const unsigned char *key, size_t length)
{
    int i;
    for (i = 0; i < KEY_COUNT; i++)
        if (strlen(key_names[i]) == length && text_equal_nocase_n((const char *)key, key_names[i], length))
            return i;
    return -1;
}

/* One value to UTF-8 in values->text[key]; a value not valid Shift-JIS, or one too long
 * for a record, damages the mailbox. */
static void take_value(struct becky_values *values, int key, const unsigned char *value, size_t length,
                       account_decode_fn decode, void *decode_context)
{
    struct strbuf utf8;
    strbuf_init(&utf8);
    if (decode(decode_context, value, length, &utf8) != 0 || utf8.failed)
        values->damaged = 1;
    else if ((key == KEY_NAME ? account_copy_name : account_copy_host)(values->text[key], sizeof(values->text[key]),
                                                                       (const unsigned char *)(utf8.data ? utf8.data : ""),
                                                                       utf8.length) != 0)
        values->damaged = 1;
    else
        values->seen[key] = 1;
    strbuf_free(&utf8);
}

/* The [Account] section as GetPrivateProfileString reads it: the first such section, the
 * first of a repeated key, blanks around keys and values ignored, case ignored. */
static int read_section(const unsigned char *bytes, size_t size, account_decode_fn decode, void *decode_context,
                        struct becky_values *values)
{
    struct account_line_reader reader;
    const unsigned char *line;
    size_t length;
    int status, in_section = 0, sections = 0;
    account_line_reader_init(&reader, bytes, size);
    while ((status = account_next_line(&reader, &line, &length)) > 0) {
        const unsigned char *equals, *value;
        size_t key_length, value_length;
        char key[64];
        int which;
        account_trim(&line, &length);
        if (length > 0 && line[0] == '[') {
            const unsigned char *name = line + 1;
            size_t name_length = length - 1;
            if (in_section)
                break;
            if (name_length > 0 && name[name_length - 1] == ']')
                name_length--;
            account_trim(&name, &name_length);
            in_section = name_length == 7 && text_equal_nocase_n((const char *)name, "Account", 7);
            sections += in_section;
            continue;
        }
        if (!in_section || (equals = memchr(line, '=', length)) == NULL)
            continue;
        key_length = (size_t)(equals - line);
        value = equals + 1;
        value_length = length - key_length - 1;
        account_trim(&line, &key_length);
        account_trim(&value, &value_length);
        if (key_length == 0 || key_length >= sizeof(key))
            continue;
        memcpy(key, line, key_length);
        key[key_length] = '\0';
        /* Checked before anything of the value is looked at. */
        if (account_name_is_secret(key))
            continue;
        which = key_of(line, key_length);
        if (which >= 0 && !values->seen[which])
            take_value(values, which, value, value_length, decode, decode_context);
    }
    if (status < 0)
        values->damaged = 1;
    return sections;
}

static int flag_value(const struct becky_values *values, int key, int *on)
{
    const char *text = values->text[key];
    *on = 0;
    if (!values->seen[key] || text[0] == '\0' || strcmp(text, "0") == 0)
        return 0;
    if (strcmp(text, "1") == 0) {
        *on = 1;
        return 0;
    }
    return -1;
}

/* A port: the default when the key is left out (as the importer does), else decimal. */
static int port_value(const struct becky_values *values, int key, unsigned fallback, unsigned *port)
{
    if (!values->seen[key]) {
        *port = fallback;
        return 0;
    }
    *port = text_port(values->text[key], strlen(values->text[key]));
    return *port ? 0 : -1;
}

static int build_account(const struct becky_values *values, struct account *account)
{
    int imap = 0, ssl;
    memset(account, 0, sizeof(*account));
    account->program = PROGRAM_BECKY;
    if (values->seen[KEY_NAME])
        memcpy(account->name, values->text[KEY_NAME], sizeof(account->name));
    /* Protocol: 1 is IMAP4; 0 or nothing is POP3. Other values are not established. */
    if (values->seen[KEY_PROTOCOL] && strcmp(values->text[KEY_PROTOCOL], "1") == 0)
        imap = 1;
    else if (values->seen[KEY_PROTOCOL] && values->text[KEY_PROTOCOL][0] && strcmp(values->text[KEY_PROTOCOL], "0") != 0)
        return -1;
    if (values->seen[KEY_MAIL_SERVER] && values->text[KEY_MAIL_SERVER][0]) {
        struct account_server *in = &account->incoming;
        in->present = 1;
        in->protocol = imap ? MAIL_IMAP : MAIL_POP3;
        memcpy(in->host, values->text[KEY_MAIL_SERVER], sizeof(in->host));
        if (port_value(values, imap ? KEY_IMAP4_PORT : KEY_POP3_PORT, imap ? 143u : 110u, &in->port) != 0 ||
            flag_value(values, imap ? KEY_SSL_IMAP : KEY_SSL_POP, &ssl) != 0)
            return -1;
        in->security = ssl ? SECURITY_SSL : SECURITY_NONE;
    }
    if (values->seen[KEY_SMTP_SERVER] && values->text[KEY_SMTP_SERVER][0]) {
        struct account_server *smtp = &account->outgoing;
        smtp->present = 1;
        smtp->protocol = MAIL_SMTP;
        memcpy(smtp->host, values->text[KEY_SMTP_SERVER], sizeof(smtp->host));
        if (port_value(values, KEY_SMTP_PORT, 25u, &smtp->port) != 0 || flag_value(values, KEY_SSL_SMTP, &ssl) != 0)
            return -1;
        smtp->security = ssl ? SECURITY_SSL : SECURITY_NONE;
    }
    return 0;
}

enum account_read_result becky_mailbox_read(const unsigned char *bytes, size_t size, account_decode_fn decode,
                                            void *decode_context, struct account_list *out)
{
    struct becky_values values;
    struct account account;
    if (size > ACCOUNT_FILE_MAX)
        return ACCOUNT_READ_DAMAGED;
    memset(&values, 0, sizeof(values));
    read_section(bytes, size, decode, decode_context, &values);
    if (values.damaged || build_account(&values, &account) != 0)
        return ACCOUNT_READ_DAMAGED;
    if ((account.incoming.present || account.outgoing.present) && account_list_add(out, &account) != 0)
        return ACCOUNT_READ_NO_MEMORY;
    return ACCOUNT_READ_OK;
}

/* A Folder.lst line that names a folder inside the data folder and nothing else: "." and
 * ".." and any path would make the list point at itself or outside (a loop). */
static int is_plain_folder_name(const char *name)
{
    return name[0] != '\0' && strcmp(name, ".") != 0 && strcmp(name, "..") != 0 && strpbrk(name, "\\/:") == NULL;
}

static enum account_read_result worse(enum account_read_result a, enum account_read_result b)
{
    return a > b ? a : b;
}

enum account_read_result becky_read(const unsigned char *folder_list, size_t size, account_decode_fn decode,
                                    void *decode_context, becky_read_mailbox_fn read_mailbox, void *read_context,
                                    struct account_list *out)
{
    struct account_line_reader reader;
    const unsigned char *line;
    size_t length, count = 0, i;
    char (*seen)[260];
    struct strbuf name, contents;
    int status = 0;
    enum account_read_result result = ACCOUNT_READ_OK;

    if (size > ACCOUNT_FILE_MAX)
        return ACCOUNT_READ_DAMAGED;
    seen = malloc(BECKY_MAILBOXES_MAX * sizeof(*seen));
    if (!seen)
        return ACCOUNT_READ_NO_MEMORY;
    strbuf_init(&name);
    strbuf_init(&contents);
    account_line_reader_init(&reader, folder_list, size);
    while (result != ACCOUNT_READ_NO_MEMORY && (status = account_next_line(&reader, &line, &length)) > 0) {
        int found;
        account_trim(&line, &length);
        if (length == 0)
            continue;
        strbuf_clear(&name);
        if (decode(decode_context, line, length, &name) != 0 || name.failed || !name.data ||
            name.length >= sizeof(seen[0]) || strlen(name.data) != name.length ||
            !account_text_is_clean((const unsigned char *)name.data, name.length) || !is_plain_folder_name(name.data)) {
            result = name.failed ? ACCOUNT_READ_NO_MEMORY : worse(result, ACCOUNT_READ_DAMAGED);
            continue;
        }
        for (i = 0; i < count; i++)
            if (text_equal_nocase(seen[i], name.data))
                break;
        if (i < count)
            continue;
        if (count == BECKY_MAILBOXES_MAX) {
            result = worse(result, ACCOUNT_READ_DAMAGED);
            break;
        }
        memcpy(seen[count++], name.data, name.length + 1);
        strbuf_clear(&contents);
        found = read_mailbox(read_context, name.data, &contents);
        if (contents.failed)
            result = ACCOUNT_READ_NO_MEMORY;
        else if (found < 0)
            result = worse(result, ACCOUNT_READ_DAMAGED);
        else if (found > 0)
            result = worse(result, becky_mailbox_read((const unsigned char *)(contents.data ? contents.data : ""),
                                                      contents.length, decode, decode_context, out));
    }
    if (status < 0)
        result = worse(result, ACCOUNT_READ_DAMAGED);
    strbuf_free(&name);
    strbuf_free(&contents);
    free(seen);
    return result;
}
