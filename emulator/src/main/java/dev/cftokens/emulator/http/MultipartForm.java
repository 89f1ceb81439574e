package dev.cftokens.emulator.http;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A {@code multipart/form-data} body (RFC 7578) split into its parts. Strict: a body that does not follow
 * the boundary it declares is a 400 saying where it went wrong.
 */
public final class MultipartForm {
    /**
     * One part: its form field name, optional file name and content type, and its bytes.
     *
     * @param name the form field name, such as {@code metadata}
     * @param filename the file name, or null
     * @param contentType the part's Content-Type, or null
     * @param content the bytes
     */
    public record Part(String name, String filename, String contentType, byte[] content) {
        /** {@return the part's bytes as UTF-8 text} */
        public String text() {
            return new String(content, StandardCharsets.UTF_8);
        }
    }

    private final List<Part> parts;

    private MultipartForm(List<Part> parts) {
        this.parts = List.copyOf(parts);
    }

    /** {@return every part, in the body's order} */
    public List<Part> parts() {
        return parts;
    }

    /**
     * {@return the first part with this form field name, if any}
     *
     * @param name the form field name, such as {@code metadata}
     */
    public Optional<Part> part(String name) {
        return parts.stream().filter(p -> p.name().equals(name)).findFirst();
    }

    /**
     * {@return the Content-Type header of {@link #write}'s body with this boundary}
     *
     * @param boundary the boundary
     */
    public static String contentType(String boundary) {
        return "multipart/form-data; boundary=" + boundary;
    }

    /**
     * Writes parts as a multipart/form-data body (each with its file name, which is its name) that {@link
     * #parse} reads back; {@code boundary} must not occur in any part.
     *
     * @param boundary the boundary
     * @param parts the parts, in order
     * @return the body
     */
    public static byte[] write(String boundary, List<Part> parts) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (Part part : parts) {
            out.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + part.name()
                            + "\"; filename=\"" + part.name() + "\"\r\n"
                            + (part.contentType() == null ? "" : "Content-Type: " + part.contentType() + "\r\n")
                            + "\r\n")
                    .getBytes(StandardCharsets.UTF_8));
            out.writeBytes(part.content());
            out.writeBytes("\r\n".getBytes(StandardCharsets.ISO_8859_1));
        }
        out.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.ISO_8859_1));
        return out.toByteArray();
    }

    /**
     * Parses {@code body} by the boundary of {@code contentType}, which must be multipart/form-data.
     *
     * @param contentType the request's Content-Type header, or null
     * @param body the request body
     * @return the parts, in order
     * @throws ApiException a 400 saying where the body breaks the format
     */
    public static MultipartForm parse(String contentType, byte[] body) {
        if (contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith("multipart/form-data")) {
            throw ApiException.validation("Content-Type must be multipart/form-data with a boundary, not "
                    + (contentType == null ? "missing" : "\"" + contentType + "\""));
        }
        String boundary = parameter(contentType, "boundary");
        if (boundary == null || boundary.isEmpty()) {
            throw ApiException.validation("Content-Type \"" + contentType + "\" has no boundary parameter");
        }
        byte[] delimiter = ("--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
        int position = indexOf(body, delimiter, 0);
        if (position < 0) {
            throw ApiException.validation("multipart body never contains its boundary \"" + boundary + "\"");
        }
        List<Part> parts = new ArrayList<>();
        byte[] next = ("\r\n--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
        position += delimiter.length;
        while (true) {
            if (startsWith(body, position, "--")) {
                return new MultipartForm(parts); // the closing delimiter
            }
            if (!startsWith(body, position, "\r\n")) {
                throw ApiException.validation(
                        "multipart body: a boundary line must end in CRLF (part " + (parts.size() + 1) + ")");
            }
            position += 2;
            int headersEnd = indexOf(body, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1), position);
            if (headersEnd < 0) {
                throw ApiException.validation(
                        "multipart body: part " + (parts.size() + 1) + " has no blank line after its headers");
            }
            String headers = new String(body, position, headersEnd - position, StandardCharsets.UTF_8);
            int contentStart = headersEnd + 4;
            int contentEnd = indexOf(body, next, contentStart);
            if (contentEnd < 0) {
                throw ApiException.validation(
                        "multipart body: part " + (parts.size() + 1) + " is not closed by the boundary");
            }
            parts.add(part(headers, Arrays.copyOfRange(body, contentStart, contentEnd), parts.size() + 1));
            position = contentEnd + next.length;
        }
    }

    private static Part part(String headers, byte[] content, int number) {
        String disposition = null;
        String contentType = null;
        for (String line : headers.split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String name = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = line.substring(colon + 1).trim();
            if (name.equals("content-disposition")) {
                disposition = value;
            } else if (name.equals("content-type")) {
                contentType = value;
            }
        }
        if (disposition == null || !disposition.toLowerCase(Locale.ROOT).startsWith("form-data")) {
            throw ApiException.validation(
                    "multipart body: part " + number + " has no Content-Disposition: form-data header");
        }
        String name = parameter(disposition, "name");
        if (name == null || name.isEmpty()) {
            throw ApiException.validation("multipart body: part " + number + " has no name in its Content-Disposition");
        }
        return new Part(name, parameter(disposition, "filename"), contentType, content);
    }

    /** A {@code ; key=value} or {@code ; key="value"} parameter of a header value. */
    private static String parameter(String header, String key) {
        for (String piece : header.split(";")) {
            String trimmed = piece.trim();
            int eq = trimmed.indexOf('=');
            if (eq < 0 || !trimmed.substring(0, eq).trim().equalsIgnoreCase(key)) {
                continue;
            }
            String value = trimmed.substring(eq + 1).trim();
            if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
                value = value.substring(1, value.length() - 1);
            }
            return value;
        }
        return null;
    }

    private static boolean startsWith(byte[] body, int at, String text) {
        if (at + text.length() > body.length) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            if (body[at + i] != text.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private static int indexOf(byte[] body, byte[] needle, int from) {
        outer:
        for (int i = Math.max(0, from); i <= body.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (body[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
