/* The readers of mail programs' account files (.oeaccount, Becky!'s Folder.lst and
 * Mailbox.ini, Sylpheed's accountrc and sylpheed.ini), on stores written here from the
 * documented formats: what each account comes out as, the defaults of what is left out,
 * Japanese names in UTF-8, damaged stores, and a password planted in each store that never
 * reaches any record. Shift-JIS goes through glibc's iconv, as the Win32 layer goes through
 * MultiByteToWideChar(932). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <iconv.h>
#include <stdlib.h>
#include <string.h>

#include "accounts/becky.h"
#include "accounts/oeaccount.h"
#include "accounts/sylpheed.h"

#define SECRET "Zq7-SECRET-pw"

/* ---- helpers ---------------------------------------------------------------------- */

static int iconv_convert(const char *to, const char *from, const unsigned char *bytes, size_t size,
                         struct strbuf *out)
{
    iconv_t cd = iconv_open(to, from);
    char buffer[4096], *in = (char *)bytes, *next;
    size_t in_left = size, out_left;
    int result = 0;
    assert_true(cd != (iconv_t)-1);
    while (in_left > 0) {
        next = buffer;
        out_left = sizeof(buffer);
        if (iconv(cd, &in, &in_left, &next, &out_left) == (size_t)-1 && next == buffer) {
            result = -1;
            break;
        }
        strbuf_append_n(out, buffer, (size_t)(next - buffer));
    }
    iconv_close(cd);
    return result;
}

/* The test's account_decode_fn: Shift-JIS (Windows code page 932) to UTF-8. */
static int decode_cp932(void *context, const unsigned char *bytes, size_t size, struct strbuf *utf8)
{
    (void)context;
    return iconv_convert("UTF-8", "CP932", bytes, size, utf8);
}

static void to_cp932(const char *utf8, struct strbuf *out)
{
    assert_int_equal(iconv_convert("CP932", "UTF-8", (const unsigned char *)utf8, strlen(utf8), out), 0);
}

static int bytes_contain(const void *haystack, size_t size, const char *needle)
{
    const unsigned char *bytes = haystack;
    size_t n = strlen(needle), i;
    for (i = 0; i + n <= size; i++)
        if (memcmp(bytes + i, needle, n) == 0)
            return 1;
    return 0;
}

/* No byte of any record holds the planted password. */
static void assert_no_secret(const struct account_list *list)
{
    size_t i;
    for (i = 0; i < list->count; i++) {
        const struct account *a = &list->items[i];
        assert_null(strstr(a->name, "SECRET"));
        assert_null(strstr(a->incoming.host, "SECRET"));
        assert_null(strstr(a->outgoing.host, "SECRET"));
    }
    if (list->count)
        assert_false(bytes_contain(list->items, list->count * sizeof(list->items[0]), SECRET));
}

static void assert_server(const struct account_server *server, enum mail_protocol protocol, const char *host,
                          unsigned port, enum account_security security)
{
    assert_true(server->present);
    assert_int_equal(server->protocol, protocol);
    assert_string_equal(server->host, host);
    assert_int_equal(server->port, port);
    assert_int_equal(server->security, security);
}

/* ---- .oeaccount ------------------------------------------------------------------- */

/* Microsoft's example IMAP account ("Handling for Account Data"), with passwords planted. */
static const char oe_imap[] =
    "<?xml version=\"1.0\" encoding=\"utf-16\" ?>\r\n"
    "<MessageAccount>\r\n"
    "    <Account_Name type=\"SZ\">donhallimap</Account_Name>\r\n"
    "    <Connection_Type type=\"DWORD\">00000003</Connection_Type>\r\n"
    "    <IMAP_Server type=\"SZ\">mail.wingtiptoys.com</IMAP_Server>\r\n"
    "    <IMAP_User_Name type=\"SZ\">don</IMAP_User_Name>\r\n"
    "    <IMAP_Password2 type=\"BINARY\">" SECRET "</IMAP_Password2>\r\n"
    "    <IMAP_Port type=\"DWORD\">3e1</IMAP_Port>\r\n"
    "    <IMAP_Secure_Connection type=\"DWORD\">1</IMAP_Secure_Connection>\r\n"
    "    <IMAP_Prompt_for_Password type=\"DWORD\">0</IMAP_Prompt_for_Password>\r\n"
    "    <SMTP_Server type=\"SZ\">smtp.wingtiptoys.com</SMTP_Server>\r\n"
    "    <SMTP_Password2 type=\"BINARY\">" SECRET "</SMTP_Password2>\r\n"
    "    <SMTP_Port type=\"DWORD\">19</SMTP_Port>\r\n"
    "    <SMTP_Secure_Connection type=\"DWORD\">1</SMTP_Secure_Connection>\r\n"
    "</MessageAccount>\r\n";

