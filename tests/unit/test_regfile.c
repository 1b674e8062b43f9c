/* The .reg reader: what regedit and reg.exe write is read; anything else is refused
 * with the right line number. The writer's backups read back to the same state. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "registry/plan.h"
#include "registry/regfile.h"
#include "registry/regstore_memory.h"

#define KEY "HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL\\Protocols\\TLS 1.2\\Client"
#define PATH PROTOCOLS_KEY_PATH "\\TLS 1.2\\Client"

static int parse(const char *text, struct regops *ops, struct regfile_error *error)
{
    return regfile_parse(text, strlen(text), 1, ops, error);
}

static void reads_an_export_with_every_value_form(void **state)
{
    struct regops ops;
    struct regfile_error error;
    const char *text =
        "Windows Registry Editor Version 5.00\r\n"
        "\r\n"
        "; a comment\r\n"
        "[" KEY "]\r\n"
        "\"Enabled\"=dword:00000001\r\n"
        "\"DisabledByDefault\"=-\r\n"
        "@=\"default \\\"quoted\\\" \\\\ text\"\r\n"
        "\"Blob\"=hex:01,02,\\\r\n"
        "  03,ff\r\n"
        "\"Multi\"=hex(7):61,00,00,00,00,00\r\n"
        "\r\n"
        "[-HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL\\Protocols\\SSL 2.0]\r\n";
    (void)state;
    assert_int_equal(parse(text, &ops, &error), 0);
    assert_int_equal(ops.count, 7);
    assert_int_equal(ops.items[0].kind, REGOP_CREATE_KEY);
    assert_string_equal(ops.items[0].path, PATH);
    assert_int_equal(ops.items[1].kind, REGOP_SET_VALUE);
    assert_int_equal(ops.items[1].type, REGTYPE_DWORD);
    assert_memory_equal(ops.items[1].data, "\1\0\0\0", 4);
    assert_int_equal(ops.items[2].kind, REGOP_DELETE_VALUE);
    assert_string_equal(ops.items[2].name, "DisabledByDefault");
    assert_string_equal(ops.items[3].name, "");
    assert_int_equal(ops.items[3].type, REGTYPE_SZ);
    /* UTF-16LE of: default "quoted" \ text, with its terminator */
    assert_int_equal(ops.items[3].size, (strlen("default \"quoted\" \\ text") + 1) * 2);
    assert_int_equal(ops.items[4].type, REGTYPE_BINARY);
    assert_int_equal(ops.items[4].size, 4);
    assert_memory_equal(ops.items[4].data, "\x01\x02\x03\xff", 4);
    assert_int_equal(ops.items[4].line, 8);
    assert_int_equal(ops.items[5].type, REGTYPE_MULTI_SZ);
    assert_int_equal(ops.items[6].kind, REGOP_DELETE_TREE);
    assert_int_equal(ops.items[6].line, 12);
    regops_free(&ops);
}

static void reads_regedit4_with_lf_and_cr_line_ends(void **state)
{
    struct regops ops;
    struct regfile_error error;
    (void)state;
    assert_int_equal(parse("REGEDIT4\n\n[" KEY "]\n\"Enabled\"=dword:0\n", &ops, &error), 0);
    assert_int_equal(ops.count, 2);
    regops_free(&ops);
    assert_int_equal(parse("REGEDIT4\r\r[" KEY "]\r\"Enabled\"=dword:ffffffff\r", &ops, &error), 0);
    assert_int_equal(ops.count, 2);
    assert_memory_equal(ops.items[1].data, "\xff\xff\xff\xff", 4);
    regops_free(&ops);
}

static void decodes_unicode_files(void **state)
{
    const unsigned char bytes[] = { 0xFF, 0xFE, 'R', 0, 'E', 0, 'G', 0, 0xE9, 0x30 };
    const unsigned char broken[] = { 0xFF, 0xFE, 'R', 0, 0x00, 0xD8, 'x', 0 };
    const unsigned char ansi[] = { 'R', 'E', 'G' };
    struct strbuf text;
    struct regfile_error error;
    (void)state;
    strbuf_init(&text);
    assert_int_equal(regfile_decode_unicode(bytes, sizeof(bytes), &text, &error), 1);
    assert_string_equal(text.data, "REGラ");
    strbuf_clear(&text);
    assert_int_equal(regfile_decode_unicode(broken, sizeof(broken), &text, &error), -1);
    assert_int_equal(error.reason, MSG_REGFILE_BAD_UNICODE);
    assert_int_equal(regfile_decode_unicode(ansi, sizeof(ansi), &text, &error), 0);
    strbuf_free(&text);
}

