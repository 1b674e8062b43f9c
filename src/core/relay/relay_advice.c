/* What to type into the mail program for a way, and a way in one line. */
#include "relay_advice.h"

static const char *protocol_name(enum mail_protocol protocol)
{
    switch (protocol) {
    case MAIL_POP3:
        return "POP3";
    case MAIL_IMAP:
        return "IMAP";
    case MAIL_SMTP:
        return "SMTP";
    case MAIL_NONE:
        break;
    }
    return "";
}

void relay_advice_describe(const struct relay_way *way, enum language language, struct strbuf *out)
{
    char provider[300];
    target_describe(&way->provider, provider, sizeof(provider));
    strbuf_printf(out, message_text(language, MSG_RELAY_ADVICE_TITLE), provider);
    if (way->provider.mail == MAIL_SMTP) {
        strbuf_printf(out, message_text(language, MSG_RELAY_ADVICE_OUTGOING), RELAY_LOCAL_ADDRESS, way->local_port);
        strbuf_append(out, message_text(language, MSG_RELAY_ADVICE_SMTP_AUTH));
        strbuf_append(out, message_text(language, MSG_RELAY_ADVICE_SAME_LOGIN));
        strbuf_printf(out, message_text(language, MSG_RELAY_ADVICE_OE_OUTGOING), RELAY_LOCAL_ADDRESS,
                      way->local_port);
    } else {
        const char *protocol = protocol_name(way->provider.mail);
        strbuf_printf(out, message_text(language, MSG_RELAY_ADVICE_INCOMING), protocol, RELAY_LOCAL_ADDRESS,
                      way->local_port);
        strbuf_append(out, message_text(language, MSG_RELAY_ADVICE_SAME_LOGIN));
        strbuf_printf(out, message_text(language, MSG_RELAY_ADVICE_OE_INCOMING), protocol, RELAY_LOCAL_ADDRESS,
                      protocol, way->local_port);
    }
}

void relay_way_describe_line(const struct relay_way *way, unsigned number, enum language language,
                             struct strbuf *out)
{
    char provider[300];
    target_describe(&way->provider, provider, sizeof(provider));
    strbuf_printf(out, message_text(language, MSG_RELAY_WAY_LINE), number, provider, RELAY_LOCAL_ADDRESS,
                  way->local_port);
}