static void utf16(const char *text, int bom, struct strbuf *out)
{
    if (bom)
        strbuf_append_n(out, "\xFF\xFE", 2);
    assert_int_equal(text_utf8_to_utf16le(text, strlen(text), out), 0);
}

static enum account_read_result read_oe(const struct strbuf *file, struct account_list *list)
{
    return oeaccount_read((const unsigned char *)file->data, file->length, PROGRAM_WINDOWS_LIVE_MAIL, list);
}

static void oeaccount_utf16_imap_account_as_microsoft_documents_it(void **state)
{
    struct account_list list = { 0 };
    struct strbuf file;
    int bom;
    (void)state;
    for (bom = 0; bom <= 1; bom++) {
        strbuf_init(&file);
        utf16(oe_imap, bom, &file);
        assert_int_equal(read_oe(&file, &list), ACCOUNT_READ_OK);
        strbuf_free(&file);
    }
    assert_int_equal(list.count, 2);
    assert_int_equal(list.items[0].program, PROGRAM_WINDOWS_LIVE_MAIL);
    assert_string_equal(list.items[0].name, "donhallimap");
    assert_server(&list.items[0].incoming, MAIL_IMAP, "mail.wingtiptoys.com", 993, SECURITY_SSL);
    /* The tick on port 25 (0x19) is STARTTLS, as in Outlook Express since XP SP3. */
    assert_server(&list.items[0].outgoing, MAIL_SMTP, "smtp.wingtiptoys.com", 25, SECURITY_STARTTLS);
    assert_memory_equal(&list.items[0], &list.items[1], sizeof(list.items[0]));
    assert_no_secret(&list);
    account_list_free(&list);
}

static void oeaccount_utf8_pop3_with_defaults_left_out(void **state)
{
    struct account_list list = { 0 };
    static const char file[] = "<MessageAccount>"
                               "<Account_Name type=\"SZ\">Home</Account_Name>"
                               "<POP3_Server type=\"SZ\">pop.example.jp</POP3_Server>"
                               "<POP3_Password2 type=\"BINARY\">" SECRET "</POP3_Password2>"
                               "<SMTP_Server type=\"SZ\">smtp.example.jp</SMTP_Server>"
                               "</MessageAccount>";
    (void)state;
    assert_int_equal(oeaccount_read((const unsigned char *)file, strlen(file), PROGRAM_WINDOWS_MAIL, &list),
                     ACCOUNT_READ_OK);
    assert_int_equal(list.count, 1);
    assert_int_equal(list.items[0].program, PROGRAM_WINDOWS_MAIL);
    /* Microsoft's defaults: POP3_Port 6e, SMTP_Port 19, no secure connection. */
    assert_server(&list.items[0].incoming, MAIL_POP3, "pop.example.jp", 110, SECURITY_NONE);
    assert_server(&list.items[0].outgoing, MAIL_SMTP, "smtp.example.jp", 25, SECURITY_NONE);
    assert_no_secret(&list);
    account_list_free(&list);
}

