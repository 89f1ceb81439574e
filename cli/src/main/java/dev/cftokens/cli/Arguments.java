package dev.cftokens.cli;

import dev.cftokens.runtime.Provisioning;
import dev.cftokens.runtime.RetryPolicy;
import java.io.File;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The parsed command line: one command, its options, and positional arguments. */
final class Arguments {
    static final List<String> COMMANDS =
            List.of("plan", "apply", "rotate", "status", "destroy", "verify", "permission-groups", "key", "state");

    String command;
    boolean help;
    boolean detailedExitCode;
    boolean allowEmpty;
    boolean noAdopt;
    /** {@code rotate --now}: rotate the named declarations whether or not they are due. */
    boolean rotateNow;
    /** {@code rotate --now --revoke-previous}: delete the replaced generations at once. */
    boolean revokePrevious;
    /** Destroy every token without asking. */
    boolean yes;

    final List<Path> classPath = new ArrayList<>();
    /** A state file path or URL; null for {@code CFTOKENS_STATE} or the default file. */
    String state;
    /** How long to wait for another run's lock on the state; null for the store's default. */
    Duration lockWait;

    String copyFrom;
    String copyTo;
    String fromKeyEnv;
    String fromPassphraseEnv;
    Path output = Path.of("permission-groups.json");
    Integer parallelism;
    /** How long a request may wait out Cloudflare's rate limit; null for the retry policy's default. */
    Duration maxWait;
    /** {@code id -> (input -> value)}. */
    final Map<String, Map<String, String>> inputs = new LinkedHashMap<>();

    final List<String> positional = new ArrayList<>();

