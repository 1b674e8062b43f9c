/* /status: read the settings, probe Schannel, print the table or the CSV. */
#include "commands.h"
#include "../win32/platform.h"
#include "../win32/console.h"
#include "../win32/errors.h"
#include "../win32/osinfo_win32.h"
#include "../win32/regstore_win32.h"
#include "../win32/schannel_probe.h"
#include "../core/exitcodes.h"
#include "../core/registry/report.h"
#include "../../res/version.h"

#include <string.h>

int command_status(const struct options *options, enum language language)
{
    struct regstore store = regstore_win32();
    struct status_report report;
    struct strbuf out;
    long rc;
    int id;

    memset(&report, 0, sizeof(report));
    rc = regstore_read_settings(&store, &report.settings);
    if (rc != REGSTORE_OK) {
        char reason[512];
        windows_error_text((unsigned long)rc, reason, sizeof(reason));
        console_message(CONSOLE_ERR, language, MSG_ERR_REGISTRY_READ, PROTOCOLS_KEY_PATH, reason);
        return EXIT_SYSTEM_ERROR;
    }
    osinfo_read(&store, &report.os);
    report.have_ciphers = cipher_policy_read(&store, &report.ciphers) == REGSTORE_OK;
    for (id = 0; id < PROTOCOL_COUNT; id++)
        report.probe[id] = schannel_probe((enum protocol_id)id);

    strbuf_init(&out);
    if (options->csv)
        report_status_csv(&out, &report);
    else
        report_status_text(&out, &report, language, TLSSWITCH_VERSION_STRING);
    if (out.failed) {
        char reason[512];
        windows_error_text(REGSTORE_NO_MEMORY, reason, sizeof(reason));
        console_message(CONSOLE_ERR, language, MSG_ERR_WINDOWS_CALL, "/status", reason);
        strbuf_free(&out);
        return EXIT_SYSTEM_ERROR;
    }
    console_write(CONSOLE_OUT, out.data);
    strbuf_free(&out);
    return EXIT_DONE;
}

/* The internal /probes: the probe results alone, for the window (see args.c). */
int command_probes(void)
{
    enum probe_result probe[PROTOCOL_COUNT];
    struct strbuf out;
    DWORD written;
    int id;
    for (id = 0; id < PROTOCOL_COUNT; id++)
        probe[id] = schannel_probe((enum protocol_id)id);
    strbuf_init(&out);
    probe_results_write(probe, &out);
    /* And the version Schannel offers by default, for the window's /find. */
    strbuf_printf(&out, "default %04x\n", (unsigned)schannel_default_version());
    if (out.failed) {
        strbuf_free(&out);
        return EXIT_SYSTEM_ERROR;
    }
    WriteFile(GetStdHandle(STD_OUTPUT_HANDLE), out.data, (DWORD)out.length, &written, NULL);
    strbuf_free(&out);
    return EXIT_DONE;
}