static void oeaccount_japanese_name_ssl_ports_and_references(void **state)
{
    struct account_list list = { 0 };
    struct strbuf file;
    /* UTF-8 with a BOM; the name partly as character references. */
    static const char text[] = "\xEF\xBB\xBF<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
                               "<!-- written by hand -->\n"
                               "<MessageAccount>\n"
                               "\t<Account_Name type=\"SZ\">\xE4\xBC\x9A\xE7\xA4\xBE&#x306E;&#12513;&#x30FC;&#x30EB; &amp; OCN</Account_Name>\n"
                               "\t<POP3_Server type='SZ'>pop.ocn.ne.jp</POP3_Server>\n"
                               "\t<POP3_Port type=\"DWORD\">3E3</POP3_Port>\n"
                               "\t<POP3_Secure_Connection type=\"DWORD\">1</POP3_Secure_Connection>\n"
                               "\t<SMTP_Server type=\"SZ\">smtp.ocn.ne.jp</SMTP_Server>\n"
                               "\t<SMTP_Port type=\"DWORD\">000001d1</SMTP_Port>\n"
                               "\t<SMTP_Secure_Connection type=\"DWORD\">TRUE</SMTP_Secure_Connection>\n"
                               "\t<SMTP_Signature type=\"SZ\"/>\n"
                               "</MessageAccount>\n";
    (void)state;
    strbuf_init(&file);
    strbuf_append(&file, text);
    assert_int_equal(read_oe(&file, &list), ACCOUNT_READ_OK);
    assert_int_equal(list.count, 1);
    assert_string_equal(list.items[0].name, "会社のメール & OCN");
    assert_server(&list.items[0].incoming, MAIL_POP3, "pop.ocn.ne.jp", 995, SECURITY_SSL);
    assert_server(&list.items[0].outgoing, MAIL_SMTP, "smtp.ocn.ne.jp", 465, SECURITY_SSL);
    strbuf_free(&file);
    /* The same in UTF-16 with its BOM reads the same. */
    strbuf_init(&file);
    utf16(text + 3, 1, &file);
    assert_int_equal(read_oe(&file, &list), ACCOUNT_READ_OK);
    assert_int_equal(list.count, 2);
    assert_memory_equal(&list.items[0], &list.items[1], sizeof(list.items[0]));
    strbuf_free(&file);
    account_list_free(&list);
}

static void oeaccount_news_account_adds_nothing(void **state)
{
    struct account_list list = { 0 };
    static const char file[] = "<MessageAccount><Account_Name type=\"SZ\">news</Account_Name>"
                               "<NNTP_Server type=\"SZ\">news.example.com</NNTP_Server>"
                               "<NNTP_Port type=\"DWORD\">233</NNTP_Port></MessageAccount>";
    (void)state;
    assert_int_equal(oeaccount_read((const unsigned char *)file, strlen(file), PROGRAM_WINDOWS_MAIL, &list),
                     ACCOUNT_READ_OK);
    assert_int_equal(list.count, 0);
    account_list_free(&list);
}

/* A password element's text is never decoded: a reference there that would be refused
 * anywhere else does not make the file damaged. */
static void oeaccount_password_text_is_never_decoded(void **state)
{
    struct account_list list = { 0 };
    static const char file[] = "<MessageAccount><POP3_Server type=\"SZ\">pop.example.com</POP3_Server>"
                               "<POP3_Password2 type=\"BINARY\">&no-such-entity;" SECRET "</POP3_Password2>"
                               "</MessageAccount>";
    static const char same_elsewhere[] = "<MessageAccount><POP3_Server type=\"SZ\">pop.example.com</POP3_Server>"
                                         "<POP3_User_Name type=\"SZ\">&no-such-entity;</POP3_User_Name>"
                                         "</MessageAccount>";
    (void)state;
    assert_int_equal(oeaccount_read((const unsigned char *)file, strlen(file), PROGRAM_WINDOWS_MAIL, &list),
                     ACCOUNT_READ_OK);
    assert_int_equal(list.count, 1);
    assert_no_secret(&list);
    assert_int_equal(oeaccount_read((const unsigned char *)same_elsewhere, strlen(same_elsewhere),
                                    PROGRAM_WINDOWS_MAIL, &list),
                     ACCOUNT_READ_DAMAGED);
    assert_int_equal(list.count, 1);
    account_list_free(&list);
}

