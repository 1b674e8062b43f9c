/* DEFLATE decoding as RFC 1951 describes it: stored, fixed and dynamic Huffman blocks.
 * Huffman codes are decoded one bit at a time from the code lengths' counts (canonical
 * codes): slow next to a table-driven decoder, but small, and the one stream it reads
 * (the message table, about 45 KB) takes well under a millisecond. */
#include "inflate.h"

#include <string.h>

#define MAX_BITS 15
#define MAX_LITERALS 288
#define MAX_DISTANCES 30

struct input {
    const unsigned char *bytes;
    size_t size, next;
    unsigned long bits;   /* read but not used, lowest first */
    int count;
    int failed;
};

struct output {
    unsigned char *bytes;
    size_t size, length;
};

/* A canonical code: how many codes of each length, and the symbols in code order. */
struct huffman {
    short count[MAX_BITS + 1];
    short symbol[MAX_LITERALS];
};

static unsigned take_bits(struct input *in, int need)
{
    unsigned long value;
    while (in->count < need) {
        if (in->next >= in->size) {
            in->failed = 1;
            return 0;
        }
        in->bits |= (unsigned long)in->bytes[in->next++] << in->count;
        in->count += 8;
    }
    value = in->bits & ((1ul << need) - 1);
    in->bits >>= need;
    in->count -= need;
    return (unsigned)value;
}

/* Builds the code from each symbol's length (0: not used). Returns -1 when the lengths
 * ask for more codes than there are (an incomplete code is allowed: the codes it lacks
 * fail when met). */
static int build(struct huffman *code, const unsigned char *lengths, int symbols)
{
    short offset[MAX_BITS + 1];
    int length, symbol, left = 1;
    memset(code->count, 0, sizeof(code->count));
    for (symbol = 0; symbol < symbols; symbol++)
        code->count[lengths[symbol]]++;
    for (length = 1; length <= MAX_BITS; length++) {
        left = left * 2 - code->count[length];
        if (left < 0)
            return -1;
    }
    offset[1] = 0;
    for (length = 1; length < MAX_BITS; length++)
        offset[length + 1] = (short)(offset[length] + code->count[length]);
    for (symbol = 0; symbol < symbols; symbol++)
        if (lengths[symbol])
            code->symbol[offset[lengths[symbol]]++] = (short)symbol;
    return 0;
}

/* The next symbol, or -1. Codes are sent from their first bit, the lowest bit of input. */
static int decode(struct input *in, const struct huffman *code)
{
    int value = 0, first = 0, index = 0, length;
    for (length = 1; length <= MAX_BITS; length++) {
        int count = code->count[length];
        value |= (int)take_bits(in, 1);
        if (in->failed)
            return -1;
        if (value - first < count)
            return code->symbol[index + value - first];
        index += count;
        first = (first + count) << 1;
        value <<= 1;
    }
    return -1;
}

static const unsigned short length_base[29] = { 3,  4,  5,  6,  7,  8,  9,  10, 11,  13,  15,  17,  19,  23, 27,
                                                31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258 };
static const unsigned char length_extra[29] = { 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2,
                                                2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0 };
static const unsigned short distance_base[MAX_DISTANCES] = { 1,    2,    3,    4,    5,    7,     9,     13,
                                                            17,   25,   33,   49,   65,   97,    129,   193,
                                                            257,  385,  513,  769,  1025, 1537,  2049,  3073,
                                                            4097, 6145, 8193, 12289, 16385, 24577 };
static const unsigned char distance_extra[MAX_DISTANCES] = { 0, 0, 0, 0, 1, 1, 2,  2,  3,  3,  4,  4,  5,  5,  6,
                                                            6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13 };

/* The symbols of one Huffman-coded block, up to its end code. */
static int codes(struct input *in, struct output *out, const struct huffman *literals,
                 const struct huffman *distances)
{
    for (;;) {
        int symbol = decode(in, literals);
        unsigned length, distance;
        if (symbol < 0)
            return -1;
        if (symbol < 256) {
            if (out->length >= out->size)
                return -1;
            out->bytes[out->length++] = (unsigned char)symbol;
            continue;
        }
        if (symbol == 256)
            return 0;
        symbol -= 257;
        if (symbol >= 29)
            return -1;
        length = length_base[symbol] + take_bits(in, length_extra[symbol]);
        symbol = decode(in, distances);
        if (symbol < 0 || symbol >= MAX_DISTANCES)
            return -1;
        distance = distance_base[symbol] + take_bits(in, distance_extra[symbol]);
        if (in->failed || distance > out->length || length > out->size - out->length)
            return -1;
        while (length--) {
            out->bytes[out->length] = out->bytes[out->length - distance];
            out->length++;
        }
    }
}