/* Each refused file: the text, the line the error must name, and the reason. */
static const struct {
    const char *text;
    unsigned line;
    enum message_id reason;
} refused[] = {
    { "", 0, MSG_REGFILE_EMPTY },
    { "Windows Registry Editor Version 4.00\r\n", 1, MSG_REGFILE_BAD_HEADER },
    { "\r\nREGEDIT4\r\n", 1, MSG_REGFILE_BAD_HEADER },
    { "regedit4\r\n", 1, MSG_REGFILE_BAD_HEADER },
    { "REGEDIT4\r\n[HKEY_CURRENT_USER\\Software\\x]\r\n", 2, MSG_REGFILE_OUTSIDE_SCOPE },
    { "REGEDIT4\r\n[HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Run]\r\n\"x\"=\"evil.exe\"\r\n",
      2, MSG_REGFILE_OUTSIDE_SCOPE },
    { "REGEDIT4\r\n[HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNELX]\r\n",
      2, MSG_REGFILE_OUTSIDE_SCOPE },
    { "REGEDIT4\r\n[HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders]\r\n",
      2, MSG_REGFILE_OUTSIDE_SCOPE },
    { "REGEDIT4\r\n[-HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL]\r\n",
      2, MSG_REGFILE_DELETES_SCHANNEL },
    { "REGEDIT4\r\n[HKEY_LOCAL_MACHINE]\r\n", 2, MSG_REGFILE_OUTSIDE_SCOPE },
    { "REGEDIT4\r\n[HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL\\\\x]\r\n",
      2, MSG_REGFILE_BAD_KEY_NAME },
    { "REGEDIT4\r\n[HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL\\]\r\n",
      2, MSG_REGFILE_BAD_KEY_NAME },
    { "REGEDIT4\r\n[" KEY "\r\n", 2, MSG_REGFILE_BAD_KEY_LINE },
    { "REGEDIT4\r\n[" KEY "] trailing\r\n", 2, MSG_REGFILE_BAD_KEY_LINE },
    { "REGEDIT4\r\n\r\n\"Enabled\"=dword:1\r\n", 3, MSG_REGFILE_VALUE_OUTSIDE_KEY },
    { "REGEDIT4\r\n[-" KEY "]\r\n\"Enabled\"=dword:1\r\n", 3, MSG_REGFILE_VALUE_IN_DELETED_KEY },
    { "REGEDIT4\r\n[" KEY "]\r\nEnabled=dword:1\r\n", 3, MSG_REGFILE_UNRECOGNISED_LINE },
    { "REGEDIT4\r\n[" KEY "]\r\n\"Enabled=dword:1\r\n", 3, MSG_REGFILE_BAD_VALUE_NAME },
    { "REGEDIT4\r\n[" KEY "]\r\n\"Enabled\" dword:1\r\n", 3, MSG_REGFILE_NO_EQUALS },
    { "REGEDIT4\r\n[" KEY "]\r\n\"Enabled\"=dword:123456789\r\n", 3, MSG_REGFILE_BAD_DWORD },
    { "REGEDIT4\r\n[" KEY "]\r\n\"Enabled\"=dword:\r\n", 3, MSG_REGFILE_BAD_DWORD },
    { "REGEDIT4\r\n[" KEY "]\r\n\"Enabled\"=dword:0x1\r\n", 3, MSG_REGFILE_BAD_DWORD },
    { "REGEDIT4\r\n[" KEY "]\r\n\"Enabled\"=DWORD:1\r\n", 3, MSG_REGFILE_BAD_TYPE },
    { "REGEDIT4\r\n[" KEY "]\r\n\"Enabled\"=\"1\"\r\n", 3, MSG_REGFILE_MANAGED_NOT_DWORD },
    { "REGEDIT4\r\n[" KEY "]\r\n\"disabledbydefault\"=hex:01,00,00,00\r\n", 3, MSG_REGFILE_MANAGED_NOT_DWORD },
    { "REGEDIT4\r\n[" KEY "]\r\n\"Enabled\"=hex(4):01,00\r\n", 3, MSG_REGFILE_MANAGED_NOT_DWORD },
    { "REGEDIT4\r\n[" KEY "]\r\n\"x\"=hex:0g\r\n", 3, MSG_REGFILE_BAD_HEX },
    { "REGEDIT4\r\n[" KEY "]\r\n\"x\"=hex:001\r\n", 3, MSG_REGFILE_BAD_HEX },
    { "REGEDIT4\r\n[" KEY "]\r\n\"x\"=hex(zz):00\r\n", 3, MSG_REGFILE_BAD_TYPE },
    { "REGEDIT4\r\n[" KEY "]\r\n\"x\"=hex(2:00\r\n", 3, MSG_REGFILE_BAD_TYPE },
    { "REGEDIT4\r\n[" KEY "]\r\n\"x\"=hex(2):e9,00\r\n", 3, MSG_REGFILE_ANSI_STRING_DATA },
    { "REGEDIT4\r\n[" KEY "]\r\n\"x\"=\"unterminated\r\n", 3, MSG_REGFILE_BAD_STRING },
    { "REGEDIT4\r\n[" KEY "]\r\n\"x\"=\"a\"b\r\n", 3, MSG_REGFILE_BAD_STRING },
    { "REGEDIT4\r\n[" KEY "]\r\n\"x\"=\"bad \\q escape\"\r\n", 3, MSG_REGFILE_BAD_STRING },
    { "REGEDIT4\r\n[" KEY "]\r\n\"x\"=str:abc\r\n", 3, MSG_REGFILE_BAD_TYPE },
    { "REGEDIT4\r\n[" KEY "]\r\n\"x\"=hex:01,\\\r\n", 3, MSG_REGFILE_CONTINUATION_AT_END },
    { "REGEDIT4\r\n[" KEY "]\r\n\"x\"=hex:01,\\\r\n\r\n\"y\"=dword:1\r\n", 5, MSG_REGFILE_BAD_CONTINUATION },
    /* What regedit skips, or reads otherwise than it looks: refused here. */
    { "REGEDIT4 \r\n[" KEY "]\r\n", 1, MSG_REGFILE_BAD_HEADER },
    { "REGEDIT4\r\n[HKLM\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL\\Protocols]\r\n", 2,
      MSG_REGFILE_OUTSIDE_SCOPE },
    { "REGEDIT4\r\n[" KEY "]\r\n\"x\"=hex:01,02\\\r\n  03\r\n", 3, MSG_REGFILE_BAD_HEX },
    { "REGEDIT4\r\n[" KEY "]\r\n\"x\"=hex:01 ,02\r\n", 3, MSG_REGFILE_BAD_HEX },
    { "REGEDIT4\r\n[" KEY "]\r\n\"x\"=hex:01,02 #c\r\n", 3, MSG_REGFILE_BAD_HEX },
    { "REGEDIT4\r\n[" KEY "]\r\n\"x\"=hex:01,\\\r\n  02,03, \r\n\"y\"=dword:1\r\n", 4, MSG_REGFILE_BAD_HEX },
    { "REGEDIT4\r\n[" KEY "]\r\n\"x\"=hex:01,\\\r\n[" KEY "\\Sub]\r\n", 4, MSG_REGFILE_BAD_CONTINUATION },
    { "REGEDIT4\r\n[" KEY "]\r\n\"Enabled\"=dword:1234\\\r\n5678\r\n", 3, MSG_REGFILE_BAD_DWORD },
    { "REGEDIT4\r\n[" KEY "]\r\n\"x\"=hex(7):;c\r\n", 3, MSG_REGFILE_EMPTY_HEX_TEXT },
    { "REGEDIT4\r\n[" KEY "]\r\n\"x\"=hex(2):\\\r\n ;c\r\n\r\n  ;d\r\n\"y\"=\"z\"\r\n", 7, MSG_REGFILE_BAD_CONTINUATION },
    { "REGEDIT4\r\n[" KEY "]\r\n\"Enabled\"=dword:1 #c\r\n", 3, MSG_REGFILE_BAD_DWORD },
    { "REGEDIT4\r\n[" KEY "]\r\n\"Enabled\"=dword:;c\r\n", 3, MSG_REGFILE_BAD_DWORD },
    { "REGEDIT4\r\n[" KEY "]\r\n\"x\"=\"v\" #comment\r\n", 3, MSG_REGFILE_BAD_STRING },
    { "REGEDIT4\r\n[" KEY "]\r\n\"x\"=\"a\\tb\"\r\n", 3, MSG_REGFILE_BAD_STRING },
    { "REGEDIT4\r\n[" KEY "]\r\n\"x\"=-\"y\"\r\n", 3, MSG_REGFILE_BAD_TYPE },
    { "REGEDIT4\r\n[ " KEY "]\r\n", 2, MSG_REGFILE_OUTSIDE_SCOPE },
    { "REGEDIT4\r\n[" KEY "]\r\n\"a\"=dword:1\r\n\r\n\r\ngarbage\r\n", 6, MSG_REGFILE_UNRECOGNISED_LINE },
    { "REGEDIT4\n[" KEY "]\n\"a\"=dword:1\n\0\n", 0, MSG_REGFILE_BINARY },
};

