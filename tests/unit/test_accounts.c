/* /test /accounts: the readers of Outlook Express's and Outlook's registry stores and of
 * Thunderbird's files, Windows (Live) Mail's folders of .oeaccount files, the table that
 * finds them, each account's verdict and its words,
 * and the rule that no password is ever read or shown. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "accounts/account_check.h"
#include "accounts/account_sources.h"
#include "accounts/outlook.h"
#include "accounts/outlook_express.h"
#include "accounts/thunderbird.h"
#include "registry/regstore_memory.h"
#include "registry/settings.h"
#include "text/message_table.h"

#define OE_ACCOUNTS "Software\\Microsoft\\Internet Account Manager\\Accounts"
#define SECRET "hunter2-SECRET"

/* A string value of `type` in UTF-16LE with its NUL, from UTF-8. */
static void set_typed_string(struct memory_registry *r, const char *path, const char *name, const char *utf8,
                             uint32_t type)
{
    struct strbuf wide;
    strbuf_init(&wide);
    assert_int_equal(text_utf8_to_utf16le(utf8, strlen(utf8), &wide), 0);
    strbuf_append_n(&wide, "\0\0", 2);
    assert_int_equal(memory_registry_set(r, path, name, type, wide.data, (uint32_t)wide.length), REGSTORE_OK);
    strbuf_free(&wide);
}

/* A REG_SZ (or, binary, Outlook's REG_BINARY). */
static void set_string(struct memory_registry *r, const char *path, const char *name, const char *utf8, int binary)
{
    set_typed_string(r, path, name, utf8, binary ? REGTYPE_BINARY : REGTYPE_SZ);
}

/* The spy between the readers and the memory registry: it records every value name asked
 * for and fails the test at any listing of values or any name that may hold a password. */
struct spy {
    struct regstore inner;
    unsigned reads;
};

static long spy_key_exists(void *context, const char *path, int *exists)
{
    struct spy *spy = context;
    return spy->inner.ops->key_exists(spy->inner.context, path, exists);
}

static long spy_read_value(void *context, const char *path, const char *name, struct regstore_value *out)
{
    struct spy *spy = context;
    spy->reads++;
    if (account_name_is_secret(name))
        fail_msg("a reader asked for \"%s\" in %s", name, path);
    return spy->inner.ops->read_value(spy->inner.context, path, name, out);
}

static long spy_list_subkeys(void *context, const char *path, struct name_list *out)
{
    struct spy *spy = context;
    return spy->inner.ops->list_subkeys(spy->inner.context, path, out);
}

static long spy_list_values(void *context, const char *path, struct name_list *out)
{
    (void)context;
    (void)out;
    fail_msg("a reader listed the values of %s", path);
    return REGSTORE_INVALID;
}

static const struct regstore_ops spy_ops = { spy_key_exists, spy_read_value, spy_list_subkeys, spy_list_values,
                                             NULL, NULL, NULL, NULL, NULL, NULL, NULL };

static struct regstore spy_store(struct spy *spy, struct memory_registry *registry)
{
    struct regstore store;
    spy->inner = memory_registry_store(registry);
    spy->reads = 0;
    store.ops = &spy_ops;
    store.context = spy;
    return store;
}

/* Two identities of Outlook Express: the first with a Japanese account name, SSL on 995
 * and SMTP ticked on 587 (STARTTLS), the second plain with the ports left out; each with
 * its password planted beside. */
static void outlook_express_store(struct memory_registry *r)
{
    const char *first = "Identities\\{11111111-1111-1111-1111-111111111111}\\" OE_ACCOUNTS "\\00000001";
    const char *news = "Identities\\{11111111-1111-1111-1111-111111111111}\\" OE_ACCOUNTS "\\00000002";
    const char *second = "Identities\\{22222222-2222-2222-2222-222222222222}\\" OE_ACCOUNTS "\\00000001";
    set_string(r, first, "Account Name", "プロバイダ", 0);
    set_string(r, first, "POP3 Server", "pop.example.jp", 0);
    memory_registry_set_dword(r, first, "POP3 Port", 995);
    memory_registry_set_dword(r, first, "POP3 Secure Connection", 1);
    set_string(r, first, "SMTP Server", "smtp.example.jp", 0);
    memory_registry_set_dword(r, first, "SMTP Port", 587);
    memory_registry_set_dword(r, first, "SMTP Secure Connection", 1);
    set_string(r, first, "POP3 Password2", SECRET, 1);
    set_string(r, first, "POP3 User Name", "taro", 0);
    set_string(r, news, "Account Name", "news", 0);
    set_string(r, news, "NNTP Server", "news.example.jp", 0);
    set_string(r, second, "Account Name", "Home", 0);
    set_string(r, second, "IMAP Server", "imap.example.net", 0);
    set_string(r, second, "SMTP Server", "smtp.example.net", 0);
    set_string(r, second, "SMTP Password2", SECRET, 0);
    /* The accounts of the user outside the identities: not read when an identity has some. */
    set_string(r, OE_ACCOUNTS "\\00000009", "POP3 Server", "pop.elsewhere.example", 0);
}

static void outlook_express_every_identity(void **state)
{
    struct memory_registry *r = memory_registry_new();
    struct spy spy;
    struct regstore store;
    struct account_list list = { NULL, 0, 0 };
    (void)state;
    outlook_express_store(r);
    store = spy_store(&spy, r);
    assert_true(outlook_express_present(&store));
    assert_int_equal(outlook_express_read(&store, &list), ACCOUNT_READ_OK);
    assert_true(spy.reads > 0);
    assert_int_equal(list.count, 2);   /* the news account is none */
    assert_int_equal(list.items[0].program, PROGRAM_OUTLOOK_EXPRESS);
    assert_string_equal(list.items[0].name, "プロバイダ");
    assert_int_equal(list.items[0].incoming.protocol, MAIL_POP3);
    assert_string_equal(list.items[0].incoming.host, "pop.example.jp");
    assert_int_equal(list.items[0].incoming.port, 995);
    assert_int_equal(list.items[0].incoming.security, SECURITY_SSL);
    /* The SSL box on a port other than 465 is STARTTLS (KB933612). */
    assert_int_equal(list.items[0].outgoing.security, SECURITY_STARTTLS);
    assert_int_equal(list.items[0].outgoing.port, 587);
    assert_string_equal(list.items[1].name, "Home");
    assert_int_equal(list.items[1].incoming.protocol, MAIL_IMAP);
    assert_int_equal(list.items[1].incoming.port, 0);   /* left out: the default */
    assert_int_equal(account_server_port(&list.items[1].incoming), 143);
    assert_int_equal(account_server_port(&list.items[1].outgoing), 25);
    assert_int_equal(list.items[1].outgoing.security, SECURITY_NONE);
    account_list_free(&list);
    memory_registry_free(r);
}

