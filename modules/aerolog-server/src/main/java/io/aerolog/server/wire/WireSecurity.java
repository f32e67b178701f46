package io.aerolog.server.wire;

import io.aerolog.server.security.SecurityService;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import javax.net.ssl.SSLException;

/**
 * The Aerospike port's security: TLS (a Netty context from the listener's certificate and key, and the name
 * clients verify it against; null for none) and access control (the node's {@link SecurityService}; null
 * when security is off, and security messages are then answered SECURITY_NOT_SUPPORTED as Aerospike's
 * community edition answers them).
 */
public record WireSecurity(SslContext tls, String tlsName, SecurityService access) {
    public static final WireSecurity OFF = new WireSecurity(null, null, null);

    /** The port's security of {@code tls} (null: none) and {@code access} (null: off). */
    public static WireSecurity of(io.aerolog.server.security.Tls tls, SecurityService access) {
        if (tls == null) {
            return new WireSecurity(null, null, access);
        }
        try {
            SslContextBuilder b = SslContextBuilder.forServer(tls.keyManagers()).sslProvider(SslProvider.JDK)
                    .clientAuth(switch (tls.clientAuth()) {
                        case NONE -> ClientAuth.NONE;
                        case OPTIONAL -> ClientAuth.OPTIONAL;
                        case REQUIRED -> ClientAuth.REQUIRE;
                    });
            if (tls.trustManagers() != null) {
                b.trustManager(tls.trustManagers());
            }
            return new WireSecurity(b.build(), tls.name(), access);
        } catch (SSLException e) {
            throw new IllegalArgumentException("aerospike.tls does not make a TLS context: " + e.getMessage(), e);
        }
    }
}
