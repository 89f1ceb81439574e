package dev.cftokens.runtime.state;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cftokens.core.json.JsonTrees;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The changes a file state's session made since the file was last written whole: one JSON line per
 * {@link StateChange} after a header line, appended and forced to disk before the change counts as made.
 * Rewriting the whole file for every change cost an apply two full rewrites per token (most of the engine's CPU);
 * a line costs one small append. The session writes the file whole once, when it closes, and then deletes the
 * journal; a journal found at open is what a run killed before that left, and is replayed first.
 *
 * <p>A crash can cut the last line short, never one before it: a change is acknowledged only once its line is
 * forced, so a line without its newline is a change that never counted and is ignored. Any other unreadable line
 * means the journal is not what cftokens wrote, and it is refused without touching either file.
 */
final class StateJournal implements AutoCloseable {
    static final int VERSION = 1;

    private static final byte[] HEADER =
            ("{\"cftokens_state_journal\":" + VERSION + "}\n").getBytes(StandardCharsets.UTF_8);

    private final Path path;
    private FileChannel channel; // from the first append until close
    private IOException broken; // set when a failed append could not be taken back

    StateJournal(Path path) {
        this.path = path;
    }

    Path path() {
        return path;
    }

    /** {@return whether this session appended anything} */
    boolean written() {
        return channel != null;
    }

    /**
     * The changes a journal left by an earlier run holds, in order.
     *
     * @return the changes, or empty when there is no journal
     * @throws StateException when the journal cannot be read or is not one cftokens wrote
     */
    Optional<List<StateChange>> leftover() {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(path);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new StateException("cannot read the state journal " + path + ": " + e.getMessage(), e);
        }
        List<StateChange> changes = new ArrayList<>();
        int start = 0;
        int number = 0;
        for (int end = indexOf(bytes, start); end >= 0; start = end + 1, end = indexOf(bytes, start)) {
            number++;
            JsonNode line = line(bytes, start, end, number);
            if (number == 1) {
                checkHeader(line);
                continue;
            }
            try {
                changes.add(StateChange.of(line, path));
            } catch (IllegalArgumentException | NullPointerException e) {
                throw corrupt("line " + number + " is not a change cftokens wrote (" + e.getMessage() + ")");
            }
        }
        // Bytes after the last newline are a line a crash cut short: its change was never acknowledged.
        return Optional.of(changes);
    }

    /**
     * Appends lines and forces them to disk. The first append of a session creates the journal (readable by its
     * owner only) with its header and makes its name durable in the directory.
     *
     * @param lines complete lines, each ending in a newline
     * @throws IOException when the journal cannot be written; the changes then do not count
     */
    void append(List<byte[]> lines) throws IOException {
        if (broken != null) {
            throw new IOException("an earlier write to it failed (" + broken.getMessage() + ")", broken);
        }
        boolean created = channel == null;
        if (created) {
            channel = FileChannel.open(
                    path,
                    Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE, StandardOpenOption.APPEND),
                    AtomicFile.privateFileAttributes());
        }
        long before = channel.size();
        try {
            if (created) {
                write(HEADER);
            }
            for (byte[] line : lines) {
                write(line);
            }
            channel.force(created);
        } catch (IOException e) {
            // A line cut short here, with lines after it, would make the journal unreadable: take it back.
            try {
                channel.truncate(before);
            } catch (IOException truncation) {
                e.addSuppressed(truncation);
                broken = e;
            }
            throw e;
        }
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

    /** Deletes the journal once the state file holds all it held. */
    void delete() throws IOException {
        close();
        Files.deleteIfExists(path);
    }

    @Override
    public void close() throws IOException {
        if (channel != null) {
            FileChannel open = channel;
            channel = null;
            open.close();
        }
    }

    private void write(byte[] bytes) throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
    }

    private JsonNode line(byte[] bytes, int start, int end, int number) {
        try {
            JsonNode line = JsonTrees.read(new String(bytes, start, end - start, StandardCharsets.UTF_8));
            if (line != null && line.isObject()) {
                return line;
            }
        } catch (IOException e) {
            // reported below, as for a line that is JSON but no object
        }
        throw corrupt("line " + number + " is not a JSON object");
    }

    private void checkHeader(JsonNode header) {
        JsonNode version = header.get("cftokens_state_journal");
        if (version == null || !version.isIntegralNumber()) {
            throw corrupt("its first line is not a cftokens state journal's header");
        }
        if (version.asInt() != VERSION) {
            throw new StateException("the state journal " + path + " has version " + version.asText()
                    + ", but this cftokens reads version " + VERSION
                    + "; finish with the cftokens version that wrote it. Both files were left unchanged.");
        }
    }

    private static int indexOf(byte[] bytes, int from) {
        for (int i = from; i < bytes.length; i++) {
            if (bytes[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    private StateException corrupt(String why) {
        return new StateException("the state journal " + path + " cannot be used: " + why
                + ". It holds the changes of a run that ended before writing the state file beside it;"
                + " cftokens will not overwrite either. Restore both from a backup, or move both aside to start over"
                + " (apply then adopts the tokens it recorded by name and grants, unless run with --no-adopt).");
    }
}
