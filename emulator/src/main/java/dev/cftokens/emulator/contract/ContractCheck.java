package dev.cftokens.emulator.contract;

import dev.cftokens.emulator.ExchangeListener;
import dev.cftokens.emulator.RecordedExchange;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A suite-wide check that every exchange with an emulator follows Cloudflare's OpenAPI description ({@link
 * OpenApiContract}): registered twice on a test class path, as an {@link ExchangeListener} and as a JUnit
 * extension (both in {@code META-INF/services}, with {@code junit.jupiter.extensions.autodetection.enabled}),
 * it sees the exchanges of every emulator the suite starts, whoever starts it, and fails the test during
 * which a non-conforming exchange happened.
 *
 * <p>The JUnit configuration parameter {@value #CHECK} says what to check: {@code requests-and-answers} (the
 * default, for a suite whose requests come from a client that must speak the API as described) or {@code
 * answers} (for the emulator's own suite, which sends bad requests on purpose).
 *
 * <p>ServiceLoader and JUnit each make an instance, so the exchanges wait in one queue per class loader; and
 * only once JUnit has started the check, so that a benchmark main run on a test class path records nothing.
 */
public final class ContractCheck
        implements ExchangeListener, BeforeAllCallback, BeforeEachCallback, AfterEachCallback, AfterAllCallback {
    /** The configuration parameter naming what to check. */
    public static final String CHECK = "cftokens.emulator.contract.check";

    private static final ConcurrentLinkedQueue<RecordedExchange> EXCHANGES = new ConcurrentLinkedQueue<>();
    private static volatile boolean started;

    /** The check; ServiceLoader and JUnit each create one (see the class comment). */
    public ContractCheck() {}

    @Override
    public void exchanged(RecordedExchange exchange) {
        EXCHANGES.add(exchange);
    }

    @Override
    public boolean listening() {
        return started;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        started = true;
    }

    /** Checks what class-level set-up exchanged first, so that each test answers only for its own exchanges. */
    @Override
    public void beforeEach(ExtensionContext context) {
        started = true;
        check(context);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        check(context);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        check(context);
    }

    private static void check(ExtensionContext context) {
        boolean requests = context.getConfigurationParameter(CHECK)
                .map(value -> switch (value) {
                    case "answers" -> false;
                    case "requests-and-answers" -> true;
                    default ->
                        throw new IllegalArgumentException(
                                CHECK + " is \"answers\" or " + "\"requests-and-answers\", not \"" + value + "\"");
                })
                .orElse(true);
        OpenApiContract contract = OpenApiContract.bundled();
        List<String> violations = new ArrayList<>();
        for (RecordedExchange exchange = EXCHANGES.poll(); exchange != null; exchange = EXCHANGES.poll()) {
            if (requests) {
                violations.addAll(contract.requestViolations(exchange));
            }
            violations.addAll(contract.responseViolations(exchange));
        }
        if (!violations.isEmpty()) {
            throw new AssertionError(violations.size() + " exchange(s) with the emulator break Cloudflare's OpenAPI "
                    + "description:\n  " + String.join("\n  ", violations));
        }
    }
}
