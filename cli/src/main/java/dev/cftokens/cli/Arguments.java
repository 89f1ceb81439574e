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
    static final List<String> COMMANDS = List.of("plan", "apply", "destroy", "verify", "permission-groups");

    String command;
    boolean help;
    boolean detailedExitCode;
    boolean allowEmpty;
    boolean noAdopt;
    final List<Path> classPath = new ArrayList<>();
    Path state;
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
            switch (arg) {
                case "-h":
                case "--help":
                    parsed.help = true;
                    break;
                case "--detailed-exitcode":
                    parsed.detailedExitCode = true;
                    break;
                case "--no-adopt":
                    parsed.noAdopt = true;
                    break;
                case "--adopt":
                    // Adopting is the default now; kept so commands written for the former opt-in still run.
                    break;
                case "--allow-empty":
                    parsed.allowEmpty = true;
                    break;
                case "--class-path":
                case "-cp": {
                    String value = inlineValue != null ? inlineValue : value(args, ++i, arg);
                    for (String entry : value.split(File.pathSeparator)) {
                        if (!entry.isBlank()) {
                            parsed.classPath.add(Path.of(entry));
                        }
                    }
                    break;
                }
                case "--state":
                    parsed.state = Path.of(inlineValue != null ? inlineValue : value(args, ++i, arg));
                    break;
                case "--output":
                case "-o":
                    parsed.output = Path.of(inlineValue != null ? inlineValue : value(args, ++i, arg));
                    break;
                case "--parallelism": {
                    String value = inlineValue != null ? inlineValue : value(args, ++i, arg);
                    try {
                        parsed.parallelism = Integer.parseInt(value);
                    } catch (NumberFormatException e) {
                        throw new UsageException("--parallelism takes a number from 1 to "
                                + Provisioning.MAX_PARALLELISM + ", not \"" + value + "\"");
                    }
                    break;
                }
                case "--max-wait":
                    parsed.maxWait = duration(inlineValue != null ? inlineValue : value(args, ++i, arg), arg);
                    break;
                case "--input":
                    parsed.addInput(inlineValue != null ? inlineValue : value(args, ++i, arg));
                    break;
                default:
                    if (arg.startsWith("-")) {
                        throw new UsageException("unknown option " + Quoted.of(arg) + "; see --help");
                    }
                    if (parsed.command == null) {
                        if (!COMMANDS.contains(arg)) {
                            throw new UsageException("unknown command " + Quoted.of(arg) + "; the commands are "
                                    + String.join(", ", COMMANDS));
                        }
                        parsed.command = arg;
                    } else {
                        parsed.positional.add(arg);
                    }
            }
        }
        if (parsed.command == null && !parsed.help) {
            throw new UsageException("name a command: " + String.join(", ", COMMANDS) + "; see --help");
        }
        if (parsed.detailedExitCode && !"plan".equals(parsed.command)) {
            throw new UsageException("--detailed-exitcode applies to plan only");
        }
        if (parsed.allowEmpty && !"plan".equals(parsed.command) && !"apply".equals(parsed.command)) {
            throw new UsageException("--allow-empty applies to plan and apply only");
        }
        if (parsed.noAdopt && !"plan".equals(parsed.command) && !"apply".equals(parsed.command)) {
            throw new UsageException("--no-adopt applies to plan and apply only");
        }
        if (!parsed.positional.isEmpty() && !"destroy".equals(parsed.command)) {
            throw new UsageException(
                    parsed.command + " takes no arguments, but got " + Quoted.of(String.join(" ", parsed.positional)));
        }
        return parsed;
    }

    private void addInput(String assignment) {
        int equals = assignment.indexOf('=');
        int dot = equals < 0 ? -1 : assignment.lastIndexOf('.', equals);
        if (equals < 0 || dot <= 0 || dot == equals - 1) {
            throw new UsageException("--input takes <token id>.<input>=<value>, such as"
                    + " restricted-token.zoneId=023e105f4ecef8ad9ca31a8372d0c353, not " + Quoted.of(assignment));
        }
        inputs.computeIfAbsent(assignment.substring(0, dot), id -> new LinkedHashMap<>())
                .put(assignment.substring(dot + 1, equals), assignment.substring(equals + 1));
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
