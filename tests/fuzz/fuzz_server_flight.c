/* libFuzzer target: a server's answer to a simulated ClientHello, fed in pieces whose size
 * the first byte chooses, then judged for every Windows of the table, with its certificate
 * checked for the host "localhost". Whatever a server sends, the reader must stay in its
 * bounds and end in a state the verdict can name; a usable verdict has its version and
 * suite. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "tls/server_flight.h"
#include "tls/simulation.h"
#include "tls/windows_clients.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static struct server_flight flight;
    size_t step, at;
    int id;
    if (size < 1)
        return 0;
    step = (size_t)data[0] + 1;
    data++;
    size--;
    server_flight_start(&flight);
    flight.host = "localhost";
    for (at = 0; at < size && flight.state == FLIGHT_MORE; at += step)
        server_flight_feed(&flight, data + at, size - at < step ? size - at : step);
    if (flight.state != FLIGHT_MORE && flight.state != FLIGHT_DONE && flight.state != FLIGHT_ALERT &&
        flight.state != FLIGHT_BAD)
        abort();
    for (id = 0; id < WINDOWS_CLIENT_COUNT; id++) {
        struct hello_spec hello;
        struct simulation sim;
        windows_client_hello(windows_client_get((enum windows_client_id)id), &hello);
        simulation_judge(&flight, &hello, windows_client_get((enum windows_client_id)id)->certificates, &sim);
        simulation_check_certificate(&flight, 20261204000000ull, &sim);
        if (sim.verdict == SIM_USABLE && (!hello_offers_suite(&hello, sim.suite) || !simulation_known(&sim)))
            abort();   /* usable means a suite that was offered, and a version */
        if (sim.certificate_checked && strnlen(sim.certificate_names, sizeof(sim.certificate_names)) ==
                                           sizeof(sim.certificate_names))
            abort();
    }
    return 0;
}