static void outlook_express_without_identities_and_damaged_values(void **state)
{
    struct memory_registry *r = memory_registry_new();
    struct regstore store = memory_registry_store(r);
    struct account_list list = { NULL, 0, 0 };
    (void)state;
    assert_false(outlook_express_present(&store));
    set_string(r, OE_ACCOUNTS "\\00000001", "POP3 Server", "pop.example.jp", 0);
    memory_registry_set_dword(r, OE_ACCOUNTS "\\00000001", "SMTP Secure Connection", 1);
    set_string(r, OE_ACCOUNTS "\\00000001", "SMTP Server", "smtp.example.jp", 0);
    /* A port as a string and a secure flag of the wrong size: a note, not a crash. */
    set_string(r, OE_ACCOUNTS "\\00000002", "POP3 Server", "pop.example.net", 0);
    set_string(r, OE_ACCOUNTS "\\00000002", "POP3 Port", "995", 0);
    memory_registry_set(r, OE_ACCOUNTS "\\00000002", "POP3 Secure Connection", REGTYPE_DWORD, "\1", 1);
    memory_registry_set(r, OE_ACCOUNTS "\\00000003", "POP3 Server", REGTYPE_DWORD, "\1\0\0\0", 4);
    assert_true(outlook_express_present(&store));
    assert_int_equal(outlook_express_read(&store, &list), ACCOUNT_READ_DAMAGED);
    assert_int_equal(list.count, 2);
    assert_string_equal(list.items[0].name, "00000001");
    /* SSL ticked, port left out: port 25 with STARTTLS. */
    assert_int_equal(list.items[0].outgoing.security, SECURITY_STARTTLS);
    assert_int_equal(account_server_port(&list.items[0].outgoing), 25);
    assert_string_equal(list.items[1].incoming.host, "pop.example.net");
    assert_int_equal(list.items[1].incoming.port, 0);
    assert_int_equal(list.items[1].incoming.security, SECURITY_NONE);
    account_list_free(&list);
    memory_registry_free(r);
}

#define PROFILES_2003 "Software\\Microsoft\\Windows NT\\CurrentVersion\\Windows Messaging Subsystem\\Profiles"
#define SERVICE "9375CFF0413111d3B88A00104B2A6676"

static void outlook_profiles_with_binary_strings(void **state)
{
    struct memory_registry *r = memory_registry_new();
    struct spy spy;
    struct regstore store;
    struct account_list list = { NULL, 0, 0 };
    const char *old = PROFILES_2003 "\\Outlook\\" SERVICE "\\00000002";
    const char *exchange = PROFILES_2003 "\\Outlook\\" SERVICE "\\00000001";
    const char *new = "Software\\Microsoft\\Office\\16.0\\Outlook\\Profiles\\Outlook\\" SERVICE "\\00000003";
    (void)state;
    store = spy_store(&spy, r);
    assert_false(outlook_present(&store));
    set_string(r, exchange, "Account Name", "Outlook Address Book", 1);
    set_string(r, old, "Account Name", "仕事", 1);
    set_string(r, old, "POP3 Server", "pop.example.jp", 1);
    memory_registry_set_dword(r, old, "POP3 Port", 995);
    memory_registry_set_dword(r, old, "POP3 Use SSL", 1);
    set_string(r, old, "SMTP Server", "smtp.example.jp", 1);
    memory_registry_set_dword(r, old, "SMTP Secure Connection", 2);
    memory_registry_set_dword(r, old, "SMTP Port", 587);
    set_string(r, old, "POP3 Password", SECRET, 1);
    set_string(r, new, "Account Name", "Home", 1);
    set_string(r, new, "IMAP Server", "imap.example.net", 1);
    set_string(r, new, "SMTP Server", "smtp.example.net", 0);
    memory_registry_set_dword(r, new, "SMTP Secure Connection", 3);
    memory_registry_set_dword(r, new, "IMAP Secure Connection", 7);   /* out of range */
    set_string(r, new, "IMAP Password", SECRET, 1);
    assert_true(outlook_present(&store));
    assert_int_equal(outlook_read(&store, &list), ACCOUNT_READ_DAMAGED);
    assert_int_equal(list.count, 2);
    assert_string_equal(list.items[0].name, "仕事");
    assert_int_equal(list.items[0].program, PROGRAM_OUTLOOK);
    assert_string_equal(list.items[0].incoming.host, "pop.example.jp");
    assert_int_equal(list.items[0].incoming.security, SECURITY_SSL);
    assert_int_equal(list.items[0].outgoing.security, SECURITY_STARTTLS);
    assert_int_equal(list.items[0].outgoing.port, 587);
    assert_string_equal(list.items[1].name, "Home");
    assert_int_equal(list.items[1].incoming.protocol, MAIL_IMAP);
    assert_int_equal(list.items[1].incoming.security, SECURITY_NONE);
    assert_int_equal(list.items[1].outgoing.security, SECURITY_AUTO);
    assert_int_equal(account_server_port(&list.items[1].outgoing), 25);
    account_list_free(&list);
    memory_registry_free(r);
}

static const char prefs_js[] =
    "// Mozilla User Preferences\n"
    "user_pref(\"mail.account.account1.identities\", \"id1\");\n"
    "user_pref(\"mail.account.account1.server\", \"server1\");\n"
    "user_pref(\"mail.account.account2.server\", \"server2\");\n"
    "user_pref(\"mail.account.account3.identities\", \"id3\");\n"
    "user_pref(\"mail.account.account3.server\", \"server3\");\n"
    "user_pref(\"mail.identity.id1.smtpServer\", \"smtp1\");\n"
    "user_pref(\"mail.identity.id3.smtpServer\", \"smtp2\");\n"
    "user_pref(\"mail.server.server1.hostname\", \"pop.example.jp\");\n"
    "user_pref(\"mail.server.server1.name\", \"\\u30d7\\u30ed\\u30d0\\u30a4\\u30c0\");\n"
    "user_pref(\"mail.server.server1.port\", 995);\n"
    "user_pref(\"mail.server.server1.socketType\", 3);\n"
    "user_pref(\"mail.server.server1.type\", \"pop3\");\n"
    "user_pref(\"mail.server.server1.password\", \"" SECRET "\");\n"
    "user_pref(\"mail.server.server2.hostname\", \"Local Folders\");\n"
    "user_pref(\"mail.server.server2.type\", \"none\");\n"
    "user_pref(\"mail.server.server3.hostname\", \"imap.example.net\");\n"
    "user_pref(\"mail.server.server3.type\", \"imap\");\n"
    "user_pref(\"mail.server.server3.socketType\", 2);\n"
    "user_pref(\"mail.smtp.defaultserver\", \"smtp1\");\n"
    "user_pref(\"mail.smtpserver.smtp1.hostname\", \"smtp.example.jp\");\n"
    "user_pref(\"mail.smtpserver.smtp1.port\", 465);\n"
    "user_pref(\"mail.smtpserver.smtp1.try_ssl\", 3);\n"
    "user_pref(\"mail.smtpserver.smtp2.hostname\", \"smtp.example.net\");\n"
    "user_pref(\"mail.smtpserver.smtp2.try_ssl\", 2);\n"
    "user_pref(\"mail.smtpserver.smtp2.password\", \"" SECRET "\");\n";

