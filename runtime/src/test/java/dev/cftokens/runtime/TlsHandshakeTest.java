package dev.cftokens.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TlsHandshakeTest {
    /**
     * An https:// base URL pointing at a port that speaks plain HTTP: the server waits for a request line that
     * the client's TLS hello never ends. Without its own bound, each attempt would wait out the read timeout.
     */
    @Test
    void anHttpsUrlOnAPortThatNeverShakesHandsFailsInSecondsSayingWhatToChange() throws Exception {
        List<Socket> accepted = java.util.Collections.synchronizedList(new ArrayList<>());
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Thread acceptor = new Thread(() -> {
                try {
                    while (true) {
                        accepted.add(silent.accept()); // held open, never answered
                    }
                } catch (IOException closed) {
                    // the test is over
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            Cloudflare cloudflare = Cloudflare.builder()
                    .baseUrl("https://127.0.0.1:" + silent.getLocalPort() + "/client/v4")
                    .apiToken(Secret.of(MockCloudflare.API_TOKEN))
                    .accountId(MockCloudflare.ACCOUNT)
                    .build();

            long start = System.nanoTime();
            CloudflareException failure = LeakScan.caught(
                    CloudflareException.class, () -> cloudflare.accountTokens().get("abc"));
            double seconds = (System.nanoTime() - start) / 1e9;

            assertThat(failure)
                    .hasMessageContaining("no TLS handshake with 127.0.0.1:" + silent.getLocalPort() + " within 5 s")
                    .hasMessageContaining("http:// instead of https://");
            // One attempt, bounded by the handshake's own timeout, not four read timeouts of 30 s.
            assertThat(seconds).isLessThan(20);
            assertThat(accepted).hasSize(1);
        } finally {
            for (Socket socket : accepted) {
                socket.close();
            }
        }
    }
}
