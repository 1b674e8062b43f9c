/* /test /accounts for one account: its servers tested the way the program connects (each
 * a row of /find's search, at the program's own port), the other ways of the same
 * protocol where that fails, and one verdict in plain words: works; works after /apply
 * recommended; a setting is wrong, with the change in the program's words; cannot work on
 * this Windows (and the relay that would); or does not work. The Win32 layer makes the
 * connections (src/commands/command_accounts.c); this decides and reports. */
#ifndef TLSSWITCH_ACCOUNT_CHECK_H
#define TLSSWITCH_ACCOUNT_CHECK_H

#include "../mail/find.h"
#include "mail_account.h"

enum account_side { SIDE_INCOMING, SIDE_OUTGOING, SIDE_COUNT };

/* In order of severity: an account's verdict is its worse server's. */
enum account_verdict {
    VERDICT_WORKS,
    VERDICT_WORKS_PLAIN,       /* works without TLS: the password travels unencrypted */
    VERDICT_AFTER_FIX,         /* works after tlsswitch /apply recommended */
    VERDICT_WRONG_SETTING,     /* another port or security of the same server works */
    VERDICT_CANNOT,            /* the server answers in TLS; no setting of this Windows helps */
    VERDICT_FAILS              /* nothing found that works: no name, closed, no answer */
};

struct account_check {
    struct account account;
    struct find_search search;           /* names: 0 incoming host, 1 outgoing host */
    int configured[SIDE_COUNT];          /* the row of the server as set, -1 when none */
    unsigned alternatives_from[SIDE_COUNT], alternatives_to[SIDE_COUNT];   /* rows [from, to) */
    /* Test switch: 0, or the base the usual ports of the other ways move to (base + port %
     * 100), so that a test's servers can stand on ports of its own. */
    unsigned port_base;
};

/* The rows of the servers as set. */
void account_check_prepare(struct account_check *c, const struct account *account, unsigned port_base);

/* After find_judge: whether the server as set does not work, so the other ways of its
 * protocol are worth trying; then account_check_add_alternatives adds their rows. */
int account_check_wants_alternatives(const struct account_check *c, enum account_side side);
void account_check_add_alternatives(struct account_check *c, enum account_side side);

/* One server's verdict (VERDICT_WORKS when the account has no such server); `better`, if
 * not NULL, gets the other way that works (VERDICT_WRONG_SETTING) or the row no setting
 * helps (VERDICT_CANNOT), else NULL. */
enum account_verdict account_check_side(const struct account_check *c, enum account_side side,
                                        const struct find_row **better);
enum account_verdict account_check_verdict(const struct account_check *c);

/* The account, its servers and its verdict in words; returns 1 when it works (with or
 * without TLS), 0 when not. */
int account_check_report(const struct account_check *c, enum language language, struct strbuf *out);

/* /csv: the header line, then one line per server of the account. */
void account_check_csv_header(struct strbuf *out);
void account_check_csv(const struct account_check *c, struct strbuf *out);

#endif
