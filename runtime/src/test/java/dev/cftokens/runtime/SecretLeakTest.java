package dev.cftokens.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cftokens.core.catalog.Scope;
import dev.cftokens.core.model.PolicyEffect;
import dev.cftokens.core.model.PolicySpec;
import dev.cftokens.core.model.ResourceGrant;
import dev.cftokens.core.model.TokenSpec;
import dev.cftokens.core.model.TokenStatus;
import dev.cftokens.emulator.CloudflareEmulator;
import dev.cftokens.emulator.Fault;
import dev.cftokens.emulator.RequestKind;
import dev.cftokens.runtime.workers.Worker;
import dev.cftokens.runtime.workers.WorkerSecrets;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.logging.LogRecord;
import java.util.logging.SimpleFormatter;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.SocketEffect;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Drives every path that handles a secret (create, roll, verify with a value, failures around them,
 * Worker bindings, configuration errors) with every log record of every logger captured at ALL, and checks
 * that no log line, exception (message, causes, stack trace) or toString() contains a secret.
 */
class SecretLeakTest {
    private final List<String> texts = new ArrayList<>();
    private final List<String> secrets = new ArrayList<>();
    private LogCapture capture;

    @BeforeEach
    void captureEveryLogRecord() {
        capture = LogCapture.everything();
    }

    @AfterEach
    void restore() {
        capture.close();
    }

    /** Runs {@code action}, keeping any exception's full text (message, causes, stack) for the scan. */
    private void attempt(Runnable action) {
        try {
            action.run();
        } catch (RuntimeException e) {
            StringWriter trace = new StringWriter();
            e.printStackTrace(new PrintWriter(trace));
            texts.add(trace.toString());
        }
    }

    private <T> T keep(T value) {
        texts.add(String.valueOf(value));
        return value;
    }

