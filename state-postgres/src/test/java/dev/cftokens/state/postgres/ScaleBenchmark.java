package dev.cftokens.state.postgres;

import dev.cftokens.core.model.TokenOwner;
import dev.cftokens.emulator.CloudflareEmulator;
import dev.cftokens.emulator.EmulatedToken;
import dev.cftokens.emulator.EmulatorOptions;
import dev.cftokens.emulator.RequestKind;
import dev.cftokens.runtime.Cloudflare;
import dev.cftokens.runtime.ProvisionedToken;
import dev.cftokens.runtime.Provisioning;
import dev.cftokens.runtime.provision.HandMadeProvisioner;
import dev.cftokens.runtime.state.StateKey;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A fleet larger than the database's connections: K instances (threads, each with a store and connections
 * of its own) of S services start at once against one PostgreSQL with {@code max_connections = 100} and an
 * emulator answering after 50 ms. Prints the time until every instance holds its service's value, the peak
 * of client connections (sampled from {@code pg_stat_activity}) and the requests per instance; fails unless
 * each service ends with one token whose value authenticates. With {@code -Dbenchmark.pgbouncer=session}
 * the instances connect through a real PgBouncer in that pool mode with {@value #BOUNCER_POOL} server
 * connections, and the peak counts PgBouncer's connections to the server.
 *
 * <pre>mvn -q test -pl state-postgres -am -DskipTests -Pfleet-benchmark -Dbenchmark.main=ScaleBenchmark
 *     [-Dbenchmark.args="200 50"] [-Dbenchmark.pgbouncer=session]</pre>
 */
public final class ScaleBenchmark {
    /** PgBouncer's server connections: under max_connections, with room for the sampler and the superuser's. */
    static final int BOUNCER_POOL = 90;

    private ScaleBenchmark() {}

    public static void main(String[] args) throws Exception {
        int instances = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        int services = args.length > 1 ? Integer.parseInt(args[1]) : 50;
        String poolMode = System.getProperty("benchmark.pgbouncer", "").strip();
        StateKey key = StateKey.generate();
        try (RestartableDatabase database = RestartableDatabase.start(100);
                PgBouncer bouncer = poolMode.isEmpty() ? null : bouncer(database, poolMode);
                CloudflareEmulator emulator = CloudflareEmulator.start(
                        EmulatorOptions.builder().latency(Duration.ofMillis(50)).build())) {
            String url = bouncer == null ? database.url() : bouncer.url();
            AtomicInteger peak = new AtomicInteger();
            AtomicBoolean sampling = new AtomicBoolean(true);
            Thread sampler = sampler(database, peak, sampling);
            ExecutorService pool = Executors.newFixedThreadPool(instances);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<String>> started = new ArrayList<>();
            for (int i = 0; i < instances; i++) {
                String service = "service-" + (i % services);
                started.add(pool.submit(() -> {
                    Provisioning provisioning = Provisioning.with(Cloudflare.builder()
                                    .baseUrl(emulator.baseUrl())
                                    .accountId(emulator.accountId())
                                    .apiToken(emulator.adminToken())
                                    .build())
                            .stateStore(PostgresStateStore.builder()
                                    .url(url)
                                    .key(key)
                                    .build());
                    go.await();
                    ProvisionedToken<HandMadeProvisioner.TestToken> token =
                            provisioning.provision(HandMadeProvisioner.zoneReader(service));
                    return service + " " + token.id() + " " + token.value().reveal();
                }));
            }
            long launched = System.nanoTime();
            go.countDown();
            Map<String, String> held = new HashMap<>();
            for (Future<String> instance : started) {
                String[] words = instance.get(10, TimeUnit.MINUTES).split(" ");
                String before = held.putIfAbsent(words[0], words[1] + " " + words[2]);
                if (before != null && !before.equals(words[1] + " " + words[2])) {
                    throw new IllegalStateException("two instances of " + words[0] + " hold different tokens");
                }
            }
            double seconds = (System.nanoTime() - launched) / 1e9;
            sampling.set(false);
            sampler.join();
            pool.shutdown();
            long requests = emulator.requestCount();
            check(emulator, held, services);
            System.out.printf(
                    Locale.ROOT,
                    "%d instances of %d services, max_connections 100%s: all hold a working value after %.2f s;"
                            + " peak server connections %d; requests per instance %.2f; creates %d%n",
                    instances,
                    services,
                    bouncer == null
                            ? ""
                            : ", through PgBouncer (pool_mode = " + poolMode + ", " + BOUNCER_POOL
                                    + " server connections)",
                    seconds,
                    peak.get(),
                    (double) requests / instances,
                    emulator.requestCount(RequestKind.CREATE_TOKEN));
        }
        System.exit(0);
    }

    private static PgBouncer bouncer(RestartableDatabase database, String poolMode) {
        return PgBouncer.start(
                PgBouncer.binary()
                        .orElseThrow(() -> new IllegalStateException("-Dbenchmark.pgbouncer=" + poolMode
                                + " needs the pgbouncer binary on the PATH or in /usr/sbin (apt-get install"
                                + " pgbouncer)")),
                database.port(),
                poolMode,
                BOUNCER_POOL);
    }

    /** One token per service, each value authenticating as it. */
    private static void check(CloudflareEmulator emulator, Map<String, String> held, int services) {
        if (held.size() != services) {
            throw new IllegalStateException(held.size() + " services hold a value, not " + services);
        }
        for (Map.Entry<String, String> service : held.entrySet()) {
            List<EmulatedToken> tokens = emulator.tokens().stream()
                    .filter(token -> token.spec().name().equals(service.getKey()))
                    .toList();
            String[] idAndValue = service.getValue().split(" ");
            if (tokens.size() != 1 || !tokens.get(0).id().equals(idAndValue[0])) {
                throw new IllegalStateException(service.getKey() + " has " + tokens.size() + " tokens");
            }
            String verified = Cloudflare.builder()
                    .baseUrl(emulator.baseUrl())
                    .accountId(emulator.accountId())
                    .apiToken(idAndValue[1])
                    .build()
                    .tokens(TokenOwner.ACCOUNT)
                    .verify()
                    .id();
            if (!verified.equals(idAndValue[0])) {
                throw new IllegalStateException(service.getKey() + "'s value authenticates as " + verified);
            }
        }
    }

    /** Samples the server's client connections other than its own every 10 ms, keeping the peak. */
    private static Thread sampler(RestartableDatabase database, AtomicInteger peak, AtomicBoolean sampling)
            throws Exception {
        Connection connection = database.dataSource().getConnection();
        Thread thread = new Thread(() -> {
            try (connection;
                    Statement statement = connection.createStatement()) {
                while (sampling.get()) {
                    try (ResultSet count = statement.executeQuery("SELECT count(*) FROM pg_stat_activity"
                            + " WHERE backend_type = 'client backend' AND pid <> pg_backend_pid()")) {
                        count.next();
                        peak.accumulateAndGet(count.getInt(1), Math::max);
                    }
                    Thread.sleep(10);
                }
            } catch (Exception e) {
                throw new IllegalStateException("the connection sampler failed", e);
            }
        });
        thread.start();
        return thread;
    }
}
