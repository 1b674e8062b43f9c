/* libFuzzer target: the .reg reader must refuse or accept any bytes without crashing,
 * leaking or reading out of bounds, and whatever it accepts must apply to a model and
 * survive a backup written from it. Built by `make -f Makefile.mingw fuzz`. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "registry/plan.h"
#include "registry/regfile.h"
#include "registry/regstore_memory.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct strbuf text;
    struct regfile_error error;
    struct regops ops = { NULL, 0 };
    int unicode;

    strbuf_init(&text);
    unicode = regfile_decode_unicode(data, size, &text, &error);
    if (unicode == 0)
        strbuf_append_n(&text, (const char *)data, size);
    if (unicode >= 0 && !text.failed &&
        regfile_parse(text.data ? text.data : "", text.length, unicode, &ops, &error) == 0) {
        struct memory_registry *registry = memory_registry_new();
        struct regstore store = memory_registry_store(registry);
        struct strbuf backup;
        strbuf_init(&backup);
        if (regops_apply(&store, &ops) == REGSTORE_OK)
            regfile_write_backup(&store, NULL, "fuzz", &backup);
        strbuf_free(&backup);
        memory_registry_free(registry);
        regops_free(&ops);
    }
    strbuf_free(&text);
    return 0;
}
