/* libFuzzer target: a .oeaccount file as Windows Mail or Windows Live Mail left it, or as
 * anyone wrote it. Every record must be sound (account_record_check.h), a file gives at
 * most one account, and a UTF-8 file must read exactly as the same text in UTF-16LE with
 * its byte order mark. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "accounts/oeaccount.h"
#include "account_record_check.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct account_list list = { 0 }, again = { 0 };
    enum account_read_result result = oeaccount_read(data, size, PROGRAM_WINDOWS_LIVE_MAIL, &list);
    struct strbuf utf16;

    if (result == ACCOUNT_READ_NO_MEMORY || list.count > 1 || (result != ACCOUNT_READ_OK && list.count != 0))
        abort();
    check_records(&list, PROGRAM_WINDOWS_LIVE_MAIL);

    strbuf_init(&utf16);
    strbuf_append_n(&utf16, "\xFF\xFE", 2);
    if (size > 0 && memchr(data, 0, size) == NULL && !(size >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0) &&
        text_utf8_to_utf16le((const char *)data, size, &utf16) == 0 && !utf16.failed) {
        if (oeaccount_read((const unsigned char *)utf16.data, utf16.length, PROGRAM_WINDOWS_LIVE_MAIL, &again) !=
                result ||
            again.count != list.count || (list.count == 1 && !same_account(&list.items[0], &again.items[0])))
            abort();
    }
    strbuf_free(&utf16);
    account_list_free(&again);
    account_list_free(&list);
    return 0;
}
