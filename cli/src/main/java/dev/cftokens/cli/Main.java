package dev.cftokens.cli;

import dev.cftokens.core.model.TokenOwner;
import dev.cftokens.runtime.Cloudflare;
import dev.cftokens.runtime.CloudflareApiException;
import dev.cftokens.runtime.CloudflareException;
import dev.cftokens.runtime.Declarations;
import dev.cftokens.runtime.Provisioning;
import dev.cftokens.runtime.RetryPolicy;
import dev.cftokens.runtime.TokenVerification;
import dev.cftokens.runtime.provision.Plan;
import dev.cftokens.runtime.provision.ProvisioningException;
import dev.cftokens.runtime.provision.ProvisioningOutput;
import dev.cftokens.runtime.provision.RotationRequest;
import dev.cftokens.runtime.provision.TokenGenerations;
import dev.cftokens.runtime.state.FileStateStore;
import dev.cftokens.runtime.state.StateException;
import dev.cftokens.runtime.state.StateKey;
import dev.cftokens.runtime.state.StateStore;
import dev.cftokens.runtime.state.StateStores;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The command line: {@code java -jar cftokens-cli.jar <command>}. Credentials come from the environment
 * ({@code CLOUDFLARE_API_TOKEN}, or {@code CLOUDFLARE_API_KEY} and {@code CLOUDFLARE_EMAIL};
 * {@code CLOUDFLARE_ACCOUNT_ID}, {@code CLOUDFLARE_BASE_URL}); the passphrase for stored values from
 * {@code CFTOKENS_PASSPHRASE}. Exit codes: 0 done, 1 failed, 2 the plan has changes (with
 * {@code plan --detailed-exitcode}).
 */
public final class Main {
    static final int OK = 0;
    static final int FAILED = 1;
    static final int CHANGES = 2;

    static final String USAGE = String.join(
            "\n",
            "Usage: java -jar cftokens-cli.jar <command> [options]",
            "",
            "Commands:",
            "  plan                 show what apply would change; changes nothing",
            "  apply                create, update, repair and delete tokens so Cloudflare matches the declarations",
            "  rotate               give each rotating token whose generation is due its successor, and delete",
            "                       previous generations whose overlap has ended",
            "  rotate --now <ids>   rotate the named declarations now, due or not; with --revoke-previous the",
            "                       generation replaced is deleted at once (a leaked token)",
            "  status               list each recorded token's generations: current, issued, expires, next",
            "                       rotation (with --class-path), and the previous one until it is deleted",
            "  destroy [ids...]     delete every token in the state (asking first; --yes does not ask), or those of",
            "                       the named declarations",
            "  verify               check the configured credentials",
            "  permission-groups    write the account's live permission groups as JSON, for -Acftokens.catalog",
            "  key                  print a new random key for " + StateKey.KEY_VARIABLE,
            "  state copy --from <path or URL> --to <path or URL>",
            "                       copy a state (records, values re-encrypted under the target's key) into an",
            "                       empty one, such as a file into PostgreSQL; --from-key-env <VAR> or",
            "                       --from-passphrase-env <VAR> name the variable with the source's key",
            "",
            "Options:",
            "  --class-path <path>  the application's classes and jars (separated by '" + java.io.File.pathSeparator
                    + "'), searched for declarations under " + Declarations.DIRECTORY,
            "  --input <id>.<name>=<value>",
            "                       a value for a declaration's input, such as --input restricted-token.zoneId=023e...",
            "  --state <file|URL>   the state: a file, or jdbc:postgresql://host:5432/db (default "
                    + StateStores.STATE_VARIABLE + ",",
            "                       else " + FileStateStore.DEFAULT_PATH + ")",
            "  --lock-wait <time>   how long to wait for another run holding the state (default 30s for a file,",
            "                       2m for PostgreSQL)",
            "  --parallelism <n>    changes carried out at once (default: as many as Cloudflare's rate limit and",
            "                       the measured round trip keep busy, " + Provisioning.DEFAULT_PARALLELISM
                    + " before a request was timed)",
            "  --max-wait <time>    how long a request waits out Cloudflare's rate limit, such as 90s or 10m"
                    + " (default " + RetryPolicy.DEFAULT_RATE_LIMIT_WAIT.toMinutes() + "m; 0 fails at once)",
            "  --detailed-exitcode  plan exits 2 when there are changes, 0 when none",
            "  --no-adopt           leave alone tokens no state records that have a declaration's exact name and",
            "                       grants, and create new ones; by default the oldest such token is adopted",
            "                       (--adopt, the former opt-in, is still accepted and changes nothing)",
            "  --allow-empty        let plan and apply run when no declaration is found, deleting every token",
            "                       in the state (without it, finding none is an error)",
            "  --output <file>      where permission-groups writes (default permission-groups.json)",
            "  --yes                destroy every token without asking (needed where no terminal can answer)",
            "  --help               show this help",
            "",
            "Environment: " + Cloudflare.ENV_API_TOKEN + ", or " + Cloudflare.ENV_API_KEY + " and "
                    + Cloudflare.ENV_EMAIL + "; " + Cloudflare.ENV_ACCOUNT_ID + ";",
            Cloudflare.ENV_BASE_URL + "; " + StateStores.STATE_VARIABLE + " (a file or a JDBC URL; "
                    + StateStores.USER_VARIABLE + ", " + StateStores.PASSWORD_VARIABLE + ");",
            StateKey.KEY_VARIABLE + " (base64 256-bit) or " + StateKey.PASSPHRASE_VARIABLE
                    + " (encrypts token values kept in the state).",
            "Services need no minting credential: given " + Cloudflare.ENV_ACCOUNT_ID + " and the same "
                    + StateStores.STATE_VARIABLE + " and",
            StateKey.KEY_VARIABLE + ", without " + Cloudflare.ENV_API_TOKEN
                    + ", provision() serves the tokens applied and rotated here",
            "(consume mode), and plan, apply, rotate and destroy refuse to run.",
            "Exit codes: 0 done, 1 failed, 2 plan has changes (with --detailed-exitcode).");

