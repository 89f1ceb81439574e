package dev.cftokens.cli;

/**
 * Text from the command line, quoted for a message: on one line whatever it holds, with line breaks, tabs
 * and other control characters escaped as in Java, so a value pasted with a stray newline shows as such.
 */
final class Quoted {
    private Quoted() {}

    /** {@code "text"}, with {@code \}, {@code "} and control characters escaped. */
    static String of(String text) {
        StringBuilder quoted = new StringBuilder("\"");
        text.codePoints().forEach(c -> {
            switch (c) {
                case '\\' -> quoted.append("\\\\");
                case '"' -> quoted.append("\\\"");
                case '\n' -> quoted.append("\\n");
                case '\r' -> quoted.append("\\r");
                case '\t' -> quoted.append("\\t");
                default -> {
                    if (Character.isISOControl(c) || Character.getType(c) == Character.FORMAT) {
                        quoted.append(String.format("\\u%04x", c));
                    } else {
                        quoted.appendCodePoint(c);
                    }
                }
            }
        });
        return quoted.append('"').toString();
    }
}
