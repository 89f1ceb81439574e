package dev.cftokens.spring;

import dev.cftokens.runtime.Declarations.InputProblem;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Input properties that set no input of their declaration, or hold a value that cannot be used (blank, or
 * with a line break), as the runtime's check of input values finds them.
 */
public class InvalidInputException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient List<InputProblem> problems;

    /** @param problems what is wrong with each input property, none of them a missing value */
    public InvalidInputException(List<InputProblem> problems) {
        super("Input properties cannot be used: " + describe(problems));
        this.problems = List.copyOf(problems);
    }

    /** What is wrong with each input property. */
    public List<InputProblem> problems() {
        return problems;
    }

    /** {@code cftokens.inputs.<id>.<input>}: the property a problem is about. */
    public static String property(InputProblem problem) {
        return "cftokens.inputs." + problem.declarationId() + "." + problem.input();
    }

    /** Each property with what is wrong with it, in the starter's words. */
    static String describe(List<InputProblem> problems) {
        return problems.stream()
                .map(problem -> property(problem) + " " + whatIsWrong(problem))
                .collect(Collectors.joining("; "));
    }

    private static String whatIsWrong(InputProblem problem) {
        return switch (problem.kind()) {
            case UNKNOWN_DECLARATION -> "names no declaration of this application";
            case NO_INPUTS -> "sets an input of " + problem.declarationId() + ", which has none";
            case UNKNOWN_INPUT ->
                "sets no input of " + problem.declarationId() + ", whose inputs are "
                        + String.join(", ", problem.declaredInputs());
            case BLANK -> "is blank";
            case CONTROL_CHARACTER -> "holds a line break or another control character";
            case MISSING -> "has no value";
        };
    }
}
