package dev.cftokens.runtime.internal.http;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import okhttp3.Call;
import okhttp3.EventListener;
import okhttp3.OkHttpClient;

/**
 * A TLS handshake bounded on its own, far below the read timeout: a server that never answers a handshake
 * (an {@code https://} base URL pointing at a plain-HTTP port, which waits for a request line that never
 * comes) fails in seconds instead of a read timeout per attempt, and fails as what it is, never retried.
 */
final class TlsHandshake {
    /** Longest a handshake may take; a TLS server answers the first flight at once. */
    static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final Map<Call, Watch> watches = new ConcurrentHashMap<>();

    /** Sets the bounded handshake and the watch on a client of cftokens' own (never on an application's). */
    void applyTo(OkHttpClient.Builder http) {
        X509TrustManager trust = platformTrust();
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {trust}, null);
            http.sslSocketFactory(new Bounded(context.getSocketFactory()), trust);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK offers no TLS context: " + e.getMessage(), e);
        }
        http.eventListenerFactory(call -> {
            Watch watch = new Watch();
            watches.put(call, watch);
            return watch;
        });
    }

    /** Forgets {@code call}'s watch; true when it failed during its TLS handshake. */
    boolean failedInHandshake(Call call) {
        Watch watch = watches.remove(call);
        return watch != null && watch.inHandshake;
    }

    /** Forgets {@code call}'s watch once it was answered. */
    void done(Call call) {
        watches.remove(call);
    }

    /** The failure of a TLS handshake that did not complete: the request was never sent. */
    static final class Failed extends IOException {
        private static final long serialVersionUID = 1L;

        Failed(String host, int port, IOException cause) {
            super(
                    "no TLS handshake with " + host + ":" + port + " within " + TIMEOUT.toSeconds() + " s ("
                            + cause.getClass().getSimpleName() + "). If that port serves plain HTTP (a local"
                            + " emulator), give the base URL with http:// instead of https://",
                    cause);
        }
    }

    private static X509TrustManager platformTrust() {
        try {
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init((KeyStore) null);
            for (TrustManager manager : factory.getTrustManagers()) {
                if (manager instanceof X509TrustManager x509) {
                    return x509;
                }
            }
            throw new IllegalStateException("the JDK's default trust managers hold no X509TrustManager");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot read the JDK's default trust store: " + e.getMessage(), e);
        }
    }

    /** Notes whether a call is between the start and the end of a TLS handshake. */
    private static final class Watch extends EventListener {
        volatile boolean inHandshake;

        @Override
        public void secureConnectStart(Call call) {
            inHandshake = true;
        }

        @Override
        public void secureConnectEnd(Call call, okhttp3.Handshake handshake) {
            inHandshake = false;
        }
    }

    /**
     * The platform's factory, with the socket's read timeout set to {@link #TIMEOUT} for the handshake. OkHttp
     * sets the read timeout again once the connection carries requests.
     */
    private static final class Bounded extends SSLSocketFactory {
        private final SSLSocketFactory delegate;

        Bounded(SSLSocketFactory delegate) {
            this.delegate = delegate;
        }

        private static Socket bounded(Socket socket) throws IOException {
            socket.setSoTimeout((int) TIMEOUT.toMillis());
            return socket;
        }

        @Override
        public Socket createSocket(Socket socket, String host, int port, boolean autoClose) throws IOException {
            return bounded(delegate.createSocket(socket, host, port, autoClose));
        }

        @Override
        public Socket createSocket(String host, int port) throws IOException {
            return bounded(delegate.createSocket(host, port));
        }

        @Override
        public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
            return bounded(delegate.createSocket(host, port, localHost, localPort));
        }

        @Override
        public Socket createSocket(InetAddress host, int port) throws IOException {
            return bounded(delegate.createSocket(host, port));
        }

        @Override
        public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
                throws IOException {
            return bounded(delegate.createSocket(address, port, localAddress, localPort));
        }

        @Override
        public String[] getDefaultCipherSuites() {
            return delegate.getDefaultCipherSuites();
        }

        @Override
        public String[] getSupportedCipherSuites() {
            return delegate.getSupportedCipherSuites();
        }
    }
}