static void thunderbird_prefs(void **state)
{
    struct account_list list = { NULL, 0, 0 };
    (void)state;
    assert_int_equal(thunderbird_read_prefs(prefs_js, strlen(prefs_js), &list), ACCOUNT_READ_OK);
    assert_int_equal(list.count, 2);
    assert_string_equal(list.items[0].name, "プロバイダ");
    assert_int_equal(list.items[0].program, PROGRAM_THUNDERBIRD);
    assert_int_equal(list.items[0].incoming.protocol, MAIL_POP3);
    assert_int_equal(list.items[0].incoming.security, SECURITY_SSL);
    assert_int_equal(list.items[0].incoming.port, 995);
    assert_string_equal(list.items[0].outgoing.host, "smtp.example.jp");
    assert_int_equal(list.items[0].outgoing.security, SECURITY_SSL);
    assert_string_equal(list.items[1].name, "imap.example.net");
    assert_int_equal(list.items[1].incoming.security, SECURITY_STARTTLS);
    assert_int_equal(account_server_port(&list.items[1].incoming), 143);   /* absent: the default */
    assert_string_equal(list.items[1].outgoing.host, "smtp.example.net");
    assert_int_equal(list.items[1].outgoing.security, SECURITY_STARTTLS);
    assert_int_equal(account_server_port(&list.items[1].outgoing), 25);
    account_list_free(&list);
}

static void thunderbird_hostile_prefs(void **state)
{
    static const char *const damaged[] = {
        "user_pref(\"mail.server.server1.hostname\", \"pop.example.jp",   /* cut in the string */
        "user_pref(\"mail.server.server1.port\", );\n",
        "user_pref(\"mail.server.server1.port\", 99999);\nuser_pref(\"mail.server.server1.hostname\", \"p\");\n"
        "user_pref(\"mail.server.server1.type\", \"pop3\");\n",
    };
    size_t size = 10u * 1024u * 1024u, i;
    char *big = malloc(size + 64);
    struct account_list list = { NULL, 0, 0 };
    (void)state;
    assert_non_null(big);
    for (i = 0; i < sizeof(damaged) / sizeof(damaged[0]); i++)
        assert_int_equal(thunderbird_read_prefs(damaged[i], strlen(damaged[i]), &list), ACCOUNT_READ_DAMAGED);
    assert_int_equal(list.count, 1);   /* the account whose port was out of range, with the default */
    assert_int_equal(list.items[0].incoming.port, 0);
    account_list_free(&list);
    /* A 10 MB line: one string preference never closed, then one of 10 MB. */
    memcpy(big, "user_pref(\"mail.server.server1.name\", \"", 39);
    memset(big + 39, 'a', size - 39);
    assert_int_equal(thunderbird_read_prefs(big, size, &list), ACCOUNT_READ_DAMAGED);
    memcpy(big + size, "\");\n", 4);
    assert_int_equal(thunderbird_read_prefs(big, size + 4, &list), ACCOUNT_READ_DAMAGED);
    assert_int_equal(list.count, 0);
    free(big);
}

static void thunderbird_profiles_ini(void **state)
{
    static const char ini[] = "[Install308046B0AF4A39CB]\r\nDefault=Profiles/abc.default-release\r\n\r\n"
                              "[Profile1]\r\nName=default\r\nIsRelative=1\r\nPath=Profiles/abc.default\r\n\r\n"
                              "[Profile0]\r\nName=other\r\nIsRelative=0\r\nPath=D:\\Mail\\tb\r\n"
                              "[General]\r\nStartWithLastProfile=1\r\n";
    struct thunderbird_profile profiles[THUNDERBIRD_MAX_PROFILES];
    (void)state;
    assert_int_equal(thunderbird_profiles(ini, strlen(ini), profiles), 2);
    assert_string_equal(profiles[0].path, "Profiles/abc.default");
    assert_true(profiles[0].relative);
    assert_string_equal(profiles[1].path, "D:\\Mail\\tb");
    assert_false(profiles[1].relative);
    assert_int_equal(thunderbird_profiles("garbage", 7, profiles), -1);
    assert_int_equal(thunderbird_profiles("[Profile0]\nName=x\n", 18, profiles), -1);
}

/* Files of a pretend user, for the discovery table. Its folders are those the files' paths
 * name; `crowded` is a folder that holds `crowd` empty folders besides. */
#define FAKE_FILES 8
struct fake_files {
    const char *names[FAKE_FILES];
    const char *texts[FAKE_FILES];
    size_t sizes[FAKE_FILES];   /* 0: the text's strlen (a UTF-16 text has NULs) */
    const char *crowded;
    size_t crowd;
    unsigned listings;          /* how many folders were listed */
};

static int fake_app_data(void *context, char *out, size_t size)
{
    (void)context;
    text_format(out, size, "C:\\Users\\taro\\AppData\\Roaming");
    return 0;
}

/* The fake files' names, like Windows' own, are compared without case. */
static enum account_file_result fake_read_file(void *context, const char *path, size_t limit, char **data,
                                               size_t *length)
{
    struct fake_files *files = context;
    size_t i;
    for (i = 0; i < FAKE_FILES && files->names[i]; i++)
        if (text_equal_nocase(files->names[i], path)) {
            *length = files->sizes[i] ? files->sizes[i] : strlen(files->texts[i]);
            if (*length > limit)
                return ACCOUNT_FILE_TOO_LARGE;
            *data = malloc(*length + 1);
            memcpy(*data, files->texts[i], *length);
            (*data)[*length] = '\0';
            return ACCOUNT_FILE_OK;
        }
    return ACCOUNT_FILE_ABSENT;
}

/* Adds one entry unless listed already; 0, or -1 when the listing is full. */
static int fake_entry(struct account_folder_entry *entries, size_t max, size_t *count, const char *name,
                      size_t length, int is_folder)
{
    size_t i;
    assert_true(length < sizeof(entries[0].name));
    for (i = 0; i < *count; i++)
        if (strlen(entries[i].name) == length && memcmp(entries[i].name, name, length) == 0)
            return 0;
    if (*count == max)
        return -1;
    memcpy(entries[*count].name, name, length);
    entries[*count].name[length] = '\0';
    entries[*count].is_folder = is_folder;
    (*count)++;
    return 0;
}

