package dev.cftokens.core.rules;

import java.util.Set;

/**
 * Whether a placeholder name can be a Java method name. Written here rather than taken from {@code
 * javax.lang.model.SourceVersion} because core must not need the compiler module (the emulator runs
 * without it).
 */
final class JavaNames {
    // Reserved keywords and literals of Java 17; contextual keywords (var, record, yield...) are legal
    // method names.
    private static final Set<String> RESERVED = Set.of(
            "abstract",
            "assert",
            "boolean",
            "break",
            "byte",
            "case",
            "catch",
            "char",
            "class",
            "const",
            "continue",
            "default",
            "do",
            "double",
            "else",
            "enum",
            "extends",
            "final",
            "finally",
            "float",
            "for",
            "goto",
            "if",
            "implements",
            "import",
            "instanceof",
            "int",
            "interface",
            "long",
            "native",
            "new",
            "package",
            "private",
            "protected",
            "public",
            "return",
            "short",
            "static",
            "strictfp",
            "super",
            "switch",
            "synchronized",
            "this",
            "throw",
            "throws",
            "transient",
            "try",
            "void",
            "volatile",
            "while",
            "true",
            "false",
            "null",
            "_");

    private JavaNames() {}

    static boolean isIdentifier(String name) {
        if (name.isEmpty() || RESERVED.contains(name)) {
            return false;
        }
        int first = name.codePointAt(0);
        if (!Character.isJavaIdentifierStart(first)) {
            return false;
        }
        for (int i = Character.charCount(first); i < name.length(); ) {
            int codePoint = name.codePointAt(i);
            if (!Character.isJavaIdentifierPart(codePoint) || Character.isIdentifierIgnorable(codePoint)) {
                return false;
            }
            i += Character.charCount(codePoint);
        }
        return true;
    }
}