    @Test
    void noSecretReachesALogLineAnExceptionOrToString() throws Exception {
        try (CloudflareEmulator emulator = CloudflareEmulator.start()) {
            secrets.add(emulator.adminToken());
            secrets.add(emulator.globalApiKey());
            Cloudflare cloudflare = keep(Cloudflare.builder()
                    .baseUrl(emulator.baseUrl())
                    .apiToken(emulator.adminToken())
                    .accountId(emulator.accountId())
                    .retryPolicy(
                            new RetryPolicy(3, Duration.ofSeconds(10), Duration.ofMillis(10), Duration.ofMillis(20)))
                    .build());
            String zoneRead = emulator.catalog()
                    .byNameAndScope("Zone Read", Scope.ZONE)
                    .orElseThrow()
                    .id();
            TokenSpec spec = new TokenSpec(
                    "leak-check",
                    Set.of(new PolicySpec(
                            PolicyEffect.ALLOW,
                            Set.of(zoneRead),
                            Set.of(ResourceGrant.all("com.cloudflare.api.account.zone.*")))),
                    null,
                    null,
                    null);

            CreatedToken created = keep(cloudflare.accountTokens().create(spec));
            secrets.add(created.value().reveal());
            keep(cloudflare.accountTokens().get(created.token().id()));
            keep(cloudflare.accountTokens().list().toList());
            Secret rolled = keep(cloudflare.accountTokens().roll(created.token().id()));
            secrets.add(rolled.reveal());

            Cloudflare asToken = keep(Cloudflare.builder()
                    .baseUrl(emulator.baseUrl())
                    .apiToken(rolled)
                    .accountId(emulator.accountId())
                    .retryPolicy(RetryPolicy.none())
                    .build());
            keep(asToken.accountTokens().verify());
            Cloudflare asOldValue = keep(Cloudflare.builder()
                    .baseUrl(emulator.baseUrl())
                    .apiToken(created.value())
                    .accountId(emulator.accountId())
                    .retryPolicy(RetryPolicy.none())
                    .build());
            attempt(() -> asOldValue.accountTokens().verify());
            attempt(() -> asOldValue.accountTokens().create(spec));
            Cloudflare withKey = Cloudflare.builder()
                    .baseUrl(emulator.baseUrl())
                    .apiKey(emulator.globalApiKey())
                    .email(emulator.userEmail())
                    .accountId(emulator.accountId())
                    .build();
            keep(withKey);
            CreatedToken viaKey = keep(withKey.accountTokens().create(spec));
            secrets.add(viaKey.value().reveal());
            Cloudflare wrongKey = Cloudflare.builder()
                    .baseUrl(emulator.baseUrl())
                    .apiKey(emulator.globalApiKey() + "x")
                    .email(emulator.userEmail())
                    .accountId(emulator.accountId())
                    .build();
            attempt(() -> wrongKey.accountTokens().list().count());

            emulator.injectFault(
                    Fault.commitThenDrop(1).on(RequestKind.CREATE_TOKEN).times(1));
            attempt(() -> cloudflare.accountTokens().create(spec));
            emulator.injectFault(
                    Fault.serverError(502, 1).on(RequestKind.CREATE_TOKEN).times(1));
            attempt(() -> cloudflare.accountTokens().create(spec));
            emulator.injectFault(
                    Fault.commitThenDrop(1).on(RequestKind.ROLL_TOKEN).times(1));
            attempt(() -> cloudflare.accountTokens().roll(created.token().id()));
            emulator.injectFault(Fault.rateLimitBurst(1).on(RequestKind.ROLL_TOKEN));
            attempt(() -> secrets.add(
                    cloudflare.accountTokens().roll(created.token().id()).reveal()));

            ProvisionedToken<SecretLeakTest> provisioned = keep(new ProvisionedToken<>(
                    SecretLeakTest.class,
                    "leak-check",
                    created.token().id(),
                    "leak-check",
                    TokenStatus.ACTIVE,
                    rolled));
            keep(provisioned.s3Credentials());
            secrets.add(provisioned.s3Credentials().secretAccessKey().reveal());
            Worker worker = keep(Worker.named("leaky").script("export {}").bind("API_TOKEN", provisioned));
            // The emulator may or may not serve Workers yet: either way nothing may leak.
            attempt(() -> worker.deploy(cloudflare));
            attempt(() -> WorkerSecrets.put(cloudflare, "leaky", "API_TOKEN", provisioned));

            cloudflare.accountTokens().delete(created.token().id());
        }

        try (MockWebServer server = MockCloudflare.start()) {
            String value = "mOck3dT0kenValue-abcdefghijklmnopqrstuvwxyz01";
            secrets.add(value);
            secrets.add(MockCloudflare.API_TOKEN);
            // One attempt each: a repeated request would find no answer queued and wait out the read timeout.
            Cloudflare cloudflare = MockCloudflare.client(server, new FakeTime())
                    .retryPolicy(RetryPolicy.none())
                    .build();
            TokenSpec spec = new TokenSpec("n", Set.of(), null, null, null);
            server.enqueue(MockCloudflare.json(200, "{\"success\":true,\"result\":{\"id\":\"a\",\"value\":\"" + value));
            attempt(() -> cloudflare.accountTokens().create(spec));
            server.enqueue(MockCloudflare.json(200, "{\"success\":true,\"result\":\"" + value + "\""));
            attempt(() -> cloudflare.accountTokens().roll("a"));
            server.enqueue(MockCloudflare.json(
                    200,
                    "{\"success\":true,\"result\":{\"id\":\"a\",\"value\":\"" + value
                            + "\",\"status\":\"bogus\",\"name\":\"n\"}}"));
            attempt(() -> cloudflare.accountTokens().create(spec));
            server.enqueue(new MockResponse.Builder()
                    .code(502)
                    .body("<html>upstream said " + value + "</html>")
                    .build());
            attempt(() -> cloudflare.accountTokens().create(spec));
            server.enqueue(new MockResponse.Builder()
                    .onResponseStart(new SocketEffect.CloseSocket())
                    .build());
            attempt(() -> cloudflare.accountTokens().create(spec));
        }

        String key = "gl0balK3yValue-0123456789abcdef";
        secrets.add(key);
        attempt(() -> Cloudflare.builder()
                .apiToken(MockCloudflare.API_TOKEN)
                .apiKey(key)
                .email("a@b.c")
                .build());
        attempt(() -> Cloudflare.builder().apiKey(key).build());

        for (LogRecord record : capture.records()) {
            texts.add(new SimpleFormatter().format(record));
        }
        // The capture works: the client logged its requests, with method, path, status and attempt.
        assertThat(capture.records())
                .anySatisfy(record -> assertThat(new SimpleFormatter().formatMessage(record))
                        .matches("POST /accounts/[0-9a-f]{32}/tokens -> 200 in \\d+ ms \\(attempt 1\\)"));
        assertThat(texts).anySatisfy(text -> assertThat(text).contains("CloudflareOutcomeUnknownException"));
        assertThat(secrets).hasSizeGreaterThan(8);
        for (String text : texts) {
            for (String secret : secrets) {
                assertThat(text).as("a log line, exception or toString()").doesNotContain(secret);
            }
        }
    }
}
