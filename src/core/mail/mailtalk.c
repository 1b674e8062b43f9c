/* The mail command table and the answer reader. */
#include "mailtalk.h"
#include "../text/text.h"

#include <string.h>

#define EHLO "EHLO tlsswitch.invalid"

static const struct mail_step smtp_before[] = {
    { NULL, REPLY_SMTP, NULL },
    { EHLO, REPLY_SMTP, NULL },
    { "STARTTLS", REPLY_SMTP, NULL },
};
static const struct mail_step smtp_implicit[] = {
    { NULL, REPLY_SMTP, NULL },
    { EHLO, REPLY_SMTP, NULL },
};
static const struct mail_step smtp_after_starttls[] = {
    { EHLO, REPLY_SMTP, NULL },
};
static const struct mail_step pop3_before[] = {
    { NULL, REPLY_POP3_LINE, NULL },
    { "STLS", REPLY_POP3_LINE, NULL },
};
static const struct mail_step pop3_implicit[] = {
    { NULL, REPLY_POP3_LINE, NULL },
    { "CAPA", REPLY_POP3_LIST, NULL },
};
static const struct mail_step pop3_after_stls[] = {
    { "CAPA", REPLY_POP3_LIST, NULL },
};
static const struct mail_step imap_before[] = {
    { NULL, REPLY_IMAP_GREETING, NULL },
    { "a1 STARTTLS", REPLY_IMAP_TAGGED, "a1" },
};
static const struct mail_step imap_implicit[] = {
    { NULL, REPLY_IMAP_GREETING, NULL },
    { "a2 CAPABILITY", REPLY_IMAP_TAGGED, "a2" },
};
static const struct mail_step imap_after_starttls[] = {
    { "a2 CAPABILITY", REPLY_IMAP_TAGGED, "a2" },
};

#define STEPS(table) (*count = (int)(sizeof(table) / sizeof(table[0])), table)

const struct mail_step *mail_steps(enum mail_protocol mail, enum tls_mode mode, int after_tls, int *count)
{
    *count = 0;
    switch (mail) {
    case MAIL_SMTP:
        if (!after_tls)
            return mode == TLS_STARTTLS ? STEPS(smtp_before) : NULL;
        return mode == TLS_STARTTLS ? STEPS(smtp_after_starttls) : STEPS(smtp_implicit);
    case MAIL_POP3:
        if (!after_tls)
            return mode == TLS_STARTTLS ? STEPS(pop3_before) : NULL;
        return mode == TLS_STARTTLS ? STEPS(pop3_after_stls) : STEPS(pop3_implicit);
    case MAIL_IMAP:
        if (!after_tls)
            return mode == TLS_STARTTLS ? STEPS(imap_before) : NULL;
        return mode == TLS_STARTTLS ? STEPS(imap_after_starttls) : STEPS(imap_implicit);
    case MAIL_NONE:
        break;
    }
    return NULL;
}

int mail_step_is_ehlo(const struct mail_step *step)
{
    return step->send && strcmp(step->send, EHLO) == 0;
}

void reply_reader_start(struct reply_reader *reader, const struct mail_step *step)
{
    reader->kind = step->reply;
    reader->tag = step->tag;
    reader->in_list = 0;
    reader->offers_auth = 0;
}

/* "250-AUTH PLAIN LOGIN", and the older "250-AUTH=LOGIN" some servers still send. */
static int smtp_auth_line(const char *line)
{
    const char *keyword = line + 4;
    return text_equal_nocase_n(keyword, "AUTH", 4) && (keyword[4] == ' ' || keyword[4] == '=' || keyword[4] == '\0');
}

enum reply_state reply_reader_line(struct reply_reader *reader, const char *line)
{
    size_t tag_length;
    switch (reader->kind) {
    case REPLY_SMTP:
        if (strlen(line) < 3 || line[0] < '1' || line[0] > '5' || line[1] < '0' || line[1] > '9' ||
            line[2] < '0' || line[2] > '9' || (line[3] != '\0' && line[3] != ' ' && line[3] != '-'))
            return REPLY_BAD;
        if (line[0] == '2' && line[3] != '\0' && smtp_auth_line(line))
            reader->offers_auth = 1;
        if (line[3] == '-')
            return REPLY_MORE;
        return (line[0] == '2' || line[0] == '3') ? REPLY_GOOD : REPLY_BAD;
    case REPLY_POP3_LINE:
        return strncmp(line, "+OK", 3) == 0 ? REPLY_GOOD : REPLY_BAD;
    case REPLY_POP3_LIST:
        if (!reader->in_list) {
            if (strncmp(line, "+OK", 3) != 0)
                return REPLY_BAD;
            reader->in_list = 1;
            return REPLY_MORE;
        }
        return strcmp(line, ".") == 0 ? REPLY_GOOD : REPLY_MORE;
    case REPLY_IMAP_GREETING:
        return (text_equal_nocase_n(line, "* OK", 4) || text_equal_nocase_n(line, "* PREAUTH", 9)) ? REPLY_GOOD
                                                                                                   : REPLY_BAD;
    case REPLY_IMAP_TAGGED:
        if (strncmp(line, "* ", 2) == 0)
            return REPLY_MORE;
        tag_length = strlen(reader->tag);
        if (strncmp(line, reader->tag, tag_length) == 0 && line[tag_length] == ' ')
            return text_equal_nocase_n(line + tag_length + 1, "OK", 2) ? REPLY_GOOD : REPLY_BAD;
        return REPLY_BAD;
    }
    return REPLY_BAD;
}
