/* TLS record and alert parsing, and plain-text banner recognition. */
#include "tlswire.h"

#include <string.h>

enum record_check tls_record_check(const unsigned char *data, size_t size)
{
    size_t length;
    if (size < 5)
        return RECORD_NEED_MORE;
    /* change_cipher_spec, alert, handshake, application_data; SSL 3.0 to TLS 1.3 headers */
    if (data[0] < 20 || data[0] > 23 || data[1] != 3 || data[2] > 4)
        return RECORD_NOT_TLS;
    length = ((size_t)data[3] << 8) | data[4];
    return length > TLS_MAX_RECORD_BODY ? RECORD_OVERSIZED : RECORD_VALID;
}

int tls_find_alert(const unsigned char *data, size_t size, int *description)
{
    size_t offset = 0;
    while (offset + 5 <= size && tls_record_check(data + offset, size - offset) == RECORD_VALID) {
        size_t length = ((size_t)data[offset + 3] << 8) | data[offset + 4];
        /* An unencrypted alert is two bytes: level, description. */
        if (data[offset] == 21 && length == 2 && offset + 7 <= size) {
            *description = data[offset + 6];
            return 0;
        }
        offset += 5 + length;
    }
    return -1;
}

enum mail_protocol plaintext_banner(const unsigned char *data, size_t size)
{
    if (size >= 4 && data[0] >= '1' && data[0] <= '5' && data[1] >= '0' && data[1] <= '9' && data[2] >= '0' &&
        data[2] <= '9' && (data[3] == ' ' || data[3] == '-'))
        return MAIL_SMTP;
    if (size >= 3 && (memcmp(data, "+OK", 3) == 0 || (size >= 4 && memcmp(data, "-ERR", 4) == 0)))
        return MAIL_POP3;
    if (size >= 4 && memcmp(data, "* OK", 4) == 0)
        return MAIL_IMAP;
    return MAIL_NONE;
}
