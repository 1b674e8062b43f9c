/* A bounded reader over bytes from the network (a ClientHello, a server's flight): any
 * read past its end marks it bad and yields zeros, so a parser reads on without a check at
 * each step and looks at `bad` once. */
#ifndef TLSSWITCH_SPAN_H
#define TLSSWITCH_SPAN_H

#include <stddef.h>

struct span {
    const unsigned char *data;
    size_t size, at;
    int bad;
};

unsigned span8(struct span *s);
unsigned span16(struct span *s);
unsigned long span24(struct span *s);
/* A span over the next `length` bytes, which this one skips; a bad one when they are not all there. */
struct span span_take(struct span *s, size_t length);

#endif