static enum account_file_result fake_list_folder(void *context, const char *path, struct account_folder_entry *entries,
                                                 size_t max, size_t *count)
{
    struct fake_files *files = context;
    size_t i, prefix = strlen(path);
    int exists = files->crowded && strcmp(files->crowded, path) == 0;
    *count = 0;
    files->listings++;
    for (i = 0; i < FAKE_FILES && files->names[i]; i++) {
        const char *rest = files->names[i] + prefix + 1, *end;
        if (!text_equal_nocase_n(files->names[i], path, prefix) || files->names[i][prefix] != '\\')
            continue;
        exists = 1;
        end = strchr(rest, '\\');
        if (fake_entry(entries, max, count, rest, end ? (size_t)(end - rest) : strlen(rest), end != NULL) != 0)
            return ACCOUNT_FILE_TOO_LARGE;
    }
    if (exists && files->crowded && strcmp(files->crowded, path) == 0)
        for (i = 0; i < files->crowd; i++) {
            char name[32];
            text_format(name, sizeof(name), "folder%u", (unsigned)i);
            if (fake_entry(entries, max, count, name, strlen(name), 1) != 0)
                return ACCOUNT_FILE_TOO_LARGE;
        }
    return exists ? ACCOUNT_FILE_OK : ACCOUNT_FILE_ABSENT;
}

static int fake_local_app_data(void *context, char *out, size_t size)
{
    (void)context;
    text_format(out, size, "C:\\Users\\taro\\AppData\\Local");
    return 0;
}

/* The environment of Windows XP: %USERPROFILE% but no %LOCALAPPDATA%, which stays as it is. */
static int fake_expand(void *context, const char *text, char *out, size_t size)
{
    (void)context;
    if (strncmp(text, "%USERPROFILE%", 13) == 0)
        return text_format(out, size, "C:\\Users\\taro%s", text + 13) < (int)size ? 0 : -1;
    return text_format(out, size, "%s", text) < (int)size ? 0 : -1;
}

static struct account_system fake_system(const struct regstore *user, struct fake_files *files)
{
    struct account_system system;
    memset(&system, 0, sizeof(system));
    system.user = user;
    system.context = files;
    system.app_data = fake_app_data;
    system.read_file = fake_read_file;
    system.list_folder = fake_list_folder;
    system.local_app_data = fake_local_app_data;
    system.expand = fake_expand;
    return system;
}

#define WLM_KEY "Software\\Microsoft\\Windows Live Mail"
#define WM_KEY "Software\\Microsoft\\Windows Mail"
#define LOCAL "C:\\Users\\taro\\AppData\\Local"
#define WLM_ROOT LOCAL "\\Microsoft\\Windows Live Mail"

/* Windows Live Mail's files as it writes them: UTF-16LE with a byte order mark. */
static const char *utf16_file(const char *utf8, size_t *size)
{
    static char bytes[4][2048];
    static unsigned next;
    struct strbuf wide;
    char *out = bytes[next++ % 4];
    strbuf_init(&wide);
    strbuf_append_n(&wide, "\xFF\xFE", 2);
    assert_int_equal(text_utf8_to_utf16le(utf8, strlen(utf8), &wide), 0);
    assert_true(wide.length <= sizeof(bytes[0]));
    memcpy(out, wide.data, wide.length);
    *size = wide.length;
    strbuf_free(&wide);
    return out;
}

static const char wlm_pop3[] =
    "<?xml version=\"1.0\" encoding=\"utf-16\" ?>\r\n<MessageAccount>\r\n"
    "<Account_Name type=\"SZ\">プロバイダ</Account_Name>\r\n"
    "<POP3_Server type=\"SZ\">pop.example.jp</POP3_Server>\r\n"
    "<POP3_Port type=\"DWORD\">3e3</POP3_Port>\r\n"
    "<POP3_Secure_Connection type=\"DWORD\">1</POP3_Secure_Connection>\r\n"
    "<POP3_Password2 type=\"BINARY\">" SECRET "</POP3_Password2>\r\n"
    "<SMTP_Server type=\"SZ\">smtp.example.jp</SMTP_Server>\r\n"
    "<SMTP_Port type=\"DWORD\">24b</SMTP_Port>\r\n"
    "<SMTP_Secure_Connection type=\"DWORD\">1</SMTP_Secure_Connection>\r\n"
    "<SMTP_Password2 type=\"BINARY\">" SECRET "</SMTP_Password2>\r\n"
    "</MessageAccount>\r\n";

static const char wlm_imap[] = "<MessageAccount><Account_Name type=\"SZ\">Home</Account_Name>"
                               "<IMAP_Server type=\"SZ\">imap.example.net</IMAP_Server>"
                               "<IMAP_Password2 type=\"BINARY\">" SECRET "</IMAP_Password2>"
                               "<SMTP_Server type=\"SZ\">smtp.example.net</SMTP_Server></MessageAccount>";

/* Two accounts in folders of their own under a Store Root given with %LOCALAPPDATA%, which
 * XP's environment lacks; a file deeper down (in an account's mail folder) and one that is
 * no .oeaccount are not read. */
static void windows_live_mail_accounts_in_their_folders(void **state)
{
    struct memory_registry *r = memory_registry_new();
    struct regstore store = memory_registry_store(r);
    struct fake_files files = {
        .names = { WLM_ROOT "\\pop.example.jp\\account{11111111-2222-3333-4444-555555555555}.oeaccount",
                   WLM_ROOT "\\imap.example.net\\ACCOUNT{66666666-2222-3333-4444-555555555555}.OEACCOUNT",
                   WLM_ROOT "\\imap.example.net\\Inbox\\account{deeper}.oeaccount",
                   WLM_ROOT "\\imap.example.net\\notes.txt", NULL },
        .texts = { NULL, wlm_imap, wlm_imap, "<MessageAccount>", NULL }
    };
    struct account_system system = fake_system(&store, &files);
    struct account_discovery found;
    (void)state;
    files.texts[0] = utf16_file(wlm_pop3, &files.sizes[0]);
    set_typed_string(r, WLM_KEY, "Store Root", "%LocalAppData%\\Microsoft\\Windows Live Mail\\", REGTYPE_EXPAND_SZ);
    accounts_discover(&system, &found);
    assert_int_equal(found.store[PROGRAM_WINDOWS_LIVE_MAIL], STORE_READ);
    assert_int_equal(found.store[PROGRAM_WINDOWS_MAIL], STORE_ABSENT);
    assert_int_equal(found.accounts.count, 2);
    assert_int_equal(found.accounts.items[0].program, PROGRAM_WINDOWS_LIVE_MAIL);
    assert_string_equal(found.accounts.items[0].name, "プロバイダ");
    assert_string_equal(found.accounts.items[0].incoming.host, "pop.example.jp");
    assert_int_equal(found.accounts.items[0].incoming.port, 995);
    assert_int_equal(found.accounts.items[0].incoming.security, SECURITY_SSL);
    assert_int_equal(found.accounts.items[0].outgoing.port, 587);
    assert_int_equal(found.accounts.items[0].outgoing.security, SECURITY_STARTTLS);
    assert_int_equal(found.accounts.items[1].program, PROGRAM_WINDOWS_LIVE_MAIL);
    assert_string_equal(found.accounts.items[1].name, "Home");
    assert_int_equal(found.accounts.items[1].incoming.protocol, MAIL_IMAP);
    /* Windows Mail's default folder and the root looked for, then the root and the two
     * account folders read; the Inbox is not gone into */
    assert_int_equal(files.listings, 2 + 3);
    account_list_free(&found.accounts);
    memory_registry_free(r);
}