/* What regedit imports from files people write by hand or copy from a web page is read
 * the same way: comments after values, blanks, blank lines inside hex data, and string
 * data in hex form, with the terminator regedit adds. */
static void reads_what_regedit_reads_the_same_way(void **state)
{
    struct regops ops;
    struct regfile_error error;
    const char *text =
        "  REGEDIT4\r\n"
        "[" KEY "] ; the client side\r\n"
        "\"Enabled\"=dword:  1 ; on\r\n"
        "\"DisabledByDefault\" = dword:0\t;comment\r\n"
        "\"s\"=\"a\\rb\" ;comment\r\n"
        "\"bin\"=hex:01,02, \\ ;more\r\n"
        "\r\n"
        "  ; a comment inside\r\n"
        "  03,04;end\r\n"
        "\"exp\"=hex(2):25,50,25\r\n"
        "\"multi\"=hex(7):61,00,62\r\n"
        "\"gone\"=- ;deleted\r\n";
    (void)state;
    if (regfile_parse(text, strlen(text), 0, &ops, &error) != 0)
        fail_msg("refused at line %u, reason %d", error.line, error.reason);
    assert_int_equal(ops.count, 8);
    assert_memory_equal(ops.items[1].data, "\1\0\0\0", 4);
    assert_memory_equal(ops.items[2].data, "\0\0\0\0", 4);
    assert_int_equal(ops.items[3].size, 8);                       /* a CR b, and a terminator */
    assert_memory_equal(ops.items[3].data, "a\0\r\0b\0\0\0", 8);
    assert_int_equal(ops.items[4].size, 4);
    assert_memory_equal(ops.items[4].data, "\x01\x02\x03\x04", 4);
    /* ANSI hex(2) text: widened to UTF-16, with one terminator added. */
    assert_int_equal(ops.items[5].type, REGTYPE_EXPAND_SZ);
    assert_int_equal(ops.items[5].size, 8);
    assert_memory_equal(ops.items[5].data, "%\0P\0%\0\0\0", 8);
    /* hex(7) gets one terminator, not the list's second one: as regedit stores it. */
    assert_int_equal(ops.items[6].size, 8);
    assert_memory_equal(ops.items[6].data, "a\0\0\0b\0\0\0", 8);
    assert_int_equal(ops.items[7].kind, REGOP_DELETE_VALUE);
    regops_free(&ops);
    /* In a Unicode file the bytes are UTF-16 already; an odd count is refused. */
    text = "REGEDIT4\r\n[" KEY "]\r\n\"m\"=hex(7):61,00,62,00\r\n";
    assert_int_equal(regfile_parse(text, strlen(text), 1, &ops, &error), 0);
    assert_int_equal(ops.items[1].size, 6);
    regops_free(&ops);
    assert_int_equal(parse("REGEDIT4\r\n[" KEY "]\r\n\"m\"=hex(2):61,00,62\r\n", &ops, &error), -1);
    assert_int_equal(error.reason, MSG_REGFILE_BAD_HEX);
}