    private Main() {}

    public static void main(String[] args) {
        System.exit(run(
                args,
                System.out,
                System.err,
                retryPolicy -> Cloudflare.builderFrom(System::getenv)
                        .retryPolicy(retryPolicy)
                        .build()));
    }

    /**
     * Runs one command; returns the exit code.
     *
     * @param cloudflare the client, configured from the environment, with the retry policy the options ask for
     */
    static int run(String[] args, PrintStream out, PrintStream err, Function<RetryPolicy, Cloudflare> cloudflare) {
        return run(args, out, err, cloudflare, Terminal.system());
    }

    /**
     * Runs one command, asking {@code terminal} before a destroy of every token; returns the exit code.
     *
     * @param cloudflare the client, configured from the environment, with the retry policy the options ask for
     */
    static int run(
            String[] args,
            PrintStream out,
            PrintStream err,
            Function<RetryPolicy, Cloudflare> cloudflare,
            Terminal terminal) {
        Arguments arguments;
        try {
            arguments = Arguments.parse(args);
        } catch (UsageException e) {
            err.println("cftokens: " + e.getMessage());
            return FAILED;
        }
        if (arguments.help) {
            out.println(USAGE);
            return OK;
        }
        Supplier<Cloudflare> client = () -> cloudflare.apply(arguments.retryPolicy());
        try (ConsoleLog log = ConsoleLog.install(err)) {
            return execute(arguments, out, err, client, terminal);
        } catch (UsageException
                | CloudflareException
                | StateException
                | ProvisioningException
                | IllegalArgumentException
                | IllegalStateException
                | UncheckedIOException e) {
            // Every one of these carries a message meant for the user and never a secret.
            err.println("cftokens: " + e.getMessage());
            return FAILED;
        }
    }

    private static int execute(
            Arguments arguments,
            PrintStream out,
            PrintStream err,
            Supplier<Cloudflare> cloudflareSupplier,
            Terminal terminal) {
        switch (arguments.command) {
            case "verify":
                return verify(cloudflareSupplier.get(), out);
            case "permission-groups":
                return permissionGroups(cloudflareSupplier.get(), arguments.output, out);
            case "key":
                return StateCommands.key(out, err);
            case "state":
                return StateCommands.copy(arguments, out);
            default:
                break;
        }
        StateStore store = StateCommands.store(arguments.state, arguments.lockWait, System::getenv);
        if ("plan".equals(arguments.command)) {
            store = StateCommands.forPlan(store);
        }
        if ("destroy".equals(arguments.command) && arguments.positional.isEmpty()) {
            DestroyConfirmation.confirm(arguments.yes, terminal, store.describe());
        }
        Provisioning provisioning = provisioning(arguments, store, cloudflareSupplier.get(), out);
        if ("destroy".equals(arguments.command)) {
            if (arguments.positional.isEmpty()) {
                provisioning.destroy();
            } else {
                provisioning.destroy(arguments.positional);
            }
            return OK;
        }
        try (URLClassLoader loader = classLoader(arguments.classPath)) {
            // Loaded once the state is locked, while its recorded tokens are listed.
            Supplier<Declarations.Found> found = () -> declarations(arguments, loader, err);
            if ("plan".equals(arguments.command)) {
                Plan plan = provisioning.plan(found);
                return arguments.detailedExitCode && plan.hasChanges() ? CHANGES : OK;
            }
            if ("rotate".equals(arguments.command)) {
                provisioning.rotate(
                        found,
                        arguments.rotateNow
                                ? new RotationRequest(Set.copyOf(arguments.positional), arguments.revokePrevious)
                                : RotationRequest.DUE);
                return OK;
            }
            if ("status".equals(arguments.command)) {
                return status(provisioning, arguments, loader, out);
            }
            provisioning.apply(found);
            return OK;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close the application's class loader: " + e.getMessage(), e);
        }
    }