/* Windows Mail: no Store Root, so the folder Microsoft names (the POP3 account in "Local
 * Folders"); then a Store Root of its own, expanded from the environment. */
static void windows_mail_store_at_its_default_and_where_store_root_says(void **state)
{
    struct memory_registry *r = memory_registry_new();
    struct regstore store = memory_registry_store(r);
    struct fake_files files = { .names = { LOCAL "\\Microsoft\\Windows Mail\\Local Folders\\account{1}.oeaccount",
                                           "C:\\Users\\taro\\Mail\\Local Folders\\account{2}.oeaccount", NULL },
                                .texts = { NULL, wlm_imap, NULL } };
    struct account_system system = fake_system(&store, &files);
    struct account_discovery found;
    (void)state;
    files.texts[0] = utf16_file(wlm_pop3, &files.sizes[0]);
    accounts_discover(&system, &found);
    assert_int_equal(found.store[PROGRAM_WINDOWS_MAIL], STORE_READ);
    assert_int_equal(found.store[PROGRAM_WINDOWS_LIVE_MAIL], STORE_ABSENT);
    assert_int_equal(found.accounts.count, 1);
    assert_int_equal(found.accounts.items[0].program, PROGRAM_WINDOWS_MAIL);
    assert_string_equal(found.accounts.items[0].incoming.host, "pop.example.jp");
    account_list_free(&found.accounts);

    set_typed_string(r, WM_KEY, "Store Root", "%USERPROFILE%\\Mail", REGTYPE_EXPAND_SZ);
    accounts_discover(&system, &found);
    assert_int_equal(found.store[PROGRAM_WINDOWS_MAIL], STORE_READ);
    assert_int_equal(found.accounts.count, 1);
    assert_string_equal(found.accounts.items[0].name, "Home");
    account_list_free(&found.accounts);

    /* A Store Root that is no string: a note for Windows Mail. */
    memory_registry_set_dword(r, WM_KEY, "Store Root", 1);
    accounts_discover(&system, &found);
    assert_int_equal(found.store[PROGRAM_WINDOWS_MAIL], STORE_DAMAGED);
    assert_int_equal(found.accounts.count, 0);
    account_list_free(&found.accounts);
    memory_registry_free(r);
}

/* Windows Live Mail told to use Windows Mail's folder (named in another case, with a
 * trailing backslash): its accounts are listed once, as Windows Live Mail's. */
static void one_folder_named_by_both_programs_is_listed_once(void **state)
{
    struct memory_registry *r = memory_registry_new();
    struct regstore store = memory_registry_store(r);
    struct fake_files files = { .names = { LOCAL "\\Microsoft\\Windows Mail\\Local Folders\\account{1}.oeaccount", NULL },
                                .texts = { wlm_imap, NULL } };
    struct account_system system = fake_system(&store, &files);
    struct account_discovery found;
    (void)state;
    set_typed_string(r, WLM_KEY, "Store Root", "%LocalAppData%\\microsoft\\WINDOWS MAIL\\", REGTYPE_EXPAND_SZ);
    accounts_discover(&system, &found);
    assert_int_equal(found.store[PROGRAM_WINDOWS_MAIL], STORE_ABSENT);
    assert_int_equal(found.store[PROGRAM_WINDOWS_LIVE_MAIL], STORE_READ);
    assert_int_equal(found.accounts.count, 1);
    assert_int_equal(found.accounts.items[0].program, PROGRAM_WINDOWS_LIVE_MAIL);
    account_list_free(&found.accounts);
    /* Each in its own folder again: Windows Mail's account is its own. */
    set_typed_string(r, WLM_KEY, "Store Root", "C:\\Elsewhere", REGTYPE_EXPAND_SZ);
    accounts_discover(&system, &found);
    assert_int_equal(found.store[PROGRAM_WINDOWS_MAIL], STORE_READ);
    assert_int_equal(found.accounts.count, 1);
    assert_int_equal(found.accounts.items[0].program, PROGRAM_WINDOWS_MAIL);
    account_list_free(&found.accounts);
    memory_registry_free(r);
}

/* A truncated file beside a good one: the good account is read, the store noted, and the
 * other programs still read. */
static void windows_live_mail_damaged_file_beside_a_good_one(void **state)
{
    struct memory_registry *r = memory_registry_new();
    struct regstore store = memory_registry_store(r);
    struct fake_files files = {
        .names = { WLM_ROOT "\\a\\account{1}.oeaccount", WLM_ROOT "\\b\\account{2}.oeaccount",
                   "C:\\Users\\taro\\AppData\\Roaming\\Sylpheed\\accountrc", NULL },
        .texts = { NULL, NULL, "[Account: 1]\naccount_name=S\nreceive_server=pop.example.jp\n", NULL }
    };
    struct account_system system = fake_system(&store, &files);
    struct account_discovery found;
    (void)state;
    files.texts[0] = utf16_file(wlm_pop3, &files.sizes[0]);
    files.texts[1] = wlm_imap;
    files.sizes[1] = strlen(wlm_imap) / 2;
    accounts_discover(&system, &found);
    assert_int_equal(found.store[PROGRAM_WINDOWS_LIVE_MAIL], STORE_DAMAGED);
    assert_int_equal(found.store[PROGRAM_SYLPHEED], STORE_READ);
    assert_int_equal(found.accounts.count, 2);
    assert_string_equal(found.accounts.items[0].incoming.host, "pop.example.jp");
    assert_int_equal(found.accounts.items[0].program, PROGRAM_WINDOWS_LIVE_MAIL);
    assert_int_equal(found.accounts.items[1].program, PROGRAM_SYLPHEED);
    account_list_free(&found.accounts);
    memory_registry_free(r);
}

