package dev.cftokens.emulator;

import dev.cftokens.emulator.access.Caller;
import dev.cftokens.emulator.http.ApiRequest;
import dev.cftokens.emulator.http.ApiResponse;

/** What a route leads to: its kind and the code that answers it for an authenticated caller. */
record Endpoint(RequestKind kind, Handler handler) {
    interface Handler {
        ApiResponse handle(ApiRequest request, Caller caller);
    }
}