    private static Provisioning provisioning(
            Arguments arguments, StateStore store, Cloudflare cloudflare, PrintStream out) {
        Provisioning provisioning = Provisioning.with(cloudflare)
                .stateStore(store)
                .output(ProvisioningOutput.to(out))
                .adoptUnrecorded(!arguments.noAdopt);
        if (arguments.parallelism == null) {
            return provisioning;
        }
        try {
            return provisioning.parallelism(arguments.parallelism);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--parallelism takes a number from 1 to " + Provisioning.MAX_PARALLELISM + ", not "
                    + arguments.parallelism);
        }
    }

    /** Every declaration on the class path, with a value for each of its inputs. */
    private static Declarations.Found declarations(Arguments arguments, ClassLoader loader, PrintStream err) {
        Declarations.Found found = Declarations.on(loader, arguments.classPath).load(arguments.inputs);
        String searched = arguments.classPath.isEmpty()
                ? "cftokens' own class path (no --class-path was given)"
                : "the class path " + arguments.classPath;
        boolean none = found.provisioners().isEmpty() && found.needsInputs().isEmpty();
        if (none && !arguments.inputs.isEmpty()) {
            // Said before the inputs are checked against declarations, of which there are none.
            throw new UsageException("no declarations were found under " + Declarations.DIRECTORY + " on " + searched
                    + ", so --input names none of theirs; compile the application first and pass its classes and"
                    + " jars with --class-path");
        }
        InputCheck.check(arguments.inputs, found);
        if (found.provisioners().isEmpty()) {
            // Planning an empty set deletes every recorded token: never do that because of a forgotten flag.
            if (!arguments.allowEmpty) {
                throw new UsageException("no declarations were found under " + Declarations.DIRECTORY + " on "
                        + searched + "; pass the application's classes and jars with --class-path, or give"
                        + " --allow-empty to " + arguments.command
                        + " with no declarations (which deletes every token in the state)");
            }
            err.println("cftokens: no declarations were found under " + Declarations.DIRECTORY + " on " + searched
                    + "; with --allow-empty every token in the state is planned for deletion");
        }
        return found;
    }

    /** The state's generations, with the schedules of the declarations on the class path, if one is given. */
    private static int status(Provisioning provisioning, Arguments arguments, ClassLoader loader, PrintStream out) {
        List<TokenGenerations> generations = provisioning.status(
                () -> Declarations.on(loader, arguments.classPath).load(arguments.inputs));
        if (generations.isEmpty()) {
            out.println("The state records no tokens.");
            return OK;
        }
        Instant now = provisioning.now();
        generations.forEach(entry -> out.println(entry.describe(now)));
        if (arguments.classPath.isEmpty()) {
            out.println("(pass --class-path to show each rotating token's next rotation and expiry)");
        }
        return OK;
    }

    private static int verify(Cloudflare cloudflare, PrintStream out) {
        String accountId = cloudflare.accountId();
        String described = null;
        for (TokenOwner owner : TokenOwner.values()) {
            try {
                TokenVerification verification = cloudflare.tokens(owner).verify();
                described = owner.name().toLowerCase(Locale.ROOT) + "-owned API token " + verification.id() + ", "
                        + verification.status().wireName()
                        + (verification.expiresOn() == null ? "" : ", expires " + verification.expiresOn());
                break;
            } catch (CloudflareApiException e) {
                if (e.status() >= 500) {
                    throw e;
                }
                // Not a token of this owner: try the other, then fall back to a plain read below.
            }
        }
        // Reading the permission groups proves the credentials work whatever they are (a global API key
        // has no /tokens/verify).
        LivePermissionGroups groups = LivePermissionGroups.read(cloudflare);
        out.println(
                "Credentials: " + (described != null ? described : "accepted, but not an API token (a global API key?)")
                        + "; account " + accountId + ".");
        out.println("They may read the account's " + groups.describe() + "; permission-groups writes all "
                + groups.all().size() + ".");
        return OK;
    }

    private static int permissionGroups(Cloudflare cloudflare, Path output, PrintStream out) {
        LivePermissionGroups groups = LivePermissionGroups.read(cloudflare);
        try {
            Path parent = output.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.writeString(output, groups.all().toJson(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + output + ": " + e.getMessage(), e);
        }
        out.println("Wrote " + groups.describe() + " of account " + groups.accountId() + " to " + output + ".");
        out.println(
                "Compile with -Acftokens.catalog=" + output.toAbsolutePath() + " to check declarations against them.");
        return OK;
    }

    private static URLClassLoader classLoader(List<Path> classPath) {
        List<URL> urls = new ArrayList<>();
        for (Path entry : classPath) {
            if (!Files.exists(entry)) {
                throw new UsageException("--class-path entry " + entry + " does not exist");
            }
            try {
                urls.add(entry.toUri().toURL());
            } catch (MalformedURLException e) {
                throw new UsageException("--class-path entry " + entry + " is not a usable path: " + e.getMessage());
            }
        }
        return new URLClassLoader("cftokens-application", urls.toArray(new URL[0]), Main.class.getClassLoader());
    }
}
