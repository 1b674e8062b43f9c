/* The .reg file format, as regedit and reg.exe write it: reading (strict, for
 * /restore) and writing (for backups that regedit itself can import).
 * Reference: Wine's programs/regedit/regproc.c and its tests. */
#ifndef TLSSWITCH_REGFILE_H
#define TLSSWITCH_REGFILE_H

#include "../text/messages.h"
#include "plan.h"
#include "regops.h"
#include "../text/text.h"

/* Largest .reg file /restore reads: far more than any SCHANNEL export. */
#define REGFILE_MAX_BYTES (1024u * 1024u)
/* The deepest key a file may name, in levels below HKEY_LOCAL_MACHINE: SCHANNEL is 5, its
 * deepest keys (Protocols\TLS 1.2\Client) 8. */
#define REGFILE_MAX_LEVELS 12u
/* The most key lines a file may have (SCHANNEL has a few dozen keys). */
#define REGFILE_MAX_KEYS 1000u

struct regfile_error {
    unsigned line;             /* 1-based; 0 when the problem is the file as a whole */
    enum message_id reason;    /* a MSG_REGFILE_* message, which may take `detail` as %s */
    char detail[160];
};

/* Turns the bytes of a Unicode .reg file (FF FE BOM, UTF-16LE) into UTF-8. Returns 1
 * when the file is Unicode and was decoded, 0 when it has no BOM (an ANSI file: the
 * caller converts it from the ANSI code page), -1 on invalid UTF-16 (error filled in). */
int regfile_decode_unicode(const unsigned char *bytes, size_t size, struct strbuf *utf8,
                           struct regfile_error *error);

/* Parses UTF-8 .reg text into operations, checking the whole file first: every key
 * must lie under HKLM\SYSTEM\CurrentControlSet\Control\SecurityProviders\SCHANNEL, and
 * Enabled and DisabledByDefault must be DWORDs. A backup's "; TLS Switch key security:"
 * line (a comment to regedit) gives the key above it its saved security descriptor when
 * the restore creates that key (REGOP_SET_SECURITY). `is_unicode` says whether the text came
 * from a Unicode file (hex(2) and hex(7) data of an ANSI file is not accepted). Returns
 * 0, or -1 with *error filled in and no operations. */
int regfile_parse(const char *text, size_t length, int is_unicode, struct regops *out,
                  struct regfile_error *error);

/* Writes a backup as UTF-16LE with BOM and CRLF line ends ("Windows Registry Editor
 * Version 5.00"), so that importing it, by /restore or by regedit /s, returns the
 * registry to the state in `current`: every managed value of the five protocols, and
 * every value and key `plan` (may be NULL) would change. A key the plan deletes has its
 * saved security descriptor in a "; TLS Switch key security:" line, which /restore gives
 * back and regedit skips. `comment` goes in a ; line. */
long regfile_write_backup(const struct regstore *current, const struct plan *plan, const char *comment,
                          struct strbuf *out_utf16);

#endif
