package dev.cftokens.emulator;

/**
 * Sees every exchange an emulator answers, just before the answer is sent, so that a client that
 * has its answer knows the listener has seen it. Given to {@link EmulatorOptions.Builder#exchangeListener},
 * or found by {@link java.util.ServiceLoader} (a {@code META-INF/services} entry on the test class path), so
 * that a suite can check the exchanges of emulators started by code it does not own, as the OpenAPI contract
 * check ({@link dev.cftokens.emulator.contract.ContractCheck}) does. Called on the emulator's threads: an
 * implementation must be thread-safe and quick; what it throws is logged and ignored.
 */
@FunctionalInterface
public interface ExchangeListener {
    /**
     * Sees one exchange, before its answer is sent.
     *
     * @param exchange the request and its answer
     */
    void exchanged(RecordedExchange exchange);

    /**
     * Whether the listener wants exchanges now; while no listener does, the emulator records nothing (a
     * listener found on a benchmark's class path costs it nothing).
     *
     * @return true by default
     */
    default boolean listening() {
        return true;
    }
}