static void oeaccount_every_truncation_is_damaged_and_adds_nothing(void **state)
{
    struct account_list list = { 0 };
    struct strbuf file;
    size_t cut, end;
    (void)state;
    strbuf_init(&file);
    utf16(oe_imap, 1, &file);
    end = file.length - 4; /* the file ends with "\r\n" after </MessageAccount> */
    for (cut = 0; cut < end; cut++)
        assert_int_equal(oeaccount_read((const unsigned char *)file.data, cut, PROGRAM_WINDOWS_MAIL, &list),
                         ACCOUNT_READ_DAMAGED);
    assert_int_equal(list.count, 0);
    assert_int_equal(oeaccount_read((const unsigned char *)file.data, file.length, PROGRAM_WINDOWS_MAIL, &list),
                     ACCOUNT_READ_OK);
    assert_int_equal(list.count, 1);
    strbuf_free(&file);
    account_list_free(&list);
}

static void oeaccount_refuses_what_windows_mail_does_not_write(void **state)
{
    static const char *const files[] = {
        "<MessageAccount><POP3_Server>p</POP3_Server><POP3_Port>zz</POP3_Port></MessageAccount>",
        "<MessageAccount><POP3_Server>p</POP3_Server><POP3_Port>10000</POP3_Port></MessageAccount>",
        "<MessageAccount><POP3_Server>p</POP3_Server><POP3_Port>123456789</POP3_Port></MessageAccount>",
        "<!DOCTYPE x [<!ENTITY e \"pop\">]><MessageAccount><POP3_Server>&e;</POP3_Server></MessageAccount>",
        "<Account><POP3_Server>p</POP3_Server></Account>",
        "<MessageAccount><POP3_Server>p</SMTP_Server></MessageAccount>",
        "<MessageAccount><POP3_Server>p<b>x</b></POP3_Server></MessageAccount>",
        "<MessageAccount><POP3_Server>&#0;</POP3_Server></MessageAccount>",
        "<MessageAccount><POP3_Server>a\tb</POP3_Server></MessageAccount>",
        "<MessageAccount><POP3_Server>\xC3\x28</POP3_Server></MessageAccount>",
        "\xFE\xFF\0<",
    };
    struct account_list list = { 0 };
    size_t i;
    (void)state;
    for (i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
        size_t size = i + 1 == sizeof(files) / sizeof(files[0]) ? 4 : strlen(files[i]);
        if (oeaccount_read((const unsigned char *)files[i], size, PROGRAM_WINDOWS_MAIL, &list) != ACCOUNT_READ_DAMAGED)
            fail_msg("file %u was read: %s", (unsigned)i, files[i]);
    }
    assert_int_equal(list.count, 0);
    account_list_free(&list);
}

/* A comment of blanks fills the file to its size. */
static unsigned char *padded_document(size_t size)
{
    static const char head[] = "<MessageAccount><POP3_Server>p</POP3_Server><!--";
    static const char tail[] = "--></MessageAccount>";
    unsigned char *big = malloc(size);
    assert_non_null(big);
    memset(big, ' ', size);
    memcpy(big, head, strlen(head));
    memcpy(big + size - strlen(tail), tail, strlen(tail));
    return big;
}

static void oeaccount_larger_than_a_megabyte_is_refused(void **state)
{
    struct account_list list = { 0 };
    unsigned char *big = padded_document(ACCOUNT_FILE_MAX + 1);
    (void)state;
    assert_int_equal(oeaccount_read(big, ACCOUNT_FILE_MAX + 1, PROGRAM_WINDOWS_MAIL, &list), ACCOUNT_READ_DAMAGED);
    free(big);
    big = padded_document(ACCOUNT_FILE_MAX);
    assert_int_equal(oeaccount_read(big, ACCOUNT_FILE_MAX, PROGRAM_WINDOWS_MAIL, &list), ACCOUNT_READ_OK);
    assert_int_equal(list.count, 1);
    free(big);
    account_list_free(&list);
}

/* ---- Sylpheed --------------------------------------------------------------------- */

