package dev.cftokens.emulator.http;

/** The Cloudflare error codes the emulator answers with; API.md lists where each was seen. */
public final class ErrorCodes {
    /** Request validation failures, including "Reusing existing policies..." and the common permission check. */
    public static final int VALIDATION = 1001;
    /** A server fault answered on purpose. */
    public static final int INTERNAL = 1000;
    /** Invalid request headers; its error_chain says which. */
    public static final int INVALID_HEADERS = 6003;
    /** In the chain of 6003: the Authorization header is not {@code Bearer <token>}. */
    public static final int BAD_AUTHORIZATION_FORMAT = 6111;
    /** In the chain of 6003: X-Auth-Key without X-Auth-Email. */
    public static final int MISSING_AUTH_EMAIL = 6102;

    /** In the chain of 6003: X-Auth-Email without X-Auth-Key. */
    public static final int MISSING_AUTH_KEY = 6103;
    /** No route for this path; also Cloudflare's 404 for an object id that does not exist. */
    public static final int NO_ROUTE = 7003;
    /** The route exists, the method does not. */
    public static final int METHOD_NOT_ALLOWED = 7001;
    /** Unknown X-Auth-Key / X-Auth-Email pair. */
    public static final int UNKNOWN_GLOBAL_KEY = 9103;
    /** Authenticated, but not allowed to do this. */
    public static final int UNAUTHORIZED = 9109;
    /** Authentication failed; also the code of verify's "This API Token is valid and active" message. */
    public static final int AUTHENTICATION = 10000;
    /** Rate limited. */
    public static final int RATE_LIMITED = 971;
    /** Worker script not found. */
    public static final int SCRIPT_NOT_FOUND = 10007;

    private ErrorCodes() {}
}
