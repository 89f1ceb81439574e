package dev.cftokens.samples;

import dev.cftokens.emulator.CloudflareEmulator;
import dev.cftokens.runtime.Cloudflare;
import dev.cftokens.runtime.ProvisionedToken;
import dev.cftokens.runtime.Provisioning;
import dev.cftokens.runtime.S3Credentials;
import dev.cftokens.runtime.TokenProvisioner;
import dev.cftokens.runtime.provision.ApplyResult;
import dev.cftokens.runtime.provision.ChangeKind;
import dev.cftokens.runtime.state.FileStateStore;
import dev.cftokens.runtime.workers.Worker;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Runs the four documented scenarios end to end: against Cloudflare when {@code CLOUDFLARE_API_TOKEN}
 * is set, otherwise against an emulator started in this process. Then applies the same declarations
 * again to show that a second run changes nothing.
 */
public final class Samples {
    private static final String DEMO_ZONE_ID = "0123456789abcdef0123456789abcdef";
    private static final String DEMO_BUCKET = "cftokens-sample";
    private static final String WORKER_NAME = "cftokens-sample-worker";

    private final Cloudflare cloudflare;
    private final Provisioning provisioning;
    private final PrintStream out;
    private final String zoneId;
    private final String bucket;

    private Samples(Cloudflare cloudflare, FileStateStore state, PrintStream out, String zoneId, String bucket) {
        this.cloudflare = cloudflare;
        this.provisioning = Provisioning.with(cloudflare).stateStore(state).output(out);
        this.out = out;
        this.zoneId = zoneId;
        this.bucket = bucket;
    }

    public static void main(String[] args) throws IOException {
        PrintStream out = System.out;
        String apiToken = System.getenv("CLOUDFLARE_API_TOKEN");
        if (apiToken != null && !apiToken.isBlank()) {
            out.println("CLOUDFLARE_API_TOKEN is set: provisioning against Cloudflare"
                    + " (state in .cftokens/state.json; remove the tokens with the command line's destroy).");
            String zoneId = System.getenv("CFTOKENS_SAMPLE_ZONE_ID");
            String bucket = System.getenv().getOrDefault("CFTOKENS_SAMPLE_BUCKET", DEMO_BUCKET);
            // Values are kept in the state only when CFTOKENS_PASSPHRASE is set; otherwise a token whose
            // value is needed again is rolled, and the engine says so.
            new Samples(
                            Cloudflare.fromEnvironment(),
                            FileStateStore.inWorkingDirectory(),
                            out,
                            zoneId == null || zoneId.isBlank() ? null : zoneId,
                            bucket)
                    .run();
            return;
        }

        Path stateDir = Files.createTempDirectory("cftokens-samples");
        try (CloudflareEmulator emulator = CloudflareEmulator.start()) {
            out.println(
                    "No CLOUDFLARE_API_TOKEN set: provisioning against the embedded emulator at " + emulator.baseUrl());
            Cloudflare cloudflare = Cloudflare.builder()
                    .baseUrl(emulator.baseUrl())
                    .apiToken(emulator.adminToken())
                    .accountId(emulator.accountId())
                    .build();
            // The emulator forgets everything when it stops, so the state lives in a temporary directory,
            // encrypted under a passphrase made for this run.
            FileStateStore state = FileStateStore.builder()
                    .path(stateDir.resolve("state.json"))
                    .passphrase(randomPassphrase())
                    .build();
            new Samples(cloudflare, state, out, DEMO_ZONE_ID, DEMO_BUCKET).run();
            emulator.workerScript(WORKER_NAME)
                    .ifPresent(script -> out.println(
                            "\nThe emulator holds Worker " + script.name() + " with bindings " + script.bindings()));
            out.printf("The emulator answered %d requests in all.%n", emulator.requestCount());
        } finally {
            deleteRecursively(stateDir);
        }
    }

    private void run() {
        section("1. A read-only token for every zone");
        ProvisionedToken<ReadonlyToken> readonly = provisioning.provision(ReadonlyTokenProvisioner.create());
        describe(readonly);

        section("2. A token limited in time and by client address, for one zone");
        ProvisionedToken<RestrictedToken> restricted = null;
        if (zoneId == null) {
            out.println("   skipped: set CFTOKENS_SAMPLE_ZONE_ID to the 32-hex id of one of your zones");
        } else {
            restricted = provisioning.provision(RestrictedTokenProvisioner.create(zoneId));
            describe(restricted);
        }

        section("3. An R2 token for bucket " + bucket + ", used as S3 credentials");
        ProvisionedToken<R2StorageToken> storage = provisioning.provision(R2StorageTokenProvisioner.create(bucket));
        describe(storage);
        S3Credentials s3 = storage.s3Credentials();
        out.println("   S3 access key id:     " + s3.accessKeyId());
        out.println("   S3 secret access key: " + s3.secretAccessKey());

        section("4. A token bound to a Worker as the secret API_TOKEN");
        ProvisionedToken<WorkerKvToken> kv = provisioning.provision(WorkerKvTokenProvisioner.create());
        describe(kv);
        Worker.named(WORKER_NAME)
                .script("addEventListener('fetch', event => event.respondWith(new Response('Hello from cftokens')));")
                .bind("API_TOKEN", kv)
                .deploy(cloudflare);
        out.println("   deployed Worker " + WORKER_NAME + " with secret binding API_TOKEN");

        section("Second run: the same declarations again");
        List<TokenProvisioner<?>> all = new ArrayList<>(List.of(
                ReadonlyTokenProvisioner.create(),
                R2StorageTokenProvisioner.create(bucket),
                WorkerKvTokenProvisioner.create()));
        if (restricted != null) {
            all.add(RestrictedTokenProvisioner.create(zoneId));
        }
        ApplyResult second = provisioning.apply(all);
        long changed = second.applied().stream()
                .filter(change -> change.kind() != ChangeKind.UNCHANGED)
                .count();
        out.println("   tokens changed by the second run: " + changed + " of "
                + second.applied().size());
    }

    private void describe(ProvisionedToken<?> token) {
        out.println("   id:     " + token.id());
        out.println("   name:   " + token.name());
        out.println("   status: " + token.status().wireName());
        out.println("   value:  " + token.value() + " (" + token.value().length() + " characters, masked)");
    }

    private void section(String title) {
        out.println();
        out.println(title);
    }

    private static void deleteRecursively(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    private static char[] randomPassphrase() {
        byte[] bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        return Base64.getEncoder().encodeToString(bytes).toCharArray();
    }
}
