package dev.cftokens.runtime.state;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cftokens.core.json.JsonTrees;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The changes a file state's session made since the file was last written whole: a header line naming the
 * file's content it started from, then one JSON line per {@link StateChange}, appended and forced to disk before
 * the change counts. Rewriting the whole file for every change cost an apply two full rewrites per token (most
 * of the engine's CPU); a line costs one small append. The session writes the file whole once, when it closes,
 * and then deletes the journal; a journal found at open is what a run killed before that left.
 *
 * <p>A kill can cut the last line short, never one before it: a change is acknowledged only once its line is
 * forced, so a line without its newline is a change that never counted and is ignored. Any other unreadable line
 * means the journal is not what cftokens wrote, and it is refused without touching either file.
 */
final class StateJournal implements AutoCloseable {
    static final int VERSION = 1;

    private final Path path;
    private final byte[] base;
    private FileChannel channel; // from the first append until close

    /**
     * @param path the journal
     * @param base the state file's content this session starts from, or null when there is no file; its digest
     *     is taken when the journal is created, so a run that changes nothing spends none
     */
    StateJournal(Path path, byte[] base) {
        this.path = path;
        this.base = base;
    }

    Path path() {
        return path;
    }

    /**
     * What a journal left by an earlier run holds.
     *
     * @param base {@link #digest} of the state file's content the journal started from
     * @param changes its changes, in order
     */
    record Leftover(String base, List<StateChange> changes) {}

    /** {@return the identity of a state file's content: its SHA-256, or {@code none} when there is no file} */
    static String digest(byte[] content) {
        if (content == null) {
            return "none";
        }
        try {
            return "sha256:"
                    + HexFormat.of()
                            .formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /**
     * The journal an earlier run left at {@code path}.
     *
     * @param path the journal
     * @return what it holds, or empty when there is none
     * @throws StateException when the journal cannot be read or is not one cftokens wrote
     */
    static Optional<Leftover> leftover(Path path) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(path);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new StateException("cannot read the state journal " + path + ": " + e.getMessage(), e);
        }
        String base = null;
        List<StateChange> changes = new ArrayList<>();
        int start = 0;
        int number = 0;
        for (int end = indexOf(bytes, start); end >= 0; start = end + 1, end = indexOf(bytes, start)) {
            number++;
            JsonNode line = line(path, bytes, start, end, number);
            if (number == 1) {
                base = base(path, line);
                continue;
            }
            try {
                changes.add(StateChange.of(line, path));
            } catch (IllegalArgumentException | NullPointerException e) {
                throw corrupt(path, "line " + number + " is not a change cftokens wrote (" + e.getMessage() + ")");
            }
        }
        // Bytes after the last newline are a line a kill cut short: its change was never acknowledged. A journal
        // cut short within its header holds no change.
        return Optional.of(new Leftover(base, changes));
    }

    /**
     * Appends lines and forces them to disk. The first append of a session creates the journal (readable by its
     * owner only) with its header and makes its name durable in the directory. After an append failed, the
     * session appends no more (a line cut short there would be followed by others).
     *
     * @param lines complete lines, each ending in a newline
     * @throws IOException when the journal cannot be written; the changes then are not on disk
     */
    void append(List<byte[]> lines) throws IOException {
        boolean created = channel == null;
        if (created) {
            channel = FileChannel.open(
                    path,
                    Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE, StandardOpenOption.APPEND),
                    AtomicFile.privateFileAttributes());
            AtomicFile.writeFully(channel, header());
        }
        for (byte[] line : lines) {
            AtomicFile.writeFully(channel, line);
        }
        channel.force(created);
        if (created) {
            AtomicFile.syncDirectory(path.toAbsolutePath().getParent());
        }
    }

    /** {@return {@code change} as a journal line} */
    static byte[] line(StateChange change) {
        byte[] json = JsonTrees.writeBytes(change.toJson());
        byte[] line = new byte[json.length + 1];
        System.arraycopy(json, 0, line, 0, json.length);
        line[json.length] = '\n';
        return line;
    }

    @Override
    public void close() throws IOException {
        if (channel != null) {
            FileChannel open = channel;
            channel = null;
            open.close();
        }
    }

    private byte[] header() {
        return ("{\"cftokens_state_journal\":" + VERSION + ",\"base\":\"" + digest(base) + "\"}\n")
                .getBytes(StandardCharsets.UTF_8);
    }

    private static JsonNode line(Path path, byte[] bytes, int start, int end, int number) {
        try {
            JsonNode line = JsonTrees.read(new String(bytes, start, end - start, StandardCharsets.UTF_8));
            if (line != null && line.isObject()) {
                return line;
            }
        } catch (IOException e) {
            // reported below, as for a line that is JSON but no object
        }
        throw corrupt(path, "line " + number + " is not a JSON object");
    }

    private static String base(Path path, JsonNode header) {
        JsonNode version = header.get("cftokens_state_journal");
        JsonNode base = header.get("base");
        if (version == null || !version.isIntegralNumber() || base == null || !base.isTextual()) {
            throw corrupt(path, "its first line is not a cftokens state journal's header");
        }
        if (version.asInt() != VERSION) {
            throw new StateException("the state journal " + path + " has version " + version.asText()
                    + ", but this cftokens reads version " + VERSION
                    + "; finish with the cftokens version that wrote it. Both files were left unchanged.");
        }
        return base.asText();
    }

    private static int indexOf(byte[] bytes, int from) {
        for (int i = from; i < bytes.length; i++) {
            if (bytes[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    private static StateException corrupt(Path path, String why) {
        return new StateException("the state journal " + path + " cannot be used: " + why
                + ". It holds the changes of a run that ended before writing the state file beside it;"
                + " cftokens will not overwrite either. Restore both from a backup, or move both aside to start over"
                + " (apply then adopts the tokens it recorded by name and grants, unless run with --no-adopt).");
    }
}