#define SYLPHEED_APP_PATH_KEY "SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\App Paths\\sylpheed.exe"
#define SYLPHEED_FOLDER "C:\\Program Files\\Sylpheed"
#define SYLPHEED_ROAMING "C:\\Users\\taro\\AppData\\Roaming\\Sylpheed\\accountrc"

/* The ANSI code page, as far as these tests need it: ASCII, anything else refused. */
static int decode_ascii(void *context, const unsigned char *bytes, size_t size, struct strbuf *utf8)
{
    size_t i;
    (void)context;
    for (i = 0; i < size; i++)
        if (bytes[i] >= 0x80)
            return -1;
    strbuf_append_n(utf8, (const char *)bytes, size);
    return utf8->failed ? -1 : 0;
}

/* The name of the one Sylpheed account found, or "" (with the store's state). */
static enum account_store_state sylpheed_found(const struct account_system *system, char *name, size_t size)
{
    struct account_discovery found;
    enum account_store_state state;
    size_t i;
    name[0] = '\0';
    accounts_discover(system, &found);
    for (i = 0; i < found.accounts.count; i++)
        if (found.accounts.items[i].program == PROGRAM_SYLPHEED)
            text_format(name, size, "%s", found.accounts.items[i].name);
    state = found.store[PROGRAM_SYLPHEED];
    account_list_free(&found.accounts);
    return state;
}

/* An installed Sylpheed with sylpheed.ini beside sylpheed.exe: accountrc where its
 * configdir says (relative to that folder, or absolute); without configdir, or without
 * sylpheed.ini or the installer's entry, %APPDATA%\\Sylpheed; a sylpheed.ini that cannot be
 * read gets Sylpheed's note. */
static void sylpheed_ini_beside_the_installed_program(void **state)
{
    struct memory_registry *user = memory_registry_new(), *machine = memory_registry_new();
    struct regstore user_store = memory_registry_store(user), machine_store = memory_registry_store(machine);
    struct fake_files files = {
        .names = { SYLPHEED_FOLDER "\\sylpheed.ini", SYLPHEED_FOLDER "\\settings\\accountrc",
                   "D:\\Mail\\accountrc", SYLPHEED_ROAMING, NULL },
        .texts = { "[Sylpheed]\r\nipcport=50215\r\nconfigdir=settings\r\n",
                   "[Account: 1]\naccount_name=Beside\nreceive_server=pop.example.jp\n",
                   "[Account: 1]\naccount_name=Absolute\nreceive_server=pop.example.jp\n",
                   "[Account: 1]\naccount_name=Roaming\nreceive_server=pop.example.jp\n", NULL }
    };
    struct account_system system = fake_system(&user_store, &files);
    char name[64];
    (void)state;
    system.machine = &machine_store;
    system.decode_ansi = decode_ascii;

    /* No installer's entry: the usual folder. */
    assert_int_equal(sylpheed_found(&system, name, sizeof(name)), STORE_READ);
    assert_string_equal(name, "Roaming");
    set_typed_string(machine, SYLPHEED_APP_PATH_KEY, "", SYLPHEED_FOLDER "\\sylpheed.exe", REGTYPE_SZ);
    assert_int_equal(sylpheed_found(&system, name, sizeof(name)), STORE_READ);
    assert_string_equal(name, "Beside");
    files.texts[0] = "[Sylpheed]\nconfigdir=D:\\Mail\n";
    assert_int_equal(sylpheed_found(&system, name, sizeof(name)), STORE_READ);
    assert_string_equal(name, "Absolute");
    files.texts[0] = "[Sylpheed]\nipcport=50215\n";
    assert_int_equal(sylpheed_found(&system, name, sizeof(name)), STORE_READ);
    assert_string_equal(name, "Roaming");
    /* Bytes the code page does not have: noted, nothing read from elsewhere. */
    files.texts[0] = "[Sylpheed]\nconfigdir=D:\\\x82\n";
    assert_int_equal(sylpheed_found(&system, name, sizeof(name)), STORE_DAMAGED);
    assert_string_equal(name, "");
    /* No sylpheed.ini beside it: the usual folder. */
    files.names[0] = SYLPHEED_FOLDER "\\other.ini";
    assert_int_equal(sylpheed_found(&system, name, sizeof(name)), STORE_READ);
    assert_string_equal(name, "Roaming");
    memory_registry_free(user);
    memory_registry_free(machine);
}

/* A Store Root with thousands of folders: a bounded number listed, the store noted, the
 * accounts among the first still read. */
static void windows_live_mail_too_many_entries(void **state)
{
    struct memory_registry *r = memory_registry_new();
    struct regstore store = memory_registry_store(r);
    struct fake_files files = { .names = { WLM_ROOT "\\a\\account{1}.oeaccount", NULL }, .texts = { NULL, NULL } };
    struct account_system system = fake_system(&store, &files);
    struct account_discovery found;
    (void)state;
    files.texts[0] = utf16_file(wlm_pop3, &files.sizes[0]);
    files.crowded = WLM_ROOT;
    files.crowd = 5000;
    accounts_discover(&system, &found);
    assert_int_equal(found.store[PROGRAM_WINDOWS_LIVE_MAIL], STORE_DAMAGED);
    assert_int_equal(found.accounts.count, 1);
    /* the Windows Mail default looked at, the root twice, at most 512 of its folders */
    assert_true(files.listings <= 3 + 512);
    assert_true(files.listings > 500);
    account_list_free(&found.accounts);
    memory_registry_free(r);
}

static void discovery_reads_every_store_and_notes_damage(void **state)
{
    struct memory_registry *r = memory_registry_new();
    struct regstore store = memory_registry_store(r);
    struct fake_files files = {
        .names = { "C:\\Users\\taro\\AppData\\Roaming\\Thunderbird\\profiles.ini",
                   "C:\\Users\\taro\\AppData\\Roaming\\Thunderbird\\Profiles\\abc.default\\prefs.js", NULL },
        .texts = { "[Profile0]\nPath=Profiles/abc.default\nIsRelative=1\n",
                   "user_pref(\"mail.server.server1.hostname\", \"pop.example.jp\");\n"
                   "user_pref(\"mail.server.server1.type\", \"pop3\");\n"
                   "user_pref(\"mail.server.server1.port\", \"x\");\n",
                   NULL }
    };
    struct account_system system = fake_system(&store, &files);
    struct account_discovery found;
    (void)state;
    accounts_discover(&system, &found);
    assert_int_equal(found.store[PROGRAM_OUTLOOK_EXPRESS], STORE_ABSENT);
    assert_int_equal(found.store[PROGRAM_OUTLOOK], STORE_ABSENT);
    assert_int_equal(found.store[PROGRAM_THUNDERBIRD], STORE_DAMAGED);
    assert_int_equal(found.accounts.count, 1);
    account_list_free(&found.accounts);
    outlook_express_store(r);
    files.texts[1] = prefs_js;
    accounts_discover(&system, &found);
    assert_int_equal(found.store[PROGRAM_OUTLOOK_EXPRESS], STORE_READ);
    assert_int_equal(found.store[PROGRAM_THUNDERBIRD], STORE_READ);
    assert_int_equal(found.accounts.count, 4);
    assert_int_equal(found.accounts.items[0].program, PROGRAM_OUTLOOK_EXPRESS);
    assert_int_equal(found.accounts.items[3].program, PROGRAM_THUNDERBIRD);
    account_list_free(&found.accounts);
    /* profiles.ini that is no profiles.ini: a note for Thunderbird, the others still read. */
    files.texts[0] = "\xff\xfe garbage";
    accounts_discover(&system, &found);
    assert_int_equal(found.store[PROGRAM_THUNDERBIRD], STORE_DAMAGED);
    assert_int_equal(found.store[PROGRAM_OUTLOOK_EXPRESS], STORE_READ);
    assert_int_equal(found.accounts.count, 2);
    account_list_free(&found.accounts);
    memory_registry_free(r);
}