static const char accountrc[] =
    "[Account: 1]\n"
    "account_name=\xE8\x87\xAA\xE5\xAE\x85 (OCN)\n"
    "is_default=1\n"
    "name=Taro\n"
    "protocol=0\n"
    "receive_server=pop.ocn.ne.jp\n"
    "smtp_server=smtp.ocn.ne.jp\n"
    "user_id=taro\n"
    "password=" SECRET "\n"
    "smtp_password=" SECRET "\n"
    "proxy_pass=" SECRET "\n"
    "ssl_pop=1\n"
    "ssl_imap=0\n"
    "ssl_smtp=2\n"
    "set_smtpport=1\n"
    "smtp_port=587\n"
    "set_popport=0\n"
    "pop_port=110\n"
    "\n"
    "[Account: 2]\r\n"
    "account_name=Work\r\n"
    "protocol=3\r\n"
    "receive_server=imap.example.com\r\n"
    "smtp_server=smtp.example.com  \r\n"
    "ssl_imap=2\r\n"
    "set_imapport=1\r\n"
    "imap_port=1143\r\n"
    "\r\n"
    "[Account: 3]\n"
    "account_name=News\n"
    "protocol=4\n"
    "nntp_server=news.example.com\n";

static void sylpheed_accounts_as_sylpheed_connects(void **state)
{
    struct account_list list = { 0 };
    (void)state;
    assert_int_equal(sylpheed_read((const unsigned char *)accountrc, strlen(accountrc), &list), ACCOUNT_READ_OK);
    assert_int_equal(list.count, 2);
    assert_int_equal(list.items[0].program, PROGRAM_SYLPHEED);
    assert_string_equal(list.items[0].name, "自宅 (OCN)");
    /* set_popport off: Sylpheed's own default, 995 for SSL (pop.c). */
    assert_server(&list.items[0].incoming, MAIL_POP3, "pop.ocn.ne.jp", 0, SECURITY_SSL);
    assert_int_equal(account_server_port(&list.items[0].incoming), 995);
    assert_server(&list.items[0].outgoing, MAIL_SMTP, "smtp.ocn.ne.jp", 587, SECURITY_STARTTLS);
    assert_string_equal(list.items[1].name, "Work");
    assert_server(&list.items[1].incoming, MAIL_IMAP, "imap.example.com", 1143, SECURITY_STARTTLS);
    assert_server(&list.items[1].outgoing, MAIL_SMTP, "smtp.example.com", 0, SECURITY_NONE);
    assert_no_secret(&list);
    account_list_free(&list);
}

static void sylpheed_a_damaged_block_is_left_out_and_noted(void **state)
{
    struct account_list list = { 0 };
    static const char *const bad_blocks[] = {
        "ssl_pop=7\n", "ssl_smtp=\n", "set_popport=1\npop_port=70000\n", "protocol=x\n",
        "account_name=\xFF\xFE\n", "receive_server=" "0123456789012345678901234567890123456789012345678901234567890123"
        "0123456789012345678901234567890123456789012345678901234567890123"
        "0123456789012345678901234567890123456789012345678901234567890123"
        "0123456789012345678901234567890123456789012345678901234567890123\n",
    };
    size_t i;
    (void)state;
    for (i = 0; i < sizeof(bad_blocks) / sizeof(bad_blocks[0]); i++) {
        struct strbuf file;
        strbuf_init(&file);
        strbuf_printf(&file, "[Account: 1]\nreceive_server=pop.one\n%s[Account: 2]\nsmtp_server=smtp.two\n",
                      bad_blocks[i]);
        assert_int_equal(sylpheed_read((const unsigned char *)file.data, file.length, &list), ACCOUNT_READ_DAMAGED);
        assert_int_equal(list.count, i + 1);
        assert_string_equal(list.items[i].outgoing.host, "smtp.two");
        assert_false(list.items[i].incoming.present);
        strbuf_free(&file);
    }
    account_list_free(&list);
}

