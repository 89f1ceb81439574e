package dev.cftokens.core.rules;

/**
 * The start of every message about one value, such as {@code CIDR "10.0.0.0/33"}. Built into text only
 * when a message is, so that parsing a valid value allocates no message pieces.
 */
record Subject(String kind, String value) {
    static String quote(String value) {
        return '"' + value + '"';
    }

    @Override
    public String toString() {
        return kind + " " + quote(value);
    }
}
