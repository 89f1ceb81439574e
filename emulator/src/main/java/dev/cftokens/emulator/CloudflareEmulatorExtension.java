package dev.cftokens.emulator;

import static java.util.Objects.requireNonNull;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit 5: one {@link CloudflareEmulator} per test class, started before the class's first test, closed
 * after its last, and injected into any constructor, lifecycle or test method parameter of that type.
 *
 * <pre>{@code
 *
 * @ExtendWith(CloudflareEmulatorExtension.class)
 * class ProvisioningTest {
 *   @Test
 *   void creates(CloudflareEmulator cloudflare) { ... cloudflare.baseUrl() ... }
 * }
 * }</pre>
 *
 * <p>For other options, register an instance: {@code @RegisterExtension static CloudflareEmulatorExtension
 * cloudflare = new CloudflareEmulatorExtension(EmulatorOptions.builder().seed(7).build());}. Tokens made
 * by one test are seen by the next tests of the class, unless the extension is {@link #freshPerTest()}: then
 * each test gets an emulator of its own, closed after it.
 */
public final class CloudflareEmulatorExtension
        implements BeforeAllCallback, AfterAllCallback, AfterEachCallback, ParameterResolver {
    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(CloudflareEmulatorExtension.class);

    private final EmulatorOptions options;
    private final boolean perTest;

    /** An extension starting emulators with the default options. */
    public CloudflareEmulatorExtension() {
        this(EmulatorOptions.defaults());
    }

    /**
     * An extension starting emulators with these options.
     *
     * @param options the options of each emulator
     */
    public CloudflareEmulatorExtension(EmulatorOptions options) {
        this(options, false);
    }

    private CloudflareEmulatorExtension(EmulatorOptions options, boolean perTest) {
        this.options = requireNonNull(options, "options");
        this.perTest = perTest;
    }

    /** {@return an extension that starts a new emulator for each test, so that no test sees another's tokens} */
    public static CloudflareEmulatorExtension freshPerTest() {
        return freshPerTest(EmulatorOptions.defaults());
    }

    /**
     * {@return an extension like {@link #freshPerTest()}, with other options}
     *
     * @param options the options of each emulator
     */
    public static CloudflareEmulatorExtension freshPerTest(EmulatorOptions options) {
        return new CloudflareEmulatorExtension(options, true);
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        if (!perTest) {
            emulator(context);
        }
    }

    /** Closes a test's own emulator. */
    @Override
    public void afterEach(ExtensionContext context) {
        if (perTest) {
            close(context);
        }
    }

    /** Closes the class's emulator; JUnit 5.13+ would also close it with the store, and closing twice is harmless. */
    @Override
    public void afterAll(ExtensionContext context) {
        close(context);
    }

    private static void close(ExtensionContext context) {
        CloudflareEmulator emulator =
                context.getStore(NAMESPACE).remove(CloudflareEmulator.class, CloudflareEmulator.class);
        if (emulator != null) {
            emulator.close();
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == CloudflareEmulator.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        try {
            return emulator(context);
        } catch (RuntimeException e) {
            throw new ParameterResolutionException("cannot start the Cloudflare emulator: " + e.getMessage(), e);
        }
    }

    /**
     * The emulator of the test class {@code context} belongs to, kept in that class's store; or, fresh per
     * test, the emulator of the test, kept in the test's store (a parameter of {@code @BeforeEach} gets it).
     */
    private CloudflareEmulator emulator(ExtensionContext context) {
        ExtensionContext owner = context;
        while (!perTest
                && owner.getTestMethod().isPresent()
                && owner.getParent().isPresent()) {
            owner = owner.getParent().get();
        }
        if (perTest && owner.getTestMethod().isEmpty()) {
            throw new ParameterResolutionException("a fresh emulator per test belongs to a test; take it as a "
                    + "parameter of the test or of @BeforeEach, not of @BeforeAll or a constructor");
        }
        return owner.getStore(NAMESPACE)
                .getOrComputeIfAbsent(
                        CloudflareEmulator.class, type -> CloudflareEmulator.start(options), CloudflareEmulator.class);
    }
}