static void sylpheed_labels_keys_and_lines_as_libsylph_reads_them(void **state)
{
    struct account_list list = { 0 };
    struct strbuf file;
    static const char text[] = "[Account: 1]\n"
                               "RECEIVE_SERVER=pop.first\n"
                               "receive_server =pop.spaced\n"
                               "[Account: 1]\n"
                               "receive_server=pop.again\n"
                               "[Other]\n"
                               "receive_server=pop.other\n"
                               "[Account: 9]\n"
                               "smtp_server=smtp.nine\n";
    (void)state;
    assert_int_equal(sylpheed_read((const unsigned char *)text, strlen(text), &list), ACCOUNT_READ_OK);
    assert_int_equal(list.count, 2);
    assert_string_equal(list.items[0].incoming.host, "pop.first");
    assert_string_equal(list.items[1].outgoing.host, "smtp.nine");
    account_list_free(&list);

    /* A line longer than 64 KB: damaged, the blocks before it kept, its own block left
     * out (the line may hide any of its settings). */
    strbuf_init(&file);
    strbuf_append(&file, "[Account: 1]\nsmtp_server=smtp.one\n[Account: 2]\nsmtp_server=smtp.before\nname=");
    while (file.length < ACCOUNT_LINE_MAX + 100)
        strbuf_append(&file, "xxxxxxxxxxxxxxxx");
    strbuf_append(&file, "\nsmtp_server=smtp.two\n");
    assert_int_equal(sylpheed_read((const unsigned char *)file.data, file.length, &list), ACCOUNT_READ_DAMAGED);
    assert_int_equal(list.count, 1);
    assert_string_equal(list.items[0].outgoing.host, "smtp.one");
    strbuf_free(&file);
    account_list_free(&list);
}

static void sylpheed_ini_names_the_settings_folder(void **state)
{
    char dir[260];
    struct strbuf file;
    static const char *const none[] = {
        "", "[Sylpheed]\nipcport=50215\n", "[Other]\nconfigdir=elsewhere\n", "[Sylpheed]\nconfigdir=\n",
        "[Sylpheed]\nconfigdir=a\nconfigdir=\n",
    };
    size_t i;
    (void)state;
    strbuf_init(&file);
    to_cp932("[Sylpheed]\r\nipcport=50216\r\nconfigdir=..\\設定\\sylpheed  \r\n[Other]\r\nconfigdir=no\r\n", &file);
    assert_int_equal(sylpheed_ini_config_dir((const unsigned char *)file.data, file.length, decode_cp932, NULL, dir,
                                             sizeof(dir)),
                     1);
    assert_string_equal(dir, "..\\設定\\sylpheed");
    strbuf_free(&file);
    for (i = 0; i < sizeof(none) / sizeof(none[0]); i++) {
        assert_int_equal(sylpheed_ini_config_dir((const unsigned char *)none[i], strlen(none[i]), decode_cp932, NULL,
                                                 dir, sizeof(dir)),
                         0);
        assert_string_equal(dir, "");
    }
    assert_int_equal(sylpheed_ini_config_dir((const unsigned char *)"[Sylpheed]\nconfigdir=D:\\\x82\n", 25,
                                             decode_cp932, NULL, dir, sizeof(dir)),
                     -1);
    assert_int_equal(sylpheed_ini_config_dir((const unsigned char *)"[Sylpheed]\nconfigdir=D:\\Sylpheed\n", 33,
                                             decode_cp932, NULL, dir, 5),
                     -1);
    assert_string_equal(dir, "");
}

/* ---- Becky! ----------------------------------------------------------------------- */

/* A data folder in memory: mailbox folder names and their Mailbox.ini bytes. Counts the
 * reads of each, so that a test sees each mailbox read once. */
struct fake_becky {
    const char *folders[4];
    struct strbuf files[4];
    unsigned reads[4];
    unsigned other_reads;
};

static int fake_read_mailbox(void *context, const char *folder, struct strbuf *contents)
{
    struct fake_becky *store = context;
    size_t i;
    for (i = 0; i < 4 && store->folders[i]; i++) {
        if (strcmp(store->folders[i], folder) == 0) {
            store->reads[i]++;
            strbuf_append_n(contents, store->files[i].data, store->files[i].length);
            return 1;
        }
    }
    store->other_reads++;
    return 0;
}

static void becky_store_free(struct fake_becky *store)
{
    size_t i;
    for (i = 0; i < 4; i++)
        strbuf_free(&store->files[i]);
}

