/* Sylpheed's accountrc and sylpheed.ini, read as libsylph's prefs_read_config reads them:
 * a block starts at its "[label]" line and ends at the next line starting with "[";
 * a setting is "key=value" with the key matched without case and nothing around "=",
 * the value's trailing blanks removed. */
#include "sylpheed.h"

#include <string.h>

/* Sylpheed's RecvProtocol (libsylph/prefs_account.h): A_POP3, A_APOP, A_RPOP, A_IMAP4,
 * A_NNTP, A_LOCAL. A_APOP is converted to POP3 with APOP on reading. */
enum { SYLPHEED_POP3 = 0, SYLPHEED_APOP = 1, SYLPHEED_IMAP4 = 3 };

/* Sylpheed's SSLType (libsylph/ssl.h): SSL_NONE, SSL_TUNNEL, SSL_STARTTLS. */
static const enum account_security sylpheed_security[] = { SECURITY_NONE, SECURITY_SSL, SECURITY_STARTTLS };

struct sylpheed_block {
    char label[64];
    struct account account;
    char receive_server[256], smtp_server[256];
    long protocol;
    int ssl_pop, ssl_imap, ssl_smtp;
    int set_popport, set_imapport, set_smtpport;
    unsigned pop_port, imap_port, smtp_port;
    int damaged;
};

static void trim_end(const unsigned char *line, size_t *length)
{
    while (*length > 0 && (line[*length - 1] == ' ' || line[*length - 1] == '\t'))
        (*length)--;
}

/* Whether the line is "key=..." for this key (ASCII case ignored); the value then. */
static int setting(const unsigned char *line, size_t length, const char *key, const unsigned char **value,
                   size_t *value_length)
{
    size_t n = strlen(key);
    if (length <= n || line[n] != '=' || !text_equal_nocase_n((const char *)line, key, n))
        return 0;
    *value = line + n + 1;
    *value_length = length - n - 1;
    return 1;
}

/* P_BOOL: "0" or nothing is FALSE, anything else TRUE (prefs_config_parse_one_line). */
static int flag_value(const unsigned char *value, size_t length)
{
    return length > 0 && value[0] != '0';
}

static int ssl_value(const unsigned char *value, size_t length, int *out)
{
    if (length != 1 || value[0] < '0' || value[0] > '2')
        return -1;
    *out = value[0] - '0';
    return 0;
}

static int number_value(const unsigned char *value, size_t length, long *out)
{
    size_t i;
    long result = 0;
    if (length == 0 || length > 4)
        return -1;
    for (i = 0; i < length; i++) {
        if (value[i] < '0' || value[i] > '9')
            return -1;
        result = result * 10 + (value[i] - '0');
    }
    *out = result;
    return 0;
}

static void read_setting(struct sylpheed_block *block, const unsigned char *line, size_t length)
{
    const unsigned char *value;
    size_t n;
    unsigned port;
    if (setting(line, length, "account_name", &value, &n)) {
        if (account_copy_name(block->account.name, sizeof(block->account.name), value, n) != 0)
            block->damaged = 1;
    } else if (setting(line, length, "receive_server", &value, &n)) {
        if (account_copy_host(block->receive_server, sizeof(block->receive_server), value, n) != 0)
            block->damaged = 1;
    } else if (setting(line, length, "smtp_server", &value, &n)) {
        if (account_copy_host(block->smtp_server, sizeof(block->smtp_server), value, n) != 0)
            block->damaged = 1;
    } else if (setting(line, length, "protocol", &value, &n)) {
        if (number_value(value, n, &block->protocol) != 0)
            block->damaged = 1;
    } else if (setting(line, length, "ssl_pop", &value, &n)) {
        block->damaged |= ssl_value(value, n, &block->ssl_pop) != 0;
    } else if (setting(line, length, "ssl_imap", &value, &n)) {
        block->damaged |= ssl_value(value, n, &block->ssl_imap) != 0;
    } else if (setting(line, length, "ssl_smtp", &value, &n)) {
        block->damaged |= ssl_value(value, n, &block->ssl_smtp) != 0;
    } else if (setting(line, length, "set_popport", &value, &n)) {
        block->set_popport = flag_value(value, n);
    } else if (setting(line, length, "set_imapport", &value, &n)) {
        block->set_imapport = flag_value(value, n);
    } else if (setting(line, length, "set_smtpport", &value, &n)) {
        block->set_smtpport = flag_value(value, n);
    } else if (setting(line, length, "pop_port", &value, &n)) {
        block->damaged |= (port = text_port((const char *)value, n)) == 0;
        block->pop_port = port ? port : block->pop_port;
    } else if (setting(line, length, "imap_port", &value, &n)) {
        block->damaged |= (port = text_port((const char *)value, n)) == 0;
        block->imap_port = port ? port : block->imap_port;
    } else if (setting(line, length, "smtp_port", &value, &n)) {
        block->damaged |= (port = text_port((const char *)value, n)) == 0;
        block->smtp_port = port ? port : block->smtp_port;
    }
}

/* Sylpheed's defaults (the param table of prefs_account.c): no SSL, the ports not set,
 * and 110, 143, 25 for the port fields themselves. */
static void block_start(struct sylpheed_block *block, const unsigned char *label, size_t length)
{
    memset(block, 0, sizeof(*block));
    block->account.program = PROGRAM_SYLPHEED;
    block->protocol = SYLPHEED_POP3;
    block->pop_port = 110;
    block->imap_port = 143;
    block->smtp_port = 25;
    if (length >= sizeof(block->label))
        length = sizeof(block->label) - 1;
    memcpy(block->label, label, length);
}

