/* libFuzzer target: Sylpheed's accountrc and sylpheed.ini as found on disk. Byte 0 picks
 * the file (even: accountrc, odd: sylpheed.ini); the rest is its content. Every record
 * must be sound (account_record_check.h); sylpheed.ini gives 1 with a clean UTF-8 path,
 * or 0 or -1 with an empty one. */
#include <iconv.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "accounts/sylpheed.h"
#include "account_record_check.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Shift-JIS (code page 932) to UTF-8 through glibc, as the tests decode it. */
static int decode_cp932(void *context, const unsigned char *bytes, size_t size, struct strbuf *utf8)
{
    static iconv_t cd = (iconv_t)-1;
    char buffer[1024], *in = (char *)bytes, *next;
    size_t in_left = size, out_left;
    (void)context;
    if (cd == (iconv_t)-1 && (cd = iconv_open("UTF-8", "CP932")) == (iconv_t)-1)
        abort();
    iconv(cd, NULL, NULL, NULL, NULL);
    while (in_left > 0) {
        next = buffer;
        out_left = sizeof(buffer);
        if (iconv(cd, &in, &in_left, &next, &out_left) == (size_t)-1 && next == buffer)
            return -1;
        strbuf_append_n(utf8, buffer, (size_t)(next - buffer));
    }
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0;
    if (data[0] % 2 == 0) {
        struct account_list list = { 0 };
        enum account_read_result result = sylpheed_read(data + 1, size - 1, &list);
        if (result == ACCOUNT_READ_NO_MEMORY || list.count > SYLPHEED_ACCOUNTS_MAX)
            abort();
        check_records(&list, PROGRAM_SYLPHEED);
        account_list_free(&list);
    } else {
        char dir[260];
        int found = sylpheed_ini_config_dir(data + 1, size - 1, decode_cp932, NULL, dir, sizeof(dir));
        if (found < -1 || found > 1 || (found != 1 && dir[0] != '\0') || (found == 1 && dir[0] == '\0'))
            abort();
        check_text_field(dir, sizeof(dir));
    }
    return 0;
}