static enum account_read_result read_becky(const char *folder_list_utf8, struct fake_becky *store,
                                           struct account_list *list)
{
    struct strbuf folder_list;
    enum account_read_result result;
    strbuf_init(&folder_list);
    to_cp932(folder_list_utf8, &folder_list);
    result = becky_read((const unsigned char *)folder_list.data, folder_list.length, decode_cp932, NULL,
                        fake_read_mailbox, store, list);
    strbuf_free(&folder_list);
    return result;
}

static void becky_mailboxes_in_shift_jis_each_read_once(void **state)
{
    struct fake_becky store = { { "4f1a2b3c.mb", "受信箱.mb", NULL, NULL }, { { 0 } }, { 0 }, 0 };
    struct account_list list = { 0 };
    (void)state;
    to_cp932("[Account]\r\n"
             "Name=プロバイダ (OCN)\r\n"
             "YourName=山田 太郎\r\n"
             "MailAddress=taro@example.jp\r\n"
             "MailServer=pop.ocn.ne.jp\r\n"
             "SMTPServer=smtp.ocn.ne.jp\r\n"
             "UserID=taro\r\n"
             "PassWd=" SECRET "\r\n"
             "Protocol=0\r\n"
             "POP3Port=995\r\n"
             "SSLPOP=1\r\n"
             "SMTPPort = 587\r\n"
             "SSLSMTP=0\r\n"
             "[Signature]\r\n"
             "Name=not the account\r\n",
             &store.files[0]);
    to_cp932("; a comment\n"
             "[account]\n"
             "  name = 仕事\n"
             "MailServer=imap.example.com\n"
             "Protocol=1\n"
             "SSLIMAP=1\n"
             "IMAP4Port=993\n"
             "SMTPServer=smtp.example.com\n"
             "SMTPPassword=" SECRET "\n",
             &store.files[1]);
    /* Named twice (once in another case), and a line that would point at the data folder. */
    assert_int_equal(read_becky("4f1a2b3c.mb\r\n受信箱.mb\r\n4F1A2B3C.MB\r\n..\r\n\r\n受信箱.mb\r\n", &store, &list),
                     ACCOUNT_READ_DAMAGED);
    assert_int_equal(store.reads[0], 1);
    assert_int_equal(store.reads[1], 1);
    assert_int_equal(store.other_reads, 0);
    assert_int_equal(list.count, 2);
    assert_int_equal(list.items[0].program, PROGRAM_BECKY);
    assert_string_equal(list.items[0].name, "プロバイダ (OCN)");
    assert_server(&list.items[0].incoming, MAIL_POP3, "pop.ocn.ne.jp", 995, SECURITY_SSL);
    assert_server(&list.items[0].outgoing, MAIL_SMTP, "smtp.ocn.ne.jp", 587, SECURITY_NONE);
    assert_string_equal(list.items[1].name, "仕事");
    assert_server(&list.items[1].incoming, MAIL_IMAP, "imap.example.com", 993, SECURITY_SSL);
    /* SMTPPort left out: the importer's default, 25. */
    assert_server(&list.items[1].outgoing, MAIL_SMTP, "smtp.example.com", 25, SECURITY_NONE);
    assert_no_secret(&list);
    account_list_free(&list);
    becky_store_free(&store);
}

static void becky_bytes_not_shift_jis_damage_only_that_mailbox(void **state)
{
    struct fake_becky store = { { "a.mb", "b.mb", NULL, NULL }, { { 0 } }, { 0 }, 0 };
    struct account_list list = { 0 };
    (void)state;
    strbuf_init(&store.files[0]);
    strbuf_append(&store.files[0], "[Account]\r\nName=\x82\x20\xFF\r\nMailServer=pop.a\r\n");
    strbuf_init(&store.files[1]);
    /* Bytes that are not Shift-JIS in the password: never decoded, so no harm. */
    strbuf_append(&store.files[1], "[Account]\r\nPassWd=\x82\x20\xFF" SECRET "\r\nMailServer=pop.b\r\n");
    assert_int_equal(read_becky("a.mb\r\nb.mb\r\n", &store, &list), ACCOUNT_READ_DAMAGED);
    assert_int_equal(list.count, 1);
    assert_server(&list.items[0].incoming, MAIL_POP3, "pop.b", 110, SECURITY_NONE);
    assert_false(list.items[0].outgoing.present);
    assert_no_secret(&list);
    account_list_free(&list);
    becky_store_free(&store);
}