static void usable(struct simulation *sim, uint16_t version)
{
    simulation_failed(OUTCOME_OK, 0, sim);
    sim->verdict = SIM_USABLE;
    sim->version = version;
    sim->suite = 0x002f;
}

static void refused(struct simulation *sim)
{
    simulation_failed(OUTCOME_ALERT, 0, sim);
    sim->verdict = SIM_VERSION_REFUSED;
    sim->alert = 70;
}

/* What the Win32 layer does, with the servers' answers given: a row's `now`, and its
 * `after` where find_wants_after asks for it. */
typedef void (*answer_fn)(const struct find_row *row, const char *target, struct simulation *now,
                          struct simulation *after);

static void run_rows(struct account_check *c, answer_fn answer, unsigned from)
{
    unsigned i;
    char target[400];
    for (i = from; i < c->search.row_count; i++) {
        struct find_row *row = &c->search.rows[i];
        struct simulation after;
        find_row_target(&c->search, row, target, sizeof(target));
        row->tried = 1;
        simulation_failed(OUTCOME_REFUSED, 0, &after);
        answer(row, target, &row->now, &after);
        if (row->now.outcome != OUTCOME_HOST_NOT_FOUND)
            c->search.name_found[row->name] = 1;
        if (find_wants_after(&c->search, row)) {
            row->tried_after = 1;
            row->after = after;
        }
    }
    find_judge(&c->search);
}

static void check_account(struct account_check *c, const struct account *account, answer_fn answer)
{
    struct cipher_policy policy;
    int side;
    memset(&policy, 0, sizeof(policy));
    account_check_prepare(c, account, 0);
    find_set_hellos(&c->search, WINDOWS_XP, &policy, 0x0301);
    run_rows(c, answer, 0);
    for (side = 0; side < SIDE_COUNT; side++)
        if (account_check_wants_alternatives(c, (enum account_side)side)) {
            unsigned from = c->search.row_count;
            account_check_add_alternatives(c, (enum account_side)side);
            run_rows(c, answer, from);
        }
}

/* A provider: POP3 over SSL on 995 with TLS 1.2 only; SMTP over SSL on 465 with TLS 1.0;
 * a plain POP3 on 110 that refuses STLS; nothing on 25 or 587. */
static void provider(const struct find_row *row, const char *target, struct simulation *now, struct simulation *after)
{
    (void)row;
    if (strcmp(target, "pop3s://pop.example.jp:995") == 0) {
        refused(now);
        usable(after, 0x0303);
    } else if (strcmp(target, "smtps://smtp.example.jp:465") == 0) {
        usable(now, 0x0301);
    } else if (strcmp(target, "pop3://pop.example.jp:110") == 0) {
        simulation_failed(OUTCOME_STARTTLS_REFUSED, 0, now);
    } else if (strncmp(target, "imaps://imap.xp-cannot.example", 30) == 0) {
        refused(now);
        refused(after);
    } else {
        simulation_failed(OUTCOME_REFUSED, 0, now);
    }
}

static struct account oe_account(const char *pop_security, unsigned pop_port, enum account_security smtp_security,
                                 unsigned smtp_port)
{
    struct account a;
    memset(&a, 0, sizeof(a));
    a.program = PROGRAM_OUTLOOK_EXPRESS;
    strcpy(a.name, "OCN");
    a.incoming.present = 1;
    a.incoming.protocol = MAIL_POP3;
    strcpy(a.incoming.host, "pop.example.jp");
    a.incoming.port = pop_port;
    a.incoming.security = strcmp(pop_security, "ssl") == 0 ? SECURITY_SSL : SECURITY_NONE;
    a.outgoing.present = 1;
    a.outgoing.protocol = MAIL_SMTP;
    strcpy(a.outgoing.host, "smtp.example.jp");
    a.outgoing.port = smtp_port;
    a.outgoing.security = smtp_security;
    return a;
}