static void refuses_malformed_and_hostile_files(void **state)
{
    size_t i;
    (void)state;
    for (i = 0; i < sizeof(refused) / sizeof(refused[0]); i++) {
        struct regops ops = { NULL, 0 };
        struct regfile_error error;
        size_t length = strlen(refused[i].text);
        if (refused[i].reason == MSG_REGFILE_BINARY)
            length += 2;   /* the literal holds a NUL byte and a line end after it */
        if (regfile_parse(refused[i].text, length, 0, &ops, &error) != -1)
            fail_msg("case %u was accepted", (unsigned)i);
        if (error.line != refused[i].line || error.reason != refused[i].reason)
            fail_msg("case %u: expected line %u reason %d, got line %u reason %d", (unsigned)i, refused[i].line,
                     refused[i].reason, error.line, error.reason);
        assert_int_equal(ops.count, 0);
    }
}

/* Files whose keys would make the plan slow, though each line is well-formed: keys more
 * than REGFILE_MAX_LEVELS deep, more than REGFILE_MAX_KEYS key lines. The deepest and
 * the most that are allowed still read. */
static void refuses_keys_too_deep_or_too_many(void **state)
{
    struct strbuf text;
    struct regops ops = { NULL, 0 };
    struct regfile_error error;
    unsigned i;
    (void)state;
    strbuf_init(&text);
    /* KEY is 8 levels deep: 4 more is the most. */
    strbuf_append(&text, "REGEDIT4\r\n[" KEY "\\a\\b\\c\\d]\r\n");
    assert_int_equal(regfile_parse(text.data, text.length, 0, &ops, &error), 0);
    regops_free(&ops);
    strbuf_clear(&text);
    strbuf_append(&text, "REGEDIT4\r\n[" KEY "\\a\\b\\c\\d\\e]\r\n");
    assert_int_equal(regfile_parse(text.data, text.length, 0, &ops, &error), -1);
    assert_int_equal(error.reason, MSG_REGFILE_KEY_TOO_DEEP);
    assert_int_equal(error.line, 2);
    strbuf_clear(&text);
    strbuf_append(&text, "REGEDIT4\r\n");
    for (i = 0; i < REGFILE_MAX_KEYS; i++)
        strbuf_printf(&text, "[" KEY "\\k%u]\r\n", i);
    assert_int_equal(regfile_parse(text.data, text.length, 0, &ops, &error), 0);
    assert_int_equal(ops.count, REGFILE_MAX_KEYS);
    regops_free(&ops);
    strbuf_append(&text, "[-" KEY "]\r\n");
    assert_int_equal(regfile_parse(text.data, text.length, 0, &ops, &error), -1);
    assert_int_equal(error.reason, MSG_REGFILE_TOO_MANY_KEYS);
    assert_int_equal(error.line, REGFILE_MAX_KEYS + 2);
    assert_int_equal(ops.count, 0);
    strbuf_free(&text);
}

