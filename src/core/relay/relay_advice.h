/* The relay in words for the user: what to type into the mail program for a way (in
 * general terms and in Outlook Express's own labels), and a way in one line for
 * /relay list and /relay status. */
#ifndef TLSSWITCH_RELAY_ADVICE_H
#define TLSSWITCH_RELAY_ADVICE_H

#include "../text/messages.h"
#include "relay_config.h"
#include "../text/text.h"

/* What /relay add prints: server 127.0.0.1, the way's local port, SSL/TLS off; the user
 * name, password and (for SMTP) authentication as they were; then the same in Outlook
 * Express's labels, with "This server requires a secure connection (SSL)" unticked. */
void relay_advice_describe(const struct relay_way *way, enum language language, struct strbuf *out);

/* "  2. pop3s://pop.example.jp:995, for the mail program at 127.0.0.1:110": `number` is
 * the way's 1-based number, the one /relay remove takes. */
void relay_way_describe_line(const struct relay_way *way, unsigned number, enum language language,
                             struct strbuf *out);

#endif