/* The account the block describes, as Sylpheed connects: a port only when its set_*port
 * is on, otherwise 995 / 110, 993 / 143, 465 / 25 by SSL (pop.c, imap.c, send_message.c). */
static int block_account(const struct sylpheed_block *block, struct account *account)
{
    *account = block->account;
    if (block->receive_server[0] && (block->protocol == SYLPHEED_POP3 || block->protocol == SYLPHEED_APOP)) {
        account->incoming.protocol = MAIL_POP3;
        account->incoming.security = sylpheed_security[block->ssl_pop];
        account->incoming.port = block->set_popport ? block->pop_port : 0;
    } else if (block->receive_server[0] && block->protocol == SYLPHEED_IMAP4) {
        account->incoming.protocol = MAIL_IMAP;
        account->incoming.security = sylpheed_security[block->ssl_imap];
        account->incoming.port = block->set_imapport ? block->imap_port : 0;
    }
    if (account->incoming.protocol != MAIL_NONE) {
        account->incoming.present = 1;
        memcpy(account->incoming.host, block->receive_server, sizeof(account->incoming.host));
    }
    if (block->smtp_server[0]) {
        account->outgoing.present = 1;
        account->outgoing.protocol = MAIL_SMTP;
        memcpy(account->outgoing.host, block->smtp_server, sizeof(account->outgoing.host));
        account->outgoing.security = sylpheed_security[block->ssl_smtp];
        account->outgoing.port = block->set_smtpport ? block->smtp_port : 0;
    }
    return account->incoming.present || account->outgoing.present;
}

static int is_account_label(const unsigned char *line, size_t length)
{
    return length >= 10 && memcmp(line, "[Account: ", 10) == 0;
}

enum account_read_result sylpheed_read(const unsigned char *bytes, size_t size, struct account_list *out)
{
    struct account_line_reader reader;
    struct sylpheed_block block;
    const unsigned char *line;
    size_t length;
    char labels[SYLPHEED_ACCOUNTS_MAX][64];
    size_t label_count = 0, i;
    int in_block = 0, status, damaged = 0;

    if (size > ACCOUNT_FILE_MAX)
        return ACCOUNT_READ_DAMAGED;
    account_line_reader_init(&reader, bytes, size);
    for (;;) {
        status = account_next_line(&reader, &line, &length);
        /* A line too long may hide any setting of its block: the block is not trusted. */
        if (status < 0)
            damaged = block.damaged = 1;
        if (status <= 0 || line[0] == '[') {
            if (in_block) {
                struct account account;
                if (block.damaged)
                    damaged = 1;
                else if (block_account(&block, &account) && account_list_add(out, &account) != 0)
                    return ACCOUNT_READ_NO_MEMORY;
            }
            in_block = 0;
            if (status <= 0)
                break;
        }
        trim_end(line, &length);
        if (length > 0 && line[0] == '[') {
            if (!is_account_label(line, length))
                continue;
            for (i = 0; i < label_count; i++)
                if (strlen(labels[i]) == length && memcmp(labels[i], line, length) == 0)
                    break;
            if (i < label_count || length >= sizeof(labels[0]))
                continue;
            if (label_count == SYLPHEED_ACCOUNTS_MAX) {
                damaged = 1;
                break;
            }
            memcpy(labels[label_count], line, length);
            labels[label_count++][length] = '\0';
            block_start(&block, line, length);
            in_block = 1;
        } else if (in_block && length > 0) {
            /* The key is what precedes "="; it is checked for "pass" before anything of
             * the value is looked at. No key this reader wants is 32 characters long. */
            char key[32];
            size_t key_length = 0;
            while (key_length < length && key_length + 1 < sizeof(key) && line[key_length] != '=') {
                key[key_length] = (char)line[key_length];
                key_length++;
            }
            key[key_length] = '\0';
            if (key_length < length && line[key_length] == '=' && !account_name_is_secret(key))
                read_setting(&block, line, length);
        }
    }
    return damaged ? ACCOUNT_READ_DAMAGED : ACCOUNT_READ_OK;
}

int sylpheed_ini_config_dir(const unsigned char *bytes, size_t size, account_decode_fn decode, void *decode_context,
                            char *out, size_t out_size)
{
    struct account_line_reader reader;
    const unsigned char *line, *value;
    size_t length, value_length;
    int status, in_section = 0, found = 0;

    if (out_size > 0)
        out[0] = '\0';
    if (size > ACCOUNT_FILE_MAX || out_size == 0)
        return -1;
    account_line_reader_init(&reader, bytes, size);
    while ((status = account_next_line(&reader, &line, &length)) > 0) {
        trim_end(line, &length);
        if (length > 0 && line[0] == '[') {
            /* Sylpheed reads the first [Sylpheed] block only. */
            if (in_section)
                break;
            in_section = length >= 10 && memcmp(line, "[Sylpheed]", 10) == 0;
        } else if (in_section && setting(line, length, "configdir", &value, &value_length)) {
            struct strbuf path;
            int result = 0;
            /* The last configdir line of the block wins, an empty one clears it. */
            found = 0;
            out[0] = '\0';
            if (value_length == 0)
                continue;
            strbuf_init(&path);
            if (decode(decode_context, value, value_length, &path) != 0 || path.failed ||
                account_copy_host(out, out_size, (const unsigned char *)(path.data ? path.data : ""), path.length) != 0)
                result = -1;
            strbuf_free(&path);
            if (result != 0) {
                out[0] = '\0';
                return -1;
            }
            found = 1;
        }
    }
    if (status < 0) {
        out[0] = '\0';
        return -1;
    }
    return found;
}