static void backup_reads_back_to_the_same_state(void **state)
{
    struct memory_registry *current = memory_registry_new(), *restored = memory_registry_new();
    struct regstore current_store = memory_registry_store(current), restored_store = memory_registry_store(restored);
    struct strbuf bytes, text;
    struct regops ops;
    struct regfile_error error;
    struct plan diff;
    (void)state;

    memory_registry_set_dword(current, PATH, "DisabledByDefault", 1);
    memory_registry_set_dword(current, PATH, "Enabled", 1);
    memory_registry_add_key(current, PROTOCOLS_KEY_PATH "\\TLS 1.1");            /* no Client key */
    memory_registry_set_dword(current, PROTOCOLS_KEY_PATH "\\TLS 1.0\\Client", "Enabled", 0);
    /* The restored registry starts from something else entirely. */
    memory_registry_set_dword(restored, PROTOCOLS_KEY_PATH "\\SSL 3.0\\Client", "Enabled", 0);
    memory_registry_set_dword(restored, PROTOCOLS_KEY_PATH "\\TLS 1.1\\Client", "Enabled", 1);
    memory_registry_set_dword(restored, PATH, "DisabledByDefault", 0);
    memory_registry_add_key(restored, PROTOCOLS_KEY_PATH "\\TLS 1.0\\Client");

    strbuf_init(&bytes);
    strbuf_init(&text);
    assert_int_equal(regfile_write_backup(&current_store, NULL, "test", &bytes), REGSTORE_OK);
    assert_memory_equal(bytes.data, "\xFF\xFEW\0i\0n\0", 8);
    assert_int_equal(regfile_decode_unicode((unsigned char *)bytes.data, bytes.length, &text, &error), 1);
    assert_non_null(strstr(text.data, "\r\n\"DisabledByDefault\"=dword:00000001\r\n"));
    assert_non_null(strstr(text.data, "\r\n[-HKEY_LOCAL_MACHINE\\" PROTOCOLS_KEY_PATH "\\TLS 1.1\\Client]\r\n"));
    if (regfile_parse(text.data, text.length, 1, &ops, &error) != 0)
        fail_msg("backup refused at line %u, reason %d:\n%s", error.line, error.reason, text.data);
    assert_int_equal(regops_apply(&restored_store, &ops), REGSTORE_OK);
    assert_int_equal(plan_diff(&current_store, &restored_store, PROTOCOLS_KEY_PATH, &diff), REGSTORE_OK);
    if (diff.count != 0)
        fail_msg("%u differences after the restore, first at %s\\%s", (unsigned)diff.count, diff.items[0].path,
                 diff.items[0].name);
    plan_free(&diff);
    regops_free(&ops);
    strbuf_free(&bytes);
    strbuf_free(&text);
    memory_registry_free(current);
    memory_registry_free(restored);
}

