/* libFuzzer target: Sylpheed's accountrc and sylpheed.ini as found on disk. Byte 0 picks
 * the file (even: accountrc, odd: sylpheed.ini); the rest is its content. Every record
 * must be sound (account_record_check.h); sylpheed.ini gives 1 with a clean UTF-8 path,
 * or 0 or -1 with an empty one. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "accounts/sylpheed.h"
#include "account_record_check.h"
#include "decode_cp932.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

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
