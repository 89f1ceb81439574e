package dev.cftokens.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Each fault mode, its targeting by kind, and reproducibility from the seed. */
class FaultsTest {
    private static String tokens(CloudflareEmulator emulator) {
        return "/accounts/" + emulator.accountId() + "/tokens";
    }

    @Test
    void latencyDelaysEveryAnswer() {
        try (CloudflareEmulator emulator = CloudflareEmulator.start(
                EmulatorOptions.builder().latency(Duration.ofMillis(300)).build())) {
            ApiClient admin = ApiClient.admin(emulator);
            admin.get("/user"); // connection set up outside the measurement

            long start = System.nanoTime();
            ApiClient.Response response = admin.get("/user");
            long elapsedMillis = (System.nanoTime() - start) / 1_000_000;

            assertThat(response.status()).isEqualTo(200);
            assertThat(elapsedMillis).isGreaterThanOrEqualTo(300);
        }
    }

    @Test
    void serverErrorsAnswer500502Or503WithoutDoingAnything() {
        try (CloudflareEmulator emulator = CloudflareEmulator.start(
                EmulatorOptions.builder().fault(Fault.serverErrors(1.0)).seed(3).build())) {
            ApiClient admin = ApiClient.admin(emulator);
            List<Integer> statuses = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
                ApiClient.Response response = admin.post(tokens(emulator), Bodies.zoneReader("never"));
                statuses.add(response.status());
                if (response.status() == 502) {
                    assertThat(response.headers().firstValue("Content-Type").orElse(""))
                            .startsWith("text/html");
                    assertThat(response.text()).contains("502 Bad Gateway").contains("cloudflare");
                } else {
                    assertThat(response.success()).isFalse();
                    assertThat(response.errorCode()).isGreaterThanOrEqualTo(1000);
                }
            }

            assertThat(statuses).containsOnly(500, 502, 503).contains(500, 502, 503);
            assertThat(emulator.tokens()).isEmpty();
        }
    }

    @Test
    void aShareOfRequestsFailsReproduciblyFromTheSeed() {
        List<Integer> first = statusesWithSeed(42);
        List<Integer> second = statusesWithSeed(42);
        List<Integer> other = statusesWithSeed(43);

        assertThat(first).isEqualTo(second);
        assertThat(first).isNotEqualTo(other);
        assertThat(first).contains(200).containsAnyOf(500, 502, 503);
    }

    private static List<Integer> statusesWithSeed(long seed) {
        EmulatorOptions options = EmulatorOptions.builder()
                .fault(Fault.serverErrors(0.5))
                .seed(seed)
                .build();
        try (CloudflareEmulator emulator = CloudflareEmulator.start(options)) {
            ApiClient admin = ApiClient.admin(emulator);
            List<Integer> statuses = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                statuses.add(admin.get("/user").status());
            }
            return statuses;
        }
    }

    /**
     * The Nth request of a kind meets the same faults whatever other kinds do meanwhile: one emulator serves
     * two kinds one after the other, the other serves them at once from two threads.
     */
    @Test
    void theSeedReproducesFaultsPerKindUnderParallelLoad() throws Exception {
        EmulatorOptions options = EmulatorOptions.builder()
                .fault(Fault.serverErrors(0.5))
                .seed(42)
                .build();
        List<Integer> userInTurn;
        List<Integer> listInTurn;
        try (CloudflareEmulator emulator = CloudflareEmulator.start(options)) {
            ApiClient admin = ApiClient.admin(emulator);
            userInTurn = statuses(admin, "/user");
            listInTurn = statuses(admin, tokens(emulator));
        }
        List<Integer> userAtOnce;
        List<Integer> listAtOnce;
        try (CloudflareEmulator emulator = CloudflareEmulator.start(options)) {
            ApiClient admin = ApiClient.admin(emulator);
            ExecutorService clients = Executors.newFixedThreadPool(2);
            try {
                Future<List<Integer>> user = clients.submit(() -> statuses(admin, "/user"));
                Future<List<Integer>> list = clients.submit(() -> statuses(admin, tokens(emulator)));
                userAtOnce = user.get();
                listAtOnce = list.get();
            } finally {
                clients.shutdownNow();
            }
        }

        assertThat(userAtOnce).isEqualTo(userInTurn).contains(200).containsAnyOf(500, 502, 503);
        assertThat(listAtOnce).isEqualTo(listInTurn).contains(200).containsAnyOf(500, 502, 503);
        assertThat(listInTurn).as("each kind draws its own sequence").isNotEqualTo(userInTurn);
    }

    private static List<Integer> statuses(ApiClient client, String path) {
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            statuses.add(client.get(path).status());
        }
        return statuses;
    }

    @Test
    void rateLimitBurstAnswers429ForTheNextRequestsOfItsKind() {
        try (CloudflareEmulator emulator = CloudflareEmulator.start()) {
            ApiClient admin = ApiClient.admin(emulator);
            emulator.injectFault(Fault.rateLimitBurst(3).on(RequestKind.CREATE_TOKEN));

            for (int i = 0; i < 3; i++) {
                ApiClient.Response limited = admin.post(tokens(emulator), Bodies.zoneReader("burst"));
                assertThat(limited.status()).isEqualTo(429);
                assertThat(limited.errorCode()).isEqualTo(971);
                assertThat(limited.headers().firstValue("retry-after")).isPresent();
                assertThat(limited.headers().firstValue("x-ratelimit-remaining"))
                        .hasValue("0");
                assertThat(admin.get(tokens(emulator)).status())
                        .as("other kinds pass")
                        .isEqualTo(200);
            }

            assertThat(admin.post(tokens(emulator), Bodies.zoneReader("after")).status())
                    .isEqualTo(200);
            assertThat(emulator.tokens()).hasSize(1);
        }
    }

    @Test
    void commitThenDropAppliesTheChangeAndClosesTheConnectionWithoutAnAnswer() {
        try (CloudflareEmulator emulator = CloudflareEmulator.start(EmulatorOptions.builder()
                .fault(Fault.commitThenDrop(1.0).on(RequestKind.CREATE_TOKEN).times(1))
                .build())) {
            ApiClient admin = ApiClient.admin(emulator);

            assertThatThrownBy(() -> admin.post(tokens(emulator), Bodies.zoneReader("committed")))
                    .isInstanceOf(UncheckedIOException.class);

            assertThat(emulator.tokens())
                    .singleElement()
                    .satisfies(t -> assertThat(t.name()).isEqualTo("committed"));
            ApiClient.Response next = admin.post(tokens(emulator), Bodies.zoneReader("answered"));
            assertThat(next.status()).as("the fault was spent after once").isEqualTo(200);
            assertThat(emulator.tokens()).hasSize(2);
        }
    }

    @Test
    void commitThenDropSendsNotASingleByte() throws Exception {
        try (CloudflareEmulator emulator = CloudflareEmulator.start(EmulatorOptions.builder()
                .fault(Fault.commitThenDrop(1.0).on(RequestKind.CREATE_TOKEN))
                .build())) {
            byte[] body = Bodies.zoneReader("raw").getBytes(StandardCharsets.UTF_8);
            try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), emulator.port())) {
                socket.setSoTimeout(5000);
                OutputStream out = socket.getOutputStream();
                out.write(("POST /client/v4" + tokens(emulator) + " HTTP/1.1\r\nHost: localhost\r\n"
                                + "Authorization: Bearer " + emulator.adminToken()
                                + "\r\nContent-Type: application/json\r\n"
                                + "Content-Length: " + body.length + "\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                out.write(body);
                out.flush();
                InputStream in = socket.getInputStream();

                assertThat(in.read()).as("end of stream before any answer").isEqualTo(-1);
            }
            assertThat(emulator.tokens()).hasSize(1);
        }
    }

    @Test
    void faultsTargetTheirKindsAndCanBeCleared() {
        try (CloudflareEmulator emulator = CloudflareEmulator.start()) {
            ApiClient admin = ApiClient.admin(emulator);
            emulator.injectFault(Fault.serverError(503, 1.0).on(RequestKind.LIST_TOKENS, RequestKind.GET_USER));

            assertThat(admin.get(tokens(emulator)).status()).isEqualTo(503);
            assertThat(admin.get("/user").status()).isEqualTo(503);
            assertThat(admin.post(tokens(emulator), Bodies.zoneReader("ok")).status())
                    .isEqualTo(200);

            emulator.clearFaults();

            assertThat(admin.get(tokens(emulator)).status()).isEqualTo(200);
        }
    }

    @Test
    void faultArgumentsAreChecked() {
        assertThatThrownBy(() -> Fault.serverErrors(1.5)).hasMessageContaining("1.5");
        assertThatThrownBy(() -> Fault.serverError(504, 1)).hasMessageContaining("504");
        assertThatThrownBy(() -> Fault.rateLimitBurst(0)).hasMessageContaining("0");
        assertThatThrownBy(() -> Fault.latency(Duration.ofMillis(-1))).hasMessageContaining("negative");
    }
}