static void backup_covers_what_a_plan_touches(void **state)
{
    struct memory_registry *current = memory_registry_new(), *wanted = memory_registry_new();
    struct regstore current_store = memory_registry_store(current), wanted_store = memory_registry_store(wanted);
    const char *ciphers = SCHANNEL_KEY_PATH "\\Ciphers\\RC4 128/128";
    unsigned char blob[100];
    struct strbuf bytes, text;
    struct regfile_error error;
    struct regops ops;
    struct plan plan;
    (void)state;

    memset(blob, 0xab, sizeof(blob));
    memory_registry_set(current, ciphers, "Other", REGTYPE_BINARY, blob, sizeof(blob));
    memory_registry_set_dword(wanted, ciphers, "Other", 7);
    memory_registry_set_dword(wanted, SCHANNEL_KEY_PATH "\\New\\Deeper", "x", 1);
    assert_int_equal(plan_diff(&current_store, &wanted_store, SCHANNEL_KEY_PATH, &plan), REGSTORE_OK);

    strbuf_init(&bytes);
    strbuf_init(&text);
    assert_int_equal(regfile_write_backup(&current_store, &plan, NULL, &bytes), REGSTORE_OK);
    assert_int_equal(regfile_decode_unicode((unsigned char *)bytes.data, bytes.length, &text, &error), 1);
    /* The old binary value, wrapped as regedit wraps long hex data */
    assert_non_null(strstr(text.data, "\"Other\"=hex:ab,ab,"));
    assert_non_null(strstr(text.data, ",\\\r\n  ab,"));
    /* A key the plan creates is deleted on restore, once, from its top */
    assert_non_null(strstr(text.data, "[-HKEY_LOCAL_MACHINE\\" SCHANNEL_KEY_PATH "\\New]"));
    assert_null(strstr(text.data, "\\New\\Deeper]"));
    assert_int_equal(regfile_parse(text.data, text.length, 1, &ops, &error), 0);
    regops_free(&ops);
    plan_free(&plan);
    strbuf_free(&bytes);
    strbuf_free(&text);
    memory_registry_free(current);
    memory_registry_free(wanted);
}

/* Owner and group Administrators, a protected DACL: Administrators full control, Everyone
 * read. As RegGetKeySecurity returns it (self-relative). */
#define SECURITY_HEX "01,00,04,90,14,00,00,00,24,00,00,00,00,00,00,00,34,00,00,00," \
    "01,02,00,00,00,00,00,05,20,00,00,00,20,02,00,00,01,02,00,00,00,00,00,05,20,00,00,00,20,02,00,00," \
    "02,00,34,00,02,00,00,00,00,00,18,00,3f,00,0f,00,01,02,00,00,00,00,00,05,20,00,00,00,20,02,00,00," \
    "00,00,14,00,19,00,02,00,01,01,00,00,00,00,00,01,00,00,00,00"

static void reads_a_keys_saved_security_descriptor(void **state)
{
    struct regops ops;
    struct regfile_error error;
    const char *text = "Windows Registry Editor Version 5.00\r\n\r\n[" KEY "]\r\n"
                       "; TLS Switch key security: hex:" SECURITY_HEX "\r\n"
                       "\"Enabled\"=dword:00000001\r\n";
    (void)state;
    assert_int_equal(parse(text, &ops, &error), 0);
    assert_int_equal(ops.count, 3);
    assert_int_equal(ops.items[1].kind, REGOP_SET_SECURITY);
    assert_string_equal(ops.items[1].path, PATH);
    assert_int_equal(ops.items[1].size, 104);
    assert_true(regstore_security_valid(ops.items[1].data, ops.items[1].size));
    regops_free(&ops);
}

