package dev.cftokens.runtime.internal.http;

import java.nio.charset.StandardCharsets;

/** Percent-encoding of one URL path segment (RFC 3986's {@code pchar}): ids and script names as sent. */
final class PathSegments {
    private static final String KEPT = "-._~!$&'()*+,;=:@";
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private PathSegments() {}

    /** {@return {@code segment} with every byte outside {@code pchar} written as {@code %XX}} */
    static String encode(String segment) {
        StringBuilder encoded = null;
        byte[] bytes = segment.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < bytes.length; i++) {
            int b = bytes[i] & 0xff;
            boolean kept = b < 0x80 && (Character.isLetterOrDigit(b) || KEPT.indexOf(b) >= 0);
            if (!kept && encoded == null) {
                encoded = new StringBuilder(new String(bytes, 0, i, StandardCharsets.UTF_8));
            }
            if (encoded != null) {
                if (kept) {
                    encoded.append((char) b);
                } else {
                    encoded.append('%').append(HEX[b >> 4]).append(HEX[b & 0xf]);
                }
            }
        }
        return encoded == null ? segment : encoded.toString();
    }
}
