/* DEFLATE decoding (RFC 1951), for the message table, which the build compresses with
 * gzip (src/core/text/message_unpack.c). Bounded: it never writes past the output and never
 * reads past the input. */
#ifndef TLSSWITCH_INFLATE_H
#define TLSSWITCH_INFLATE_H

#include <stddef.h>

/* Decodes the raw DEFLATE stream `in` into `out`. Returns the number of bytes written,
 * or -1 when the stream is malformed, ends early, or does not fit in `out_size`. */
long inflate_raw(const unsigned char *in, size_t in_size, unsigned char *out, size_t out_size);

#endif
