package dev.cftokens.runtime.state;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.cftokens.core.json.JsonTrees;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The state file as written now must stay byte for byte what ObjectMapper with INDENT_OUTPUT wrote before. */
class StateDocumentTest {
    private static final String FILE = """
            {"version": 2,
             "encryption": {"kdf": "PBKDF2WithHmacSHA256", "iterations": 600000, "salt": "c2FsdHNhbHRzYWx0c2FsdA==",
                            "cipher": "AES/GCM/NoPadding",
                            "key_check": {"nonce": "bm9uY2Vub25jZW4w", "ciphertext": "Y2hlY2tjaGVja2NoZWNr"}},
             "tokens": {
               "readonly-token": {"token_id": "ed17574386854bf78a67040be0a770b0", "owner": "account",
                                  "account_id": "023e105f4ecef8ad9ca31a8372d0c353", "name": "Read \\"only\\" é",
                                  "spec_hash": "sha256:00ff",
                                  "value": {"nonce": "bm9uY2Vub25jZTEw", "ciphertext": "dmFsdWV2YWx1ZQ=="},
                                  "issued_at": "2026-12-01T10:00:00Z",
                                  "previous": {"token_id": "bb17574386854bf78a67040be0a770b0",
                                               "retire_at": "2026-12-03T10:00:00Z", "revoked": true},
                                  "generation": 2},
               "no-value": {"token_id": "aa17574386854bf78a67040be0a770b0", "owner": "user",
                            "account_id": "023e105f4ecef8ad9ca31a8372d0c353", "name": "n", "spec_hash": "sha256:01",
                            "generation": 1}},
             "pending_creates": {
               "waiting": {"owner": "account", "account_id": "023e105f4ecef8ad9ca31a8372d0c353",
                           "spec_hash": "sha256:02", "since": "2026-12-03T15:00:00Z"}}}
            """;

    @Test
    void writesWhatObjectMapperWithIndentOutputWroteForTheSameContent() throws Exception {
        StateDocument document = StateDocument.parse(FILE.getBytes(UTF_8), Path.of("state.json"));

        byte[] written = document.toJson();

        byte[] before =
                new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsBytes(JsonTrees.read(FILE));
        assertThat(new String(written, UTF_8)).isEqualTo(new String(before, UTF_8));
        assertThat(StateDocument.parse(written, Path.of("state.json")).toJson()).isEqualTo(written);
    }
}
