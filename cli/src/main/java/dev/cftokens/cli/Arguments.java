package dev.cftokens.cli;

import dev.cftokens.runtime.Provisioning;
import java.io.File;
import java.nio.file.Path;
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
                case "--input":
                    parsed.addInput(inlineValue != null ? inlineValue : value(args, ++i, arg));
                    break;
                default:
                    if (arg.startsWith("-")) {
                        throw new UsageException("unknown option \"" + arg + "\"; see --help");
                    }
                    if (parsed.command == null) {
                        if (!COMMANDS.contains(arg)) {
                            throw new UsageException(
                                    "unknown command \"" + arg + "\"; the commands are " + String.join(", ", COMMANDS));
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
                    parsed.command + " takes no arguments, but got \"" + String.join(" ", parsed.positional) + "\"");
        }
        return parsed;
    }

    private void addInput(String assignment) {
        int equals = assignment.indexOf('=');
        int dot = equals < 0 ? -1 : assignment.lastIndexOf('.', equals);
        if (equals < 0 || dot <= 0 || dot == equals - 1) {
            throw new UsageException("--input takes <token id>.<input>=<value>, such as"
                    + " restricted-token.zoneId=023e105f4ecef8ad9ca31a8372d0c353, not \"" + assignment + "\"");
        }
        inputs.computeIfAbsent(assignment.substring(0, dot), id -> new LinkedHashMap<>())
                .put(assignment.substring(dot + 1, equals), assignment.substring(equals + 1));
    }

    private static String value(String[] args, int index, String option) {
        if (index >= args.length) {
            throw new UsageException(option + " needs a value; see --help");
        }
        return args[index];
    }
}
