package io.aerolog.server.security;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import javax.net.ssl.SSLContext;

/**
 * How this node calls another's HTTP API (the peer directory asking a peer about itself, a request
 * forwarded to the node that serves it): over HTTPS with this node's certificate when HTTP has TLS, and
 * signed for the user it acts for when security is on ({@link SecurityService#sign}).
 */
public record PeerHttp(String scheme, SSLContext sslContext, SecurityService security) {
    /** Plain HTTP, unsigned: security and TLS off. */
    public static final PeerHttp PLAIN = new PeerHttp("http", null, null);

    /** An HTTP client builder with this node's TLS, if any. */
    public HttpClient.Builder client() {
        HttpClient.Builder b = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1);
        return sslContext == null ? b : b.sslContext(sslContext);
    }

    /** The address of {@code pathAndQuery} on the node at {@code hostPort}. */
    public URI uri(String hostPort, String pathAndQuery) {
        return URI.create(scheme + "://" + hostPort + pathAndQuery);
    }

    /** Signs the request for {@code user} (null: the node itself) when security is on. */
    public HttpRequest.Builder authorize(HttpRequest.Builder request, String user, String method, String pathAndQuery) {
        return security == null ? request
                : request.header("Authorization", security.sign(user, method, pathAndQuery));
    }
}