static int stored(struct input *in, struct output *out)
{
    unsigned length, check;
    in->bits = 0;   /* the rest of the current byte is padding */
    in->count = 0;
    if (in->size - in->next < 4)
        return -1;
    length = in->bytes[in->next] | (unsigned)in->bytes[in->next + 1] << 8;
    check = in->bytes[in->next + 2] | (unsigned)in->bytes[in->next + 3] << 8;
    in->next += 4;
    if ((length ^ 0xffffu) != check || length > in->size - in->next || length > out->size - out->length)
        return -1;
    memcpy(out->bytes + out->length, in->bytes + in->next, length);
    in->next += length;
    out->length += length;
    return 0;
}

static int fixed(struct input *in, struct output *out)
{
    struct huffman literals, distances;
    unsigned char lengths[MAX_LITERALS];
    int symbol;
    for (symbol = 0; symbol < MAX_LITERALS; symbol++)
        lengths[symbol] = symbol < 144 ? 8 : symbol < 256 ? 9 : symbol < 280 ? 7 : 8;
    build(&literals, lengths, MAX_LITERALS);
    memset(lengths, 5, MAX_DISTANCES);
    build(&distances, lengths, MAX_DISTANCES);
    return codes(in, out, &literals, &distances);
}

static int dynamic(struct input *in, struct output *out)
{
    static const unsigned char order[19] = { 16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15 };
    struct huffman lengths_code, literals, distances;
    unsigned char lengths[MAX_LITERALS + MAX_DISTANCES];
    int literal_count, distance_count, length_count, index;

    literal_count = (int)take_bits(in, 5) + 257;
    distance_count = (int)take_bits(in, 5) + 1;
    length_count = (int)take_bits(in, 4) + 4;
    if (in->failed || literal_count > 286 || distance_count > MAX_DISTANCES)
        return -1;
    memset(lengths, 0, sizeof(lengths));
    for (index = 0; index < length_count; index++)
        lengths[order[index]] = (unsigned char)take_bits(in, 3);
    if (in->failed || build(&lengths_code, lengths, 19) != 0)
        return -1;

    for (index = 0; index < literal_count + distance_count;) {
        int symbol = decode(in, &lengths_code), repeat;
        unsigned char value = 0;
        if (symbol < 0)
            return -1;
        if (symbol < 16) {
            lengths[index++] = (unsigned char)symbol;
            continue;
        }
        if (symbol == 16) {
            if (index == 0)
                return -1;
            value = lengths[index - 1];
            repeat = 3 + (int)take_bits(in, 2);
        } else if (symbol == 17) {
            repeat = 3 + (int)take_bits(in, 3);
        } else {
            repeat = 11 + (int)take_bits(in, 7);
        }
        if (in->failed || index + repeat > literal_count + distance_count)
            return -1;
        while (repeat--)
            lengths[index++] = value;
    }
    if (lengths[256] == 0)   /* a block needs its end code */
        return -1;
    if (build(&literals, lengths, literal_count) != 0 || build(&distances, lengths + literal_count, distance_count) != 0)
        return -1;
    return codes(in, out, &literals, &distances);
}

long inflate_raw(const unsigned char *in_bytes, size_t in_size, unsigned char *out_bytes, size_t out_size)
{
    struct input in;
    struct output out;
    int last;
    memset(&in, 0, sizeof(in));
    in.bytes = in_bytes;
    in.size = in_size;
    out.bytes = out_bytes;
    out.size = out_size;
    out.length = 0;
    do {
        int rc;
        last = (int)take_bits(&in, 1);
        switch (take_bits(&in, 2)) {
        case 0:
            rc = stored(&in, &out);
            break;
        case 1:
            rc = fixed(&in, &out);
            break;
        case 2:
            rc = dynamic(&in, &out);
            break;
        default:
            rc = -1;
        }
        if (rc != 0 || in.failed)
            return -1;
    } while (!last);
    return (long)out.length;
}
