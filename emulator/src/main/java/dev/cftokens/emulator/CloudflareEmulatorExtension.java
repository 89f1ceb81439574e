package dev.cftokens.emulator;

import static java.util.Objects.requireNonNull;

import org.junit.jupiter.api.extension.AfterAllCallback;
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
 * @ExtendWith(CloudflareEmulatorExtension.class)
 * class ProvisioningTest {
 *   @Test
 *   void creates(CloudflareEmulator cloudflare) { ... cloudflare.baseUrl() ... }
 * }
 * }</pre>
 *
 * <p>For other options, register an instance: {@code @RegisterExtension static CloudflareEmulatorExtension
 * cloudflare = new CloudflareEmulatorExtension(EmulatorOptions.builder().seed(7).build());}. Tokens made
 * by one test are seen by the next tests of the class.
 */
public final class CloudflareEmulatorExtension implements BeforeAllCallback, AfterAllCallback, ParameterResolver {
    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(CloudflareEmulatorExtension.class);

    private final EmulatorOptions options;

    /** An extension starting emulators with the default options. */
    public CloudflareEmulatorExtension() {
        this(EmulatorOptions.defaults());
    }

    public CloudflareEmulatorExtension(EmulatorOptions options) {
        this.options = requireNonNull(options, "options");
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        emulator(context);
    }

    /** Closes the class's emulator; JUnit 5.13+ would also close it with the store, and closing twice is harmless. */
    @Override
    public void afterAll(ExtensionContext context) {
        CloudflareEmulator emulator =
                context.getStore(NAMESPACE).get(CloudflareEmulator.class, CloudflareEmulator.class);
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

    /** The emulator of the test class {@code context} belongs to, kept in that class's store. */
    private CloudflareEmulator emulator(ExtensionContext context) {
        ExtensionContext classContext = context;
        while (classContext.getTestMethod().isPresent()
                && classContext.getParent().isPresent()) {
            classContext = classContext.getParent().get();
        }
        return classContext
                .getStore(NAMESPACE)
                .getOrComputeIfAbsent(
                        CloudflareEmulator.class, type -> CloudflareEmulator.start(options), CloudflareEmulator.class);
    }
}
