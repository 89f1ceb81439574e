package dev.cftokens.emulator.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class MultipartFormTest {
    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void splitsPartsWithNamesFileNamesAndTypes() {
        String body = "preamble\r\n--xyz\r\nContent-Disposition: form-data; name=\"metadata\"\r\n"
                + "Content-Type: application/json\r\n\r\n{\"a\": 1}\r\n--xyz\r\n"
                + "content-disposition: form-data; name=\"w.js\"; filename=\"w.js\"\r\n"
                + "Content-Type: application/javascript+module\r\n\r\nline1\r\nline2 --xy\r\n--xyz--\r\n";

        MultipartForm form = MultipartForm.parse("multipart/form-data; boundary=\"xyz\"", bytes(body));

        assertThat(form.parts()).hasSize(2);
        assertThat(form.part("metadata").orElseThrow().text()).isEqualTo("{\"a\": 1}");
        MultipartForm.Part code = form.part("w.js").orElseThrow();
        assertThat(code.filename()).isEqualTo("w.js");
        assertThat(code.contentType()).isEqualTo("application/javascript+module");
        assertThat(code.text()).isEqualTo("line1\r\nline2 --xy");
    }

    @Test
    void rejectsBrokenBodies() {
        assertThatThrownBy(() -> MultipartForm.parse("application/json", bytes("{}")))
                .hasMessageContaining("multipart/form-data")
                .hasMessageContaining("application/json");
        assertThatThrownBy(() -> MultipartForm.parse("multipart/form-data", bytes("--x\r\n")))
                .hasMessageContaining("boundary");
        assertThatThrownBy(() -> MultipartForm.parse(
                        "multipart/form-data; boundary=x",
                        bytes("--x\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nunterminated")))
                .hasMessageContaining("not closed");
        assertThatThrownBy(() -> MultipartForm.parse(
                        "multipart/form-data; boundary=x", bytes("--x\r\nContent-Type: text/plain\r\n\r\nv\r\n--x--")))
                .hasMessageContaining("Content-Disposition");
    }
}