    static Arguments parse(String... args) {
        Arguments parsed = new Arguments();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            String inlineValue = null;
            if (arg.startsWith("--") && arg.contains("=")) {
                inlineValue = arg.substring(arg.indexOf('=') + 1);
                arg = arg.substring(0, arg.indexOf('='));
            }
            if (parsed.flag(arg)) {
                continue;
            }
            if (OPTIONS_WITH_VALUES.contains(arg)) {
                parsed.option(arg, inlineValue != null ? inlineValue : value(args, ++i, arg));
            } else {
                parsed.word(arg);
            }
        }
        parsed.checkCombinations();
        return parsed;
    }

    private static final List<String> OPTIONS_WITH_VALUES = List.of(
            "--class-path",
            "-cp",
            "--state",
            "--lock-wait",
            "--from",
            "--to",
            "--from-key-env",
            "--from-passphrase-env",
            "--output",
            "-o",
            "--parallelism",
            "--max-wait",
            "--input");

    /** Sets the flag {@code arg} names; false when it names none. */
    private boolean flag(String arg) {
        switch (arg) {
            case "-h", "--help" -> help = true;
            case "--detailed-exitcode" -> detailedExitCode = true;
            case "--no-adopt" -> noAdopt = true;
            // Adopting is the default now; kept so commands written for the former opt-in still run.
            case "--adopt" -> {}
            case "--allow-empty" -> allowEmpty = true;
            case "--now" -> rotateNow = true;
            case "--revoke-previous" -> revokePrevious = true;
            case "--yes", "-y" -> yes = true;
            default -> {
                return false;
            }
        }
        return true;
    }

    /** Sets the option {@code option}, one of {@link #OPTIONS_WITH_VALUES}, to {@code value}. */
    private void option(String option, String value) {
        switch (option) {
            case "--class-path", "-cp" -> {
                for (String entry : value.split(File.pathSeparator)) {
                    if (!entry.isBlank()) {
                        classPath.add(Path.of(entry));
                    }
                }
            }
            case "--state" -> state = value;
            case "--lock-wait" -> lockWait = duration(value, option);
            case "--from" -> copyFrom = value;
            case "--to" -> copyTo = value;
            case "--from-key-env" -> fromKeyEnv = value;
            case "--from-passphrase-env" -> fromPassphraseEnv = value;
            case "--output", "-o" -> output = Path.of(value);
            case "--parallelism" -> {
                try {
                    parallelism = Integer.parseInt(value);
                } catch (NumberFormatException e) {
                    throw new UsageException("--parallelism takes a number from 1 to " + Provisioning.MAX_PARALLELISM
                            + ", not " + Quoted.of(value));
                }
            }
            case "--max-wait" -> maxWait = duration(value, option);
            case "--input" -> addInput(value);
            default -> throw new IllegalStateException("no handling for the option " + option);
        }
    }

    /** The command, or an argument after it. */
    private void word(String arg) {
        if (arg.startsWith("-")) {
            throw new UsageException("unknown option " + Quoted.of(arg) + "; see --help");
        }
        if (command != null) {
            positional.add(arg);
        } else if (COMMANDS.contains(arg)) {
            command = arg;
        } else {
            throw new UsageException(
                    "unknown command " + Quoted.of(arg) + "; the commands are " + String.join(", ", COMMANDS));
        }
    }

    private void checkCombinations() {
        if (command == null && !help) {
            throw new UsageException("name a command: " + String.join(", ", COMMANDS) + "; see --help");
        }
        if (detailedExitCode && !"plan".equals(command)) {
            throw new UsageException("--detailed-exitcode applies to plan only");
        }
        boolean plans = "plan".equals(command) || "apply".equals(command);
        if (allowEmpty && !plans) {
            throw new UsageException("--allow-empty applies to plan and apply only");
        }
        if (noAdopt && !plans) {
            throw new UsageException("--no-adopt applies to plan and apply only");
        }
        if (yes && !"destroy".equals(command)) {
            throw new UsageException("--yes applies to destroy only");
        }
        boolean copyOption = copyFrom != null || copyTo != null || fromKeyEnv != null || fromPassphraseEnv != null;
        if (copyOption && !"state".equals(command)) {
            throw new UsageException("--from, --to, --from-key-env and --from-passphrase-env apply to state copy only");
        }
        if ((rotateNow || revokePrevious) && !"rotate".equals(command)) {
            throw new UsageException("--now and --revoke-previous apply to rotate only");
        }
        if (revokePrevious && !rotateNow) {
            throw new UsageException("--revoke-previous needs --now and the ids of the tokens to rotate, such as"
                    + " rotate --now --revoke-previous deploy-token");
        }
        if ("rotate".equals(command) && rotateNow != !positional.isEmpty()) {
            throw new UsageException(
                    rotateNow
                            ? "rotate --now needs the ids of the declarations to rotate, such as rotate --now deploy-token"
                            : "rotate without --now rotates the due tokens and takes no ids; to rotate "
                                    + String.join(" ", positional) + " now, give --now");
        }
        if (!positional.isEmpty()
                && !"destroy".equals(command)
                && !"state".equals(command)
                && !"rotate".equals(command)) {
            throw new UsageException(
                    command + " takes no arguments, but got " + Quoted.of(String.join(" ", positional)));
        }
    }

    private void addInput(String assignment) {
        int equals = assignment.indexOf('=');
        int dot = equals < 0 ? -1 : assignment.lastIndexOf('.', equals);
        if (equals < 0 || dot <= 0 || dot == equals - 1) {
            throw new UsageException("--input takes <token id>.<input>=<value>, such as"
                    + " restricted-token.zoneId=023e105f4ecef8ad9ca31a8372d0c353, not " + Quoted.of(assignment));
        }
        String id = assignment.substring(0, dot);
        String input = assignment.substring(dot + 1, equals);
        String value = assignment.substring(equals + 1);
        String earlier =
                inputs.computeIfAbsent(id, any -> new LinkedHashMap<>()).putIfAbsent(input, value);
        if (earlier != null) {
            throw new UsageException("--input " + id + "." + input + " is given twice, as " + Quoted.of(earlier)
                    + " and " + Quoted.of(value) + "; give each input once");
        }
    }

    /** The retry policy of the client: the default, waiting out rate limits as long as {@code --max-wait} says. */
    RetryPolicy retryPolicy() {
        RetryPolicy defaults = RetryPolicy.defaults();
        return maxWait == null ? defaults : defaults.withMaxRateLimitWait(maxWait);
    }

    /** {@code 90s}, {@code 5m}, {@code 1h}, a number of seconds, or an ISO-8601 duration such as {@code PT5M}. */
    private static Duration duration(String value, String option) {
        String text = value.strip().toLowerCase(java.util.Locale.ROOT);
        try {
            if (text.startsWith("pt")) {
                return nonNegative(Duration.parse(text), value, option);
            }
            char unit = text.isEmpty() ? ' ' : text.charAt(text.length() - 1);
            String number = Character.isDigit(unit) ? text : text.substring(0, text.length() - 1);
            long amount = Long.parseLong(number);
            return nonNegative(
                    switch (unit) {
                        case 'h' -> Duration.ofHours(amount);
                        case 'm' -> Duration.ofMinutes(amount);
                        case 's' -> Duration.ofSeconds(amount);
                        default -> {
                            if (!Character.isDigit(unit)) {
                                throw new NumberFormatException();
                            }
                            yield Duration.ofSeconds(amount);
                        }
                    },
                    value,
                    option);
        } catch (NumberFormatException | DateTimeParseException | ArithmeticException e) {
            throw new UsageException(
                    option + " takes a duration such as 90s, 5m or 1h (0 never waits), not " + Quoted.of(value));
        }
    }

    private static Duration nonNegative(Duration duration, String value, String option) {
        if (duration.isNegative()) {
            throw new UsageException(option + " takes a duration of 0 or more, not " + Quoted.of(value));
        }
        return duration;
    }

    private static String value(String[] args, int index, String option) {
        if (index >= args.length) {
            throw new UsageException(option + " needs a value; see --help");
        }
        return args[index];
    }
}