static void becky_refuses_settings_not_established(void **state)
{
    static const char *const files[] = {
        "[Account]\nMailServer=pop.a\nSSLPOP=2\n",
        "[Account]\nMailServer=pop.a\nProtocol=2\n",
        "[Account]\nMailServer=pop.a\nPOP3Port=0\n",
        "[Account]\nSMTPServer=smtp.a\nSMTPPort=65536\n",
    };
    struct account_list list = { 0 };
    size_t i;
    (void)state;
    for (i = 0; i < sizeof(files) / sizeof(files[0]); i++)
        assert_int_equal(becky_mailbox_read((const unsigned char *)files[i], strlen(files[i]), decode_cp932, NULL,
                                            &list),
                         ACCOUNT_READ_DAMAGED);
    assert_int_equal(list.count, 0);
    /* No [Account] section, or no server: nothing, and nothing wrong. */
    assert_int_equal(becky_mailbox_read((const unsigned char *)"[Other]\nMailServer=x\n", 21, decode_cp932, NULL, &list),
                     ACCOUNT_READ_OK);
    assert_int_equal(list.count, 0);
    account_list_free(&list);
}

static void becky_a_long_folder_list_is_bounded(void **state)
{
    struct fake_becky store = { { NULL }, { { 0 } }, { 0 }, 0 };
    struct account_list list = { 0 };
    struct strbuf folder_list;
    unsigned i;
    (void)state;
    strbuf_init(&folder_list);
    for (i = 0; i < BECKY_MAILBOXES_MAX + 50; i++)
        strbuf_printf(&folder_list, "%08x.mb\r\n", i);
    assert_int_equal(read_becky(folder_list.data, &store, &list), ACCOUNT_READ_DAMAGED);
    assert_int_equal(store.other_reads, BECKY_MAILBOXES_MAX);
    strbuf_free(&folder_list);
    /* Missing Mailbox.ini files are passed over without a note. */
    store.other_reads = 0;
    assert_int_equal(read_becky("x.mb\r\ny.mb\r\n", &store, &list), ACCOUNT_READ_OK);
    assert_int_equal(store.other_reads, 2);
    assert_int_equal(list.count, 0);
    /* Paths are refused, not followed. */
    assert_int_equal(read_becky("..\\other\r\nC:\\x\r\nsub/x\r\n.\r\n", &store, &list), ACCOUNT_READ_DAMAGED);
    assert_int_equal(store.other_reads, 2);
    account_list_free(&list);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(oeaccount_utf16_imap_account_as_microsoft_documents_it),
        cmocka_unit_test(oeaccount_utf8_pop3_with_defaults_left_out),
        cmocka_unit_test(oeaccount_japanese_name_ssl_ports_and_references),
        cmocka_unit_test(oeaccount_news_account_adds_nothing),
        cmocka_unit_test(oeaccount_password_text_is_never_decoded),
        cmocka_unit_test(oeaccount_every_truncation_is_damaged_and_adds_nothing),
        cmocka_unit_test(oeaccount_refuses_what_windows_mail_does_not_write),
        cmocka_unit_test(oeaccount_larger_than_a_megabyte_is_refused),
        cmocka_unit_test(sylpheed_accounts_as_sylpheed_connects),
        cmocka_unit_test(sylpheed_a_damaged_block_is_left_out_and_noted),
        cmocka_unit_test(sylpheed_labels_keys_and_lines_as_libsylph_reads_them),
        cmocka_unit_test(sylpheed_ini_names_the_settings_folder),
        cmocka_unit_test(becky_mailboxes_in_shift_jis_each_read_once),
        cmocka_unit_test(becky_bytes_not_shift_jis_damage_only_that_mailbox),
        cmocka_unit_test(becky_refuses_settings_not_established),
        cmocka_unit_test(becky_a_long_folder_list_is_bounded),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
