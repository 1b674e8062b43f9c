/* The bounded reader of span.h. */
#include "span.h"

unsigned span8(struct span *s)
{
    if (s->bad || s->at >= s->size) {
        s->bad = 1;
        return 0;
    }
    return s->data[s->at++];
}

unsigned span16(struct span *s)
{
    unsigned high = span8(s);
    return (high << 8) | span8(s);
}

unsigned long span24(struct span *s)
{
    unsigned long high = span8(s);
    return (high << 16) | span16(s);
}

struct span span_take(struct span *s, size_t length)
{
    struct span inner = { NULL, 0, 0, 1 };
    if (s->bad || length > s->size - s->at) {
        s->bad = 1;
        return inner;
    }
    inner.data = s->data + s->at;
    inner.size = length;
    inner.bad = 0;
    s->at += length;
    return inner;
}
