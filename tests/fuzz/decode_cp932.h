/* Shift-JIS (code page 932) to UTF-8 through glibc's iconv, as the account readers'
 * account_decode_fn: what Windows' MultiByteToWideChar(932, MB_ERR_INVALID_CHARS) does for
 * the product. Shared by the fuzzers of the readers that take it (Becky!, sylpheed.ini). */
#ifndef TLSSWITCH_DECODE_CP932_H
#define TLSSWITCH_DECODE_CP932_H

#include <iconv.h>
#include <stdlib.h>

#include "text/text.h"

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

#endif