static void refuses_a_security_descriptor_out_of_place_or_malformed(void **state)
{
    static const struct {
        const char *text;
        unsigned line;
    } cases[] = {
        /* before any key */
        { "Windows Registry Editor Version 5.00\r\n; TLS Switch key security: hex:" SECURITY_HEX "\r\n", 2 },
        /* below a key that is deleted */
        { "Windows Registry Editor Version 5.00\r\n[-" KEY "]\r\n; TLS Switch key security: hex:" SECURITY_HEX "\r\n", 3 },
        /* not hex */
        { "Windows Registry Editor Version 5.00\r\n[" KEY "]\r\n; TLS Switch key security: hex:01,zz\r\n", 3 },
        /* continued on the next line: regedit would read that line as something else */
        { "Windows Registry Editor Version 5.00\r\n[" KEY "]\r\n; TLS Switch key security: hex:01,00,\\\r\n  04,90\r\n", 3 },
        /* too short for a security descriptor */
        { "Windows Registry Editor Version 5.00\r\n[" KEY "]\r\n; TLS Switch key security: hex:01,00,04,90\r\n", 3 },
        /* an owner beyond its end */
        { "Windows Registry Editor Version 5.00\r\n[" KEY "]\r\n; TLS Switch key security: hex:01,00,04,90,"
          "ff,00,00,00,00,00,00,00,00,00,00,00,00,00,00,00\r\n", 3 },
    };
    size_t i;
    (void)state;
    for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        struct regops ops;
        struct regfile_error error;
        if (parse(cases[i].text, &ops, &error) != -1)
            fail_msg("case %u was read", (unsigned)i);
        assert_int_equal(error.reason, MSG_REGFILE_BAD_SECURITY);
        assert_int_equal(error.line, cases[i].line);
        assert_int_equal(ops.count, 0);
    }
}

static void security_descriptors_are_checked_part_by_part(void **state)
{
    unsigned char good[104];
    unsigned char bad[104];
    const char *hex = SECURITY_HEX;
    size_t i;
    (void)state;
    for (i = 0; i < sizeof(good); i++, hex += 3)
        good[i] = (unsigned char)(text_hex_digit(hex[0]) * 16 + text_hex_digit(hex[1]));
    assert_true(regstore_security_valid(good, sizeof(good)));
    assert_false(regstore_security_valid(good, 19));
    assert_false(regstore_security_valid(good, sizeof(good) - 1));   /* the last ACE is cut */
    memcpy(bad, good, sizeof(bad));
    bad[0] = 2;   /* revision */
    assert_false(regstore_security_valid(bad, sizeof(bad)));
    memcpy(bad, good, sizeof(bad));
    bad[3] &= 0x7f;   /* not self-relative: the offsets would be pointers */
    assert_false(regstore_security_valid(bad, sizeof(bad)));
    memcpy(bad, good, sizeof(bad));
    bad[21] = 16;   /* an owner with 16 sub-authorities */
    assert_false(regstore_security_valid(bad, sizeof(bad)));
    memcpy(bad, good, sizeof(bad));
    bad[56] = 3;   /* one ACE more than the DACL holds */
    assert_false(regstore_security_valid(bad, sizeof(bad)));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(reads_an_export_with_every_value_form),
        cmocka_unit_test(reads_regedit4_with_lf_and_cr_line_ends),
        cmocka_unit_test(decodes_unicode_files),
        cmocka_unit_test(reads_what_regedit_reads_the_same_way),
        cmocka_unit_test(refuses_malformed_and_hostile_files),
        cmocka_unit_test(refuses_keys_too_deep_or_too_many),
        cmocka_unit_test(backup_reads_back_to_the_same_state),
        cmocka_unit_test(backup_covers_what_a_plan_touches),
        cmocka_unit_test(reads_a_keys_saved_security_descriptor),
        cmocka_unit_test(refuses_a_security_descriptor_out_of_place_or_malformed),
        cmocka_unit_test(security_descriptors_are_checked_part_by_part),
    };
    return cmocka_run_group_tests_name("regfile", tests, NULL, NULL);
}
