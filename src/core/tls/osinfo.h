/* Facts about the running Windows that the report needs, gathered by src/win32/osinfo_win32.c,
 * and what follows from them (names, which update brings TLS 1.2). */
#ifndef TLSSWITCH_OSINFO_H
#define TLSSWITCH_OSINFO_H

enum posready_flag {
    POSREADY_NOT_APPLICABLE,   /* not Windows XP: the flag means nothing there */
    POSREADY_NOT_SET,
    POSREADY_SET
};

struct os_info {
    unsigned major, minor, build;
    char service_pack[128];    /* "Service Pack 3", UTF-8, empty when none */
    int is_server;
    int is_64bit;
    enum posready_flag posready;
};

/* "Windows XP", "Windows XP Professional x64 Edition", "Windows Server 2003", "Windows 7", ... */
const char *os_product_name(const struct os_info *os);

/* Writes "Windows XP Service Pack 3 (5.1.2600)" into out (always NUL-terminated). */
void os_describe(const struct os_info *os, char *out, unsigned out_size);

/* Windows XP in any edition (5.1, or 5.2 workstation = XP x64): where POSReady applies. */
int os_is_xp(const struct os_info *os);

/* Windows 8 (6.2) and later use TLS 1.1 and 1.2 by default when the registry says nothing. */
int os_uses_tls12_by_default(const struct os_info *os);

#endif