static void verdicts_and_their_words(void **state)
{
    struct account_check *c = malloc(sizeof(*c));
    struct account a;
    struct strbuf out;
    const struct find_row *better;
    (void)state;
    assert_non_null(c);

    /* Works after the fix: POP3 SSL needs TLS 1.2, SMTP SSL works. */
    a = oe_account("ssl", 995, SECURITY_SSL, 465);
    check_account(c, &a, provider);
    assert_int_equal(account_check_side(c, SIDE_INCOMING, NULL), VERDICT_AFTER_FIX);
    assert_int_equal(account_check_side(c, SIDE_OUTGOING, NULL), VERDICT_WORKS);
    assert_int_equal(account_check_verdict(c), VERDICT_AFTER_FIX);
    strbuf_init(&out);
    assert_int_equal(account_check_report(c, LANGUAGE_EN, &out), 0);
    assert_non_null(strstr(out.data, "Outlook Express, account \"OCN\":\n"));
    assert_non_null(strstr(out.data, "Verdict: works after tlsswitch /apply recommended"));
    strbuf_free(&out);

    /* SMTP on 25 without SSL, where nothing answers: the change is named in Outlook
     * Express's words, with the port that works. */
    a = oe_account("ssl", 995, SECURITY_NONE, 0);
    check_account(c, &a, provider);
    assert_int_equal(account_check_side(c, SIDE_OUTGOING, &better), VERDICT_WRONG_SETTING);
    assert_non_null(better);
    assert_int_equal(better->port, 465);
    strbuf_init(&out);
    account_check_report(c, LANGUAGE_EN, &out);
    assert_non_null(strstr(out.data, "Outgoing mail (SMTP): port 25, no SSL; the server accepts port 465 with SSL: "
                                     "in the account's Properties, Advanced tab: tick \"This server requires a "
                                     "secure connection (SSL)\" and set the port to 465"));
    strbuf_clear(&out);
    account_check_report(c, LANGUAGE_JA, &out);
    assert_non_null(strstr(out.data, "判定: 設定が違います"));
    assert_non_null(strstr(out.data, "「このサーバーはセキュリティで保護された接続 (SSL) が必要」にチェックを付け、ポート番号を 465"));
    strbuf_free(&out);

    /* POP3 without SSL on 110, where the server answers: works, the password unencrypted. */
    a = oe_account("none", 0, SECURITY_SSL, 465);
    check_account(c, &a, provider);
    assert_int_equal(account_check_verdict(c), VERDICT_WORKS_PLAIN);
    strbuf_init(&out);
    assert_int_equal(account_check_report(c, LANGUAGE_EN, &out), 1);
    assert_non_null(strstr(out.data, "the password travels unencrypted"));
    strbuf_clear(&out);
    account_check_csv(c, &out);
    assert_non_null(strstr(out.data, "Outlook Express,OCN,incoming,POP3,pop.example.jp,110,none,plain,works-plain,,\r\n"));
    strbuf_free(&out);

    /* A provider XP cannot use whatever the settings: the relay is named. */
    a = oe_account("ssl", 995, SECURITY_SSL, 465);
    a.incoming.protocol = MAIL_IMAP;
    strcpy(a.incoming.host, "imap.xp-cannot.example");
    a.incoming.port = 0;
    check_account(c, &a, provider);
    assert_int_equal(account_check_verdict(c), VERDICT_CANNOT);
    strbuf_init(&out);
    account_check_report(c, LANGUAGE_EN, &out);
    assert_non_null(strstr(out.data, "cannot work on this Windows (Windows XP)"));
    assert_non_null(strstr(out.data, "tlsswitch /relay add imaps://imap.xp-cannot.example:993"));
    strbuf_free(&out);

    /* Nothing anywhere: does not work. The plain STARTTLS of Thunderbird is tried too. */
    a = oe_account("ssl", 995, SECURITY_SSL, 465);
    a.program = PROGRAM_THUNDERBIRD;
    strcpy(a.incoming.host, "pop.nowhere.example");
    check_account(c, &a, provider);
    assert_int_equal(c->alternatives_to[SIDE_INCOMING] - c->alternatives_from[SIDE_INCOMING], 1);
    assert_int_equal(account_check_side(c, SIDE_INCOMING, NULL), VERDICT_FAILS);
    free(c);
}

static int contains(const void *bytes, size_t size, const char *text)
{
    size_t i, n = strlen(text);
    for (i = 0; i + n <= size; i++)
        if (memcmp((const char *)bytes + i, text, n) == 0)
            return 1;
    return 0;
}

/* Every store with a password planted, read and reported in full, both languages and
 * CSV: the password is nowhere. */
static void no_password_is_ever_shown(void **state)
{
    struct memory_registry *r = memory_registry_new();
    struct spy spy;
    struct regstore store;
    struct fake_files files = {
        .names = { "C:\\Users\\taro\\AppData\\Roaming\\Thunderbird\\profiles.ini",
                   "C:\\Users\\taro\\AppData\\Roaming\\Thunderbird\\Profiles\\abc.default\\prefs.js",
                   "C:\\Users\\taro\\AppData\\Roaming\\Sylpheed\\accountrc",
                   WLM_ROOT "\\pop.example.jp\\account{1}.oeaccount",
                   LOCAL "\\Microsoft\\Windows Mail\\Local Folders\\account{2}.oeaccount", NULL },
        .texts = { "[Profile0]\nPath=Profiles/abc.default\nIsRelative=1\n", prefs_js,
                   "[Account: 1]\naccount_name=Sylpheed\nreceive_server=pop.example.jp\nssl_pop=1\n"
                   "password=" SECRET "\nsmtp_server=smtp.example.jp\nsmtp_password=" SECRET "\n",
                   NULL, wlm_imap, NULL }
    };
    struct account_system system;
    struct account_discovery found;
    struct account_check *c = malloc(sizeof(*c));
    const char *old = PROFILES_2003 "\\Outlook\\" SERVICE "\\00000002";
    struct strbuf out;
    size_t i;
    int language;
    (void)state;
    outlook_express_store(r);
    set_string(r, old, "POP3 Server", "pop.example.jp", 1);
    set_string(r, old, "POP3 Password", SECRET, 1);
    set_string(r, old, "SMTP Password", SECRET, 0);
    store = spy_store(&spy, r);
    files.texts[3] = utf16_file(wlm_pop3, &files.sizes[3]);
    system = fake_system(&store, &files);
    accounts_discover(&system, &found);
    assert_int_equal(found.accounts.count, 8);
    assert_int_equal(found.store[PROGRAM_SYLPHEED], STORE_READ);
    assert_int_equal(found.store[PROGRAM_WINDOWS_LIVE_MAIL], STORE_READ);
    assert_int_equal(found.store[PROGRAM_WINDOWS_MAIL], STORE_READ);
    strbuf_init(&out);
    account_check_csv_header(&out);
    for (i = 0; i < found.accounts.count; i++) {
        check_account(c, &found.accounts.items[i], provider);
        for (language = 0; language < LANGUAGE_COUNT; language++)
            account_check_report(c, (enum language)language, &out);
        account_check_csv(c, &out);
    }
    assert_false(out.failed);
    assert_null(strstr(out.data, SECRET));
    assert_null(strstr(out.data, "hunter2"));
    for (i = 0; i < found.accounts.count; i++)
        assert_false(contains(&found.accounts.items[i], sizeof(found.accounts.items[i]), "hunter2"));
    strbuf_free(&out);
    account_list_free(&found.accounts);
    memory_registry_free(r);
    free(c);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(outlook_express_every_identity),
        cmocka_unit_test(outlook_express_without_identities_and_damaged_values),
        cmocka_unit_test(outlook_profiles_with_binary_strings),
        cmocka_unit_test(thunderbird_prefs),
        cmocka_unit_test(thunderbird_hostile_prefs),
        cmocka_unit_test(thunderbird_profiles_ini),
        cmocka_unit_test(discovery_reads_every_store_and_notes_damage),
        cmocka_unit_test(windows_live_mail_accounts_in_their_folders),
        cmocka_unit_test(windows_mail_store_at_its_default_and_where_store_root_says),
        cmocka_unit_test(one_folder_named_by_both_programs_is_listed_once),
        cmocka_unit_test(windows_live_mail_damaged_file_beside_a_good_one),
        cmocka_unit_test(windows_live_mail_too_many_entries),
        cmocka_unit_test(sylpheed_ini_beside_the_installed_program),
        cmocka_unit_test(verdicts_and_their_words),
        cmocka_unit_test(no_password_is_ever_shown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
