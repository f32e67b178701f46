package io.aerolog.server.http;

import io.aerolog.core.AerologException;
import io.aerolog.core.ResultCode;
import io.aerolog.protocol.Failures;
import io.aerolog.server.security.SecurityService;
import io.undertow.server.Connectors;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.AttachmentKey;
import io.undertow.util.Headers;
import io.undertow.util.SameThreadExecutor;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Authentication in front of the routes, as Aerospike's REST gateway asks for it: HTTP Basic credentials
 * of a user of the cluster ({@code Authorization: Basic}), or a request another node signed
 * ({@code Authorization: Aerolog-Node}, for the user it forwards for, or for itself). Missing credentials
 * answer 401 NOT_AUTHENTICATED with {@code WWW-Authenticate}; a user that does not exist 401 INVALID_USER,
 * a wrong password 401 INVALID_PASSWORD. {@code /health} stays open. What the user may do is checked per
 * route once the request is read ({@link HttpRules}).
 *
 * <p>Threading. Credentials this node has verified before are recognised on the I/O thread; new ones are
 * verified by the security service's verifiers (bcrypt), and the request resumes on its I/O thread.
 */
final class HttpAccess implements HttpHandler {
    /** The user the request is served for. */
    static final AttachmentKey<String> USER = AttachmentKey.create(String.class);
    /** Set when another node of the cluster signed the request for itself (it may read the node's info). */
    static final AttachmentKey<Boolean> NODE = AttachmentKey.create(Boolean.class);
    static final String CHALLENGE = "Basic realm=\"Aerolog\", charset=\"UTF-8\"";

    private final SecurityService access;
    private final HttpHandler next;

    HttpAccess(SecurityService access, HttpHandler next) {
        this.access = access;
        this.next = next;
    }

    @Override
    public void handleRequest(HttpServerExchange ex) throws Exception {
        if (ex.getRequestPath().equals("/health")) {
            next.handleRequest(ex);
            return;
        }
        String header = ex.getRequestHeaders().getFirst(Headers.AUTHORIZATION);
        if (header != null && header.startsWith("Aerolog-Node ")) {
            String query = ex.getQueryString();
            String user = access.signed(header, ex.getRequestMethod().toString(),
                    ex.getRequestPath() + (query == null || query.isEmpty() ? "" : "?" + query));
            if (user == null) {
                refuse(ex, new AerologException(ResultCode.INVALID_CREDENTIAL, "the node signature is not this"
                        + " cluster's, or is stale"));
                return;
            }
            if (user.isEmpty()) {
                ex.putAttachment(NODE, true);
            } else {
                ex.putAttachment(USER, user);
            }
            next.handleRequest(ex);
            return;
        }
        String[] credentials = basic(header);
        if (credentials == null) {
            refuse(ex, new AerologException(ResultCode.NOT_AUTHENTICATED, "this node needs a user: send HTTP Basic"
                    + " credentials (Authorization: Basic base64(user:password))"));
            return;
        }
        CompletableFuture<String> verified = access.basic(credentials[0], credentials[1]);
        if (verified.isDone()) {
            resume(ex, verified, false);
            return;
        }
        ex.dispatch(SameThreadExecutor.INSTANCE, () -> verified.whenComplete((u, e) ->
                ex.getIoThread().execute(() -> resume(ex, verified, true))));
    }

    private void resume(HttpServerExchange ex, CompletableFuture<String> verified, boolean dispatched) {
        String user;
        try {
            user = verified.join();
        } catch (RuntimeException e) {
            refuse(ex, Failures.of(e, false));
            return;
        }
        ex.putAttachment(USER, user);
        if (dispatched) {
            Connectors.executeRootHandler(next, ex);
            return;
        }
        try {
            next.handleRequest(ex);
        } catch (Exception e) {
            refuse(ex, Failures.of(e, false));
        }
    }

    /** {user, password} of Basic credentials, or null when the header is not Basic or does not decode. */
    static String[] basic(String header) {
        if (header == null || header.length() < 6 || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            return null;
        }
        try {
            String decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            return colon <= 0 ? null : new String[] {decoded.substring(0, colon), decoded.substring(colon + 1)};
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** A refusal; a 401 carries the Basic challenge, as HTTP requires. */
    static void refuse(HttpServerExchange ex, AerologException e) {
        Reply r = Reply.error(e);
        if (r.status() == 401) {
            r = r.with(Map.of(Headers.WWW_AUTHENTICATE_STRING, CHALLENGE));
        }
        HttpServer.send(ex, r);
    }
}
